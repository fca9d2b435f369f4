using System.Buffers.Binary;
using System.Text;
using static CrossEmu.Machines.Linux.Elf.ElfConstants;

namespace CrossEmu.Machines.Linux.Elf;

/// <summary>
/// A parsed and validated ELF32 file: header fields, program headers, the interpreter path.
/// Parsing checks everything loading relies on, so a bad file fails here with a one-line
/// GuestLoadException and never half-way through mapping.
/// </summary>
public sealed class ElfFile
{
    public required string Name { get; init; }
    public required byte[] Bytes { get; init; }
    public required bool BigEndian { get; init; }
    public required ushort Type { get; init; }
    public required ushort Machine { get; init; }
    public required uint Entry { get; init; }
    public required uint Flags { get; init; }
    public required uint ProgramHeaderOffset { get; init; }
    public required IReadOnlyList<ElfProgramHeader> ProgramHeaders { get; init; }
    /// <summary>PT_INTERP contents (the dynamic loader path), or null for a static program.</summary>
    public string? Interpreter { get; init; }

    public bool IsPositionIndependent => Type == TypeDyn;
    public IEnumerable<ElfProgramHeader> LoadSegments => ProgramHeaders.Where(p => p.IsLoad);

    /// <summary>Whether PT_GNU_STACK asks for an executable stack (its absence does, as in Linux).</summary>
    public bool WantsExecutableStack
    {
        get
        {
            foreach (var p in ProgramHeaders)
                if (p.Type == PtGnuStack) return (p.Flags & PfX) != 0;
            return true;
        }
    }

    public static ElfFile Load(string path)
    {
        byte[] bytes;
        try { bytes = File.ReadAllBytes(path); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new GuestLoadException($"cannot read: {e.Message}");
        }
        return Parse(bytes, path);
    }

    /// <summary>Parses and validates; errors are GuestLoadExceptions whose message does not repeat the
    /// file name (the caller knows which file it asked for).</summary>
    public static ElfFile Parse(byte[] bytes, string name)
    {
        GuestLoadException Fail(string why) => new(why);

        if (bytes.Length < 4 || bytes[0] != 0x7f || bytes[1] != 'E' || bytes[2] != 'L' || bytes[3] != 'F')
            throw Fail("not an ELF file");
        if (bytes.Length < 6) throw Fail("truncated ELF (header)");
        if (bytes[4] == ClassElf64) throw Fail("ELF64 not supported (only 32-bit guests)");
        if (bytes[4] != ClassElf32) throw Fail($"invalid ELF class {bytes[4]}");
        if (bytes[5] != DataLittle && bytes[5] != DataBig) throw Fail($"invalid ELF data encoding {bytes[5]}");
        if (bytes.Length < Elf32HeaderSize) throw Fail("truncated ELF (header)");
        bool be = bytes[5] == DataBig;

        var r = new Reader(bytes, be);
        // EI_VERSION and e_version are not checked: Linux's binfmt_elf loads a file whatever they say
        // (qemu-user refuses an EI_VERSION other than 1).
        ushort type = r.U16(16), machine = r.U16(18);
        if (type == TypeRel) throw Fail("relocatable object, not an executable");
        if (type == TypeCore) throw Fail("core dump, not an executable");
        if (type != TypeExec && type != TypeDyn) throw Fail($"not an executable (ELF type {type})");

        uint entry = r.U32(24), phoff = r.U32(28), flags = r.U32(36);
        ushort phentsize = r.U16(42), phnum = r.U16(44);
        if (phnum == 0) throw Fail("no program headers");
        if (phentsize != Elf32PhdrSize) throw Fail($"bad program header size {phentsize}");
        if ((ulong)phoff + (ulong)phnum * Elf32PhdrSize > (ulong)bytes.Length) throw Fail("truncated ELF (program headers)");

        var phdrs = new ElfProgramHeader[phnum];
        string? interp = null;
        for (int i = 0; i < phnum; i++)
        {
            int o = (int)phoff + i * Elf32PhdrSize;
            var p = new ElfProgramHeader(r.U32(o), r.U32(o + 4), r.U32(o + 8), r.U32(o + 16), r.U32(o + 20), r.U32(o + 24), r.U32(o + 28));
            phdrs[i] = p;
            if (p.Type is not (PtLoad or PtInterp)) continue;
            // A loadable segment may run past the end of the file: Linux maps it, and its pages past the end
            // raise SIGBUS when touched (ElfLoader). The interpreter's name must be there.
            if (p.Type == PtInterp && (ulong)p.Offset + p.FileSize > (ulong)bytes.Length)
                throw Fail($"truncated ELF (segment {i} lies past the end of the file)");
            if (p.FileSize > p.MemorySize) throw Fail($"bad segment {i}: file size larger than memory size");
            if (p.IsLoad && (ulong)p.VirtualAddress + p.MemorySize > 1UL << 32) throw Fail($"bad segment {i}: beyond 4 GiB");
            if (p.Type == PtInterp)
            {
                var raw = bytes.AsSpan((int)p.Offset, (int)p.FileSize);
                int nul = raw.IndexOf((byte)0);
                interp = Encoding.UTF8.GetString(nul >= 0 ? raw[..nul] : raw);
            }
        }
        if (!phdrs.Any(p => p.IsLoad)) throw Fail("no loadable segments");

        return new ElfFile
        {
            Name = name, Bytes = bytes, BigEndian = be, Type = type, Machine = machine, Entry = entry, Flags = flags,
            ProgramHeaderOffset = phoff, ProgramHeaders = phdrs, Interpreter = interp,
        };
    }

    readonly struct Reader(byte[] bytes, bool bigEndian)
    {
        public ushort U16(int o) =>
            bigEndian ? BinaryPrimitives.ReadUInt16BigEndian(bytes.AsSpan(o)) : BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(o));
        public uint U32(int o) => bigEndian ? BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(o)) : BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(o));
    }
}
