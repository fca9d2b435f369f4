using System.Runtime.InteropServices;

namespace CrossEmu.Isa.Host;

/// <summary>
/// The host C library (glibc on x86-64 Linux): every libc call CrossEmu makes and the host constants those
/// calls take, declared once for every project and split by job over the Libc.*.cs files (as QEMU keeps
/// osdep.h). Names are the C names, so a call reads like the C it stands for. The numbers are the host's
/// (x86-64 = asm-generic); a guest ABI's own numbering belongs to that ABI. Calls that can fail return -1
/// and set errno (SetLastError); wrap them in <see cref="Sys"/> to get the kernel's -errno convention.
/// </summary>
public static unsafe partial class Libc
{
    const string L = "libc";

    /// <summary>Result or -errno, like a raw syscall.</summary>
    public static long Sys(long result) => result == -1 ? -Marshal.GetLastPInvokeError() : result;
}
