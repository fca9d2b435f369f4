using System.Runtime.InteropServices;

namespace CrossEmu.Kvm.Native;

/// <summary>The few libc calls the accelerator needs. Every call that can fail sets errno (SetLastError).</summary>
internal static unsafe partial class LibC
{
    public const int O_RDWR = 2, O_CLOEXEC = 0x80000;
    public const int PROT_NONE = 0, PROT_READ = 1, PROT_WRITE = 2, PROT_EXEC = 4;
    public const int SA_RESTART = 0x1000_0000;
    public const int MAP_SHARED = 1, MAP_PRIVATE = 2, MAP_ANONYMOUS = 0x20;
    public static readonly nint MapFailed = -1;

    [LibraryImport("libc", EntryPoint = "open", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int Open(string path, int flags);

    [LibraryImport("libc", EntryPoint = "close", SetLastError = true)]
    public static partial int Close(int fd);

    // ioctl is variadic in C; on x86-64 System V a variadic callee reads integer/pointer arguments from the
    // same registers as a fixed one, so one pointer-sized third argument is the usual, correct binding.
    [LibraryImport("libc", EntryPoint = "ioctl", SetLastError = true)]
    public static partial int Ioctl(int fd, nuint request, nint arg);

    [LibraryImport("libc", EntryPoint = "mmap", SetLastError = true)]
    public static partial nint Mmap(nint addr, nuint length, int prot, int flags, int fd, nint offset);

    [LibraryImport("libc", EntryPoint = "munmap", SetLastError = true)]
    public static partial int Munmap(nint addr, nuint length);

    [LibraryImport("libc", EntryPoint = "mprotect", SetLastError = true)]
    public static partial int Mprotect(nint addr, nuint length, int prot);

    [LibraryImport("libc", EntryPoint = "sigaction", SetLastError = true)]
    public static partial int Sigaction(int signal, SigactionT* action, SigactionT* old);

    [LibraryImport("libc", EntryPoint = "pthread_self")]
    public static partial nuint PthreadSelf();

    /// <summary>Returns an error number (not errno) or 0.</summary>
    [LibraryImport("libc", EntryPoint = "pthread_kill")]
    public static partial int PthreadKill(nuint thread, int signal);

    [LibraryImport("libc", EntryPoint = "__libc_current_sigrtmin")]
    public static partial int CurrentSigRtMin();

    [LibraryImport("libc", EntryPoint = "__libc_current_sigrtmax")]
    public static partial int CurrentSigRtMax();
}

/// <summary>glibc's <c>struct sigaction</c> on x86-64 (152 bytes; checked against the C header by the tests).</summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct SigactionT
{
    public nint Handler;          // sa_handler / sa_sigaction
    public fixed ulong Mask[16];  // sigset_t: 1024 bits
    public int Flags;             // sa_flags
    public int Padding;
    public nint Restorer;         // sa_restorer (glibc fills it in)
}
