using CrossEmu.Isa;
using CrossEmu.Isa.Memory;

namespace CrossEmu.Jit.Runtime;

/// <summary>Reads guest code for the frontend through the memory contract: only what the guest may execute.</summary>
internal sealed unsafe class GuestCodeReader(IGuestMemory memory, IReadOnlySet<uint>? breakpoints = null) : ICodeReader
{
    public bool EndsBlockBefore(uint address) => breakpoints is { Count: > 0 } set && set.Contains(address);

    public bool TryRead32(uint address, out uint word)
    {
        uint value = 0;
        bool readable = memory.ReadCode(address, new Span<byte>(&value, 4)) == 4;
        word = readable ? value : 0;
        return readable;
    }

    public bool TryRead16(uint address, out ushort half)
    {
        ushort value = 0;
        bool readable = memory.ReadCode(address, new Span<byte>(&value, 2)) == 2;
        half = readable ? value : (ushort)0;
        return readable;
    }

    public int Read(uint address, Span<byte> into) => memory.ReadCode(address, into);
}
