using CrossEmu.Isa;
using CrossEmu.Isa.Memory;

namespace CrossEmu.Jit.Runtime;

/// <summary>Reads guest code for the frontend straight from guest memory, only from executable pages.</summary>
internal sealed unsafe class GuestCodeReader(GuestMemory memory) : ICodeReader
{
    public bool TryRead32(uint address, out uint word)
    {
        bool readable = memory.IsAccessible(address, 4, PagePermissions.Execute);
        word = readable ? *(uint*)(memory.Base + address) : 0;
        return readable;
    }

    public bool TryRead16(uint address, out ushort half)
    {
        bool readable = memory.IsAccessible(address, 2, PagePermissions.Execute);
        half = readable ? *(ushort*)(memory.Base + address) : (ushort)0;
        return readable;
    }

    public int Read(uint address, Span<byte> into)
    {
        // Up to the first page the guest may not execute, and never past the top of the space.
        ulong wanted = Math.Min((ulong)into.Length, (1UL << 32) - address), readable = 0;
        while (readable < wanted)
        {
            uint at = (uint)(address + readable);
            if ((memory.PermissionsAt(at) & PagePermissions.Execute) == 0) break;
            readable = Math.Min(wanted, readable + GuestMemory.PageSize - (at & GuestMemory.PageMask));
        }
        new ReadOnlySpan<byte>(memory.Base + address, (int)readable).CopyTo(into);
        return (int)readable;
    }
}
