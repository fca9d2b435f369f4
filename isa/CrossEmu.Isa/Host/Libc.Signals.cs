using System.Runtime.InteropServices;

namespace CrossEmu.Isa.Host;

/// <summary>glibc's <c>struct sigaction</c> on x86-64 (152 bytes; checked against the C header by the host layer tests).</summary>
[StructLayout(LayoutKind.Sequential)]
public unsafe struct HostSigaction
{
    public nint Handler;          // sa_handler / sa_sigaction
    public fixed ulong Mask[16];  // sigset_t: 1024 bits
    public int Flags;             // sa_flags
    public int Padding;
    public nint Restorer;         // sa_restorer (glibc fills it in)
}

/// <summary>Sending and handling host signals (signal.h, pthread.h); their numbers and flags are in <see cref="HostSignals"/>.</summary>
public static unsafe partial class Libc
{
    [LibraryImport(L, SetLastError = true)] public static partial int kill(int pid, int signal);
    /// <summary>value is union sigval (int or pointer), passed like a pointer.</summary>
    [LibraryImport(L, SetLastError = true)] public static partial int sigqueue(int pid, int signal, nint value);
    [LibraryImport(L, SetLastError = true)] public static partial int sigaction(int signal, HostSigaction* action, HostSigaction* old);
    [LibraryImport(L)] public static partial nuint pthread_self();
    /// <summary>Returns an error number (not errno) or 0.</summary>
    [LibraryImport(L)] public static partial int pthread_kill(nuint thread, int signal);
    /// <summary>SIGRTMIN and SIGRTMAX, which glibc computes at run time (it keeps the first real-time signals for itself).</summary>
    [LibraryImport(L)] public static partial int __libc_current_sigrtmin();
    [LibraryImport(L)] public static partial int __libc_current_sigrtmax();
}

public static unsafe partial class Libc
{
    public const int SIG_UNBLOCK = 1, SIG_SETMASK = 2;
    /// <summary>Returns an error number (not errno) or 0. set and old are 128-byte sigset_t.</summary>
    [LibraryImport(L)] public static partial int pthread_sigmask(int how, ulong* set, ulong* old);
}
