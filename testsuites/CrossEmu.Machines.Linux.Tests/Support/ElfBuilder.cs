using System.Buffers.Binary;
using System.Text;

namespace CrossEmu.Machines.Linux.Tests.Support;

/// <summary>A segment for ElfBuilder: contents are placed in the file in order.</summary>
sealed record TestSegment(uint VirtualAddress, byte[] Contents, uint MemorySize, uint Flags, uint Type = 1);

/// <summary>Writes minimal ELF32 files byte by byte, to test the loader on exactly what it must handle.</summary>
static class ElfBuilder
{
    public const uint PfX = 1, PfW = 2, PfR = 4;

    public static byte[] Build(IReadOnlyList<TestSegment> segments, uint entry, ushort machine = 40, ushort type = 2,
        bool bigEndian = false, uint flags = 0x05000200, string? interpreter = null, uint? gnuStackFlags = PfR | PfW)
    {
        var phdrs = new List<TestSegment>(segments);
        if (interpreter != null) phdrs.Insert(0, new TestSegment(0, Encoding.ASCII.GetBytes(interpreter + "\0"), 0, PfR, Type: 3));
        if (gnuStackFlags is { } gs) phdrs.Add(new TestSegment(0, [], 0, gs, Type: 0x6474e551));
        int headerEnd = 52 + 32 * phdrs.Count;
        var file = new List<byte>(new byte[headerEnd]);
        var offsets = new List<uint>();
        foreach (var s in phdrs)
        {
            // Keep offset congruent to the address modulo the page size, as linkers do.
            if (s.Type == 1) while ((file.Count & 0xfff) != (s.VirtualAddress & 0xfff)) file.Add(0);
            offsets.Add((uint)file.Count);
            file.AddRange(s.Contents);
        }
        var b = file.ToArray();
        void U16(int o, ushort v)
        {
            if (bigEndian) BinaryPrimitives.WriteUInt16BigEndian(b.AsSpan(o), v);
            else BinaryPrimitives.WriteUInt16LittleEndian(b.AsSpan(o), v);
        }
        void U32(int o, uint v)
        {
            if (bigEndian) BinaryPrimitives.WriteUInt32BigEndian(b.AsSpan(o), v);
            else BinaryPrimitives.WriteUInt32LittleEndian(b.AsSpan(o), v);
        }
        b[0] = 0x7f; b[1] = (byte)'E'; b[2] = (byte)'L'; b[3] = (byte)'F';
        b[4] = 1; b[5] = (byte)(bigEndian ? 2 : 1); b[6] = 1;
        U16(16, type); U16(18, machine); U32(20, 1); U32(24, entry); U32(28, 52); U32(32, 0); U32(36, flags);
        U16(40, 52); U16(42, 32); U16(44, (ushort)phdrs.Count); U16(46, 40);
        for (int i = 0; i < phdrs.Count; i++)
        {
            int o = 52 + 32 * i;
            var s = phdrs[i];
            U32(o, s.Type); U32(o + 4, offsets[i]); U32(o + 8, s.VirtualAddress); U32(o + 12, s.VirtualAddress);
            U32(o + 16, (uint)s.Contents.Length); U32(o + 20, Math.Max(s.MemorySize, (uint)s.Contents.Length));
            U32(o + 24, s.Flags); U32(o + 28, 0x1000);
        }
        return b;
    }

    /// <summary>A two-segment program: text (r-x) at 0x10100, in the page of the ELF headers, and data+bss (rw-) at 0x20000.</summary>
    public static byte[] TextAndData(ushort type = 2, ushort machine = 40) => Build(
    [
        new TestSegment(0x10100, [0x01, 0x00, 0xa0, 0xe3, 0x1e, 0xff, 0x2f, 0xe1], 8, PfR | PfX),
        new TestSegment(0x20000, [1, 2, 3, 4, 5, 6, 7, 8], 0x3000, PfR | PfW),
    ], entry: 0x10100, type: type, machine: machine);
}
