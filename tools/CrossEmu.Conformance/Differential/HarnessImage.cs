using System.Buffers.Binary;
using System.Text;

namespace CrossEmu.Conformance.Differential;

/// <summary>
/// The harness ELF of testsuites/conformance/harness (embedded, one per ISA) with a batch of
/// sequences patched in: their code into .seqcode, their initial states into .seqinit and the
/// batch size into .seqparams. The numbers here mirror harness.h.
/// </summary>
sealed class HarnessImage
{
    public const int MaxSequences = 1024;
    public const int SlotWords = 32;
    public const int WindowBytes = 0x10000;
    public const uint HarnessMagic = 0x43455348, RecordMagic = 0x21514553;

    readonly byte[] pristine;
    readonly bool bigEndian;
    readonly (int offset, uint address, int size) code, init, parameters, window;

    public HarnessImage(byte[] elf, bool bigEndian)
    {
        pristine = elf;
        this.bigEndian = bigEndian;
        var sections = ReadSections(elf);
        code = Find(sections, ".seqcode");
        init = Find(sections, ".seqinit");
        parameters = Find(sections, ".seqparams");
        window = Find(sections, ".seqwindow");
        if (U32(elf, parameters.offset) != HarnessMagic) throw new InvalidDataException("harness image: .seqparams has no magic");
    }

    /// <summary>The scratch window's guest address: sequences load and store only inside it.</summary>
    public uint WindowAddress => window.address;

    /// <summary>Address of sequence i's first instruction.</summary>
    public uint CodeAddress(int i) => code.address + (uint)(i * SlotWords * 4);

    /// <summary>The image with these sequences; each init is the ISA's struct init as words.</summary>
    public byte[] Build(IReadOnlyList<uint[]> sequences, IReadOnlyList<uint[]> inits, uint fillSeed, uint endTrap)
    {
        if (sequences.Count > MaxSequences) throw new ArgumentException("too many sequences for one harness image");
        var elf = (byte[])pristine.Clone();
        for (int i = 0; i < sequences.Count; i++)
        {
            var words = sequences[i];
            if (words.Length >= SlotWords) throw new ArgumentException("sequence too long");
            int at = code.offset + i * SlotWords * 4;
            for (int k = 0; k < words.Length; k++) Put(elf, at + 4 * k, words[k]);
            Put(elf, at + 4 * words.Length, endTrap);
            int initWords = inits[i].Length;
            if ((i + 1) * initWords * 4 > init.size) throw new ArgumentException("init block larger than .seqinit");
            for (int k = 0; k < initWords; k++) Put(elf, init.offset + (i * initWords + k) * 4, inits[i][k]);
        }
        Put(elf, parameters.offset + 4, (uint)sequences.Count);
        Put(elf, parameters.offset + 8, fillSeed);
        return elf;
    }

    void Put(byte[] b, int offset, uint v)
    {
        if (bigEndian) BinaryPrimitives.WriteUInt32BigEndian(b.AsSpan(offset), v);
        else BinaryPrimitives.WriteUInt32LittleEndian(b.AsSpan(offset), v);
    }

    uint U32(byte[] b, int offset) =>
        bigEndian ? BinaryPrimitives.ReadUInt32BigEndian(b.AsSpan(offset)) : BinaryPrimitives.ReadUInt32LittleEndian(b.AsSpan(offset));

    static (int, uint, int) Find(Dictionary<string, (int, uint, int)> sections, string name) =>
        sections.TryGetValue(name, out var s) ? s : throw new InvalidDataException($"harness image: no {name} section");

    /// <summary>Section name to (file offset, address, size), from an ELF32 image.</summary>
    Dictionary<string, (int, uint, int)> ReadSections(byte[] elf)
    {
        int shoff = (int)U32(elf, 0x20);
        int shentsize = U16(elf, 0x2e), shnum = U16(elf, 0x30), shstrndx = U16(elf, 0x32);
        int strtab = (int)U32(elf, shoff + shstrndx * shentsize + 0x10);
        var result = new Dictionary<string, (int, uint, int)>();
        for (int i = 0; i < shnum; i++)
        {
            int h = shoff + i * shentsize;
            int nameAt = strtab + (int)U32(elf, h);
            int end = Array.IndexOf(elf, (byte)0, nameAt);
            string name = Encoding.ASCII.GetString(elf, nameAt, end - nameAt);
            result[name] = ((int)U32(elf, h + 0x10), U32(elf, h + 0x0c), (int)U32(elf, h + 0x14));
        }
        return result;
    }

    int U16(byte[] b, int offset) =>
        bigEndian ? BinaryPrimitives.ReadUInt16BigEndian(b.AsSpan(offset)) : BinaryPrimitives.ReadUInt16LittleEndian(b.AsSpan(offset));
}
