using System.Buffers.Binary;
using CrossEmu.Isa.Guests;
using static CrossEmu.Machines.Linux.Elf.ElfConstants;

namespace CrossEmu.Cli.Binfmt;

/// <summary>
/// What binfmt_misc compares to recognise a file: Magic under Mask, at Offset of its first bytes.
/// For a guest ISA it is the start of an ELF header, built from the ISA descriptor's ELF match
/// (e_machine, byte order) and what the loader accepts (ELF32; an executable or a shared object),
/// so there is no second table of ISAs here.
/// </summary>
sealed record BinfmtMagic(int Offset, byte[] Magic, byte[] Mask)
{
    // ELF header offsets (gABI): e_ident[EI_CLASS], e_ident[EI_DATA], e_type, e_machine (the 20 bytes end with it).
    const int EiClass = 4, EiData = 5, EType = 16, EMachine = 18, HeaderPrefix = 20;

    /// <summary>The ELF files of this match, as the loader takes them.</summary>
    public static BinfmtMagic ForElf(ElfMatch elf)
    {
        var magic = new byte[HeaderPrefix];
        var mask = new byte[HeaderPrefix];
        void Byte(int at, byte value) { magic[at] = value; mask[at] = 0xff; }
        void Write16(byte[] to, int at, int value)
        {
            if (elf.BigEndian) BinaryPrimitives.WriteUInt16BigEndian(to.AsSpan(at), (ushort)value);
            else BinaryPrimitives.WriteUInt16LittleEndian(to.AsSpan(at), (ushort)value);
        }
        void Half(int at, int value, int bits) { Write16(magic, at, value); Write16(mask, at, bits); }
        Byte(0, 0x7f);
        Byte(1, (byte)'E');
        Byte(2, (byte)'L');
        Byte(3, (byte)'F');
        Byte(EiClass, ClassElf32);
        Byte(EiData, elf.BigEndian ? DataBig : DataLittle);
        // e_ident's version, OS ABI and padding stay unmasked: the loader ignores them, as Linux's binfmt_elf does.
        // e_type: ET_EXEC or ET_DYN (static-pie and PIE programs), compared on the bits the two share.
        Half(EType, TypeExec & TypeDyn, ~(TypeExec ^ TypeDyn));
        Half(EMachine, elf.Machine, 0xffff);
        return new BinfmtMagic(0, magic, mask);
    }

    /// <summary>Whether a file starting with these bytes is recognised (past its end the kernel compares zeros).</summary>
    public bool Matches(ReadOnlySpan<byte> file)
    {
        for (int i = 0; i < Magic.Length; i++)
        {
            int at = Offset + i;
            byte b = at < file.Length ? file[at] : (byte)0;
            if (((b ^ Magic[i]) & Mask[i]) != 0) return false;
        }
        return true;
    }

    /// <summary>Whether some file is recognised by both: no byte they both compare is asked to differ.</summary>
    public bool Overlaps(BinfmtMagic other)
    {
        for (int i = 0; i < Magic.Length; i++)
        {
            int j = Offset + i - other.Offset;
            if (j < 0 || j >= other.Magic.Length) continue;
            if (((Magic[i] ^ other.Magic[j]) & Mask[i] & other.Mask[j]) != 0) return false;
        }
        return true;
    }
}
