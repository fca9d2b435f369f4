using System.Buffers.Binary;
using CrossEmu.Isa.Memory;
using CrossEmu.Machines.Linux.Memory;

namespace CrossEmu.Machines.Linux.Arm;

/// <summary>
/// The page ARM Linux maps at 0xffff0000 for user space: the kuser helpers armel glibc calls
/// (Documentation/arch/arm/kernel_user_helpers.rst) and the sigreturn trampolines. It holds real
/// ARM code that the CPU runs like any guest code. Assembled with
/// `arm-linux-gnueabi-as -march=armv7-a`, words from objdump; the source is beside each word.
/// </summary>
public static class ArmKuserPage
{
    public const uint Address = 0xffff0000;
    public const uint SigreturnCode = Address + 0x500, RtSigreturnCode = Address + 0x508;
    public const uint Cmpxchg64 = Address + 0xf60, MemoryBarrier = Address + 0xfa0, Cmpxchg = Address + 0xfc0,
        GetTls = Address + 0xfe0, HelperVersion = Address + 0xffc;

    /// <summary>__kuser_helper_version: the number of 32-byte helper slots (0xf60..0xfff), as Linux computes it.</summary>
    public const uint Version = 5;

    /// <summary>(offset in the page, code words).</summary>
    public static readonly (uint Offset, uint[] Words)[] Contents =
    [
        // Signal return trampolines (the retcode of frames without SA_RESTORER), where pre-3.x kernels had them.
        (0x500,
        [
            0xe3a07077, // mov   r7, #119          @ __NR_sigreturn
            0xef000000, // svc   0
            0xe3a070ad, // mov   r7, #173          @ __NR_rt_sigreturn
            0xef000000, // svc   0
        ]),
        // __kuser_cmpxchg64: r0 = &oldval, r1 = &newval, r2 = ptr. r0 = 0 and C set when *ptr was replaced.
        (0xf60,
        [
            0xe92d00f0, // push    {r4, r5, r6, r7}
            0xe1c040d0, // ldrd    r4, r5, [r0]      @ old value
            0xe1c160d0, // ldrd    r6, r7, [r1]      @ new value
            0xf57ff05b, // dmb     ish
            0xe1b20f9f, // 1: ldrexd r0, r1, [r2]    @ current value
            0xe0303004, // eors    r3, r0, r4
            0x00313005, // eorseq  r3, r1, r5
            0x01a23f96, // strexdeq r3, r6, r7, [r2]
            0x03330001, // teqeq   r3, #1            @ store lost the reservation?
            0x0afffff9, // beq     1b
            0xf57ff05b, // dmb     ish
            0xe2730000, // rsbs    r0, r3, #0        @ 0 and C=1 on success
            0xe8bd00f0, // pop     {r4, r5, r6, r7}
            0xe12fff1e, // bx      lr
        ]),
        // __kuser_memory_barrier
        (0xfa0,
        [
            0xf57ff05b, // dmb     ish
            0xe12fff1e, // bx      lr
        ]),
        // __kuser_cmpxchg: r0 = oldval, r1 = newval, r2 = ptr. r0 = 0 and C set when *ptr was replaced.
        (0xfc0,
        [
            0xf57ff05b, // dmb     ish
            0xe1923f9f, // 1: ldrex r3, [r2]
            0xe0533000, // subs    r3, r3, r0
            0x01823f91, // strexeq r3, r1, [r2]
            0x03330001, // teqeq   r3, #1            @ store lost the reservation?
            0x0afffffa, // beq     1b
            0xe2730000, // rsbs    r0, r3, #0        @ 0 and C=1 on success
            0xeaffffef, // b       __kuser_memory_barrier
        ]),
        // __kuser_get_tls: r0 = TPIDRURO (set by the set_tls syscall).
        (0xfe0,
        [
            0xee1d0f70, // mrc     p15, 0, r0, c13, c0, 3
            0xe12fff1e, // bx      lr
        ]),
        (0xffc, [Version]), // __kuser_helper_version
    ];

    /// <summary>The page's 4096 bytes (little-endian, unused parts zero).</summary>
    public static byte[] Build()
    {
        var page = new byte[GuestMemory.PageSize];
        foreach (var (offset, words) in Contents)
            for (int i = 0; i < words.Length; i++)
                BinaryPrimitives.WriteUInt32LittleEndian(page.AsSpan((int)offset + 4 * i), words[i]);
        return page;
    }

    /// <summary>Maps the page read+exec for the guest.</summary>
    public static void Install(AddressSpace space)
    {
        space.MapFresh(Address, GuestMemory.PageSize, Protection.Read | Protection.Write);
        space.Memory.WriteUnchecked(Address, Build());
        space.Memory.Protect(Address, GuestMemory.PageSize, PagePermissions.Read | PagePermissions.Execute);
    }
}
