using System.Buffers.Binary;
using CrossEmu.Isa.Memory;
using CrossEmu.Machines.Linux.Memory;

namespace CrossEmu.Machines.Linux.Mips;

/// <summary>
/// A read+exec page with the two signal return trampolines, where a handler returns (its ra). Linux
/// keeps them in the vDSO; a page of our own also works when the stack is not executable. The code is
/// what libgcc's unwinder recognises: `li v0, __NR_(rt_)sigreturn; syscall`.
/// </summary>
public static class MipsSigreturnPage
{
    /// <summary>The last page of user space, above the stack.</summary>
    public const uint Address = 0x7ffff000;
    public const uint SigreturnCode = Address, RtSigreturnCode = Address + 8;

    public static readonly uint[] Words =
    [
        0x24020000 | MipsSyscallNumbers.Sigreturn,   // li   v0, 4119   (addiu v0, zero, 4119)
        0x0000000c,                                  // syscall
        0x24020000 | MipsSyscallNumbers.RtSigreturn, // li   v0, 4193
        0x0000000c,                                  // syscall
    ];

    public static byte[] Build(bool bigEndian)
    {
        var page = new byte[GuestMemory.PageSize];
        for (int i = 0; i < Words.Length; i++)
        {
            if (bigEndian) BinaryPrimitives.WriteUInt32BigEndian(page.AsSpan(4 * i), Words[i]);
            else BinaryPrimitives.WriteUInt32LittleEndian(page.AsSpan(4 * i), Words[i]);
        }
        return page;
    }

    public static void Install(AddressSpace space, bool bigEndian)
    {
        space.MapFresh(Address, GuestMemory.PageSize, Protection.Read | Protection.Write);
        space.Memory.WriteUnchecked(Address, Build(bigEndian));
        space.Memory.Protect(Address, GuestMemory.PageSize, PagePermissions.Read | PagePermissions.Execute);
    }
}
