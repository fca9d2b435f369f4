using System.Runtime.InteropServices;

namespace CrossEmu.Isa.Host;

[StructLayout(LayoutKind.Sequential)]
public struct HostRlimit { public ulong Current, Max; }

/// <summary>Process identity, sessions, children, limits and accounting, and what the system says about itself
/// (unistd.h, sys/wait.h, sys/resource.h, sys/times.h, sched.h, sys/utsname.h, sys/sysinfo.h, sys/random.h).</summary>
public static unsafe partial class Libc
{
    public const int RLIMIT_STACK = 3, RLIMIT_NOFILE = 7;

    [LibraryImport(L)] public static partial int getppid();
    [LibraryImport(L)] public static partial int gettid();
    [LibraryImport(L)] public static partial uint getuid();
    [LibraryImport(L)] public static partial uint geteuid();
    [LibraryImport(L)] public static partial uint getgid();
    [LibraryImport(L)] public static partial uint getegid();
    [LibraryImport(L)] public static partial int getpgrp();
    [LibraryImport(L, SetLastError = true)] public static partial int getpgid(int pid);
    [LibraryImport(L, SetLastError = true)] public static partial int getsid(int pid);
    [LibraryImport(L, SetLastError = true)] public static partial int setpgid(int pid, int pgid);
    [LibraryImport(L, SetLastError = true)] public static partial int setsid();
    /// <summary>The waitid system call itself (glibc's wrapper has no rusage argument).</summary>
    public static int waitid(int idType, int id, void* info, int options, void* usage) =>
        (int)syscall(SYS_waitid, idType, id, (long)info, options, (long)usage);
    const long SYS_waitid = 247;
    /// <summary>syscall(2) with five arguments (variadic in C; x86-64 passes them in the same registers).</summary>
    [LibraryImport(L, SetLastError = true)] public static partial long syscall(long number, long a1, long a2, long a3, long a4, long a5);
    [LibraryImport(L, SetLastError = true)]
    public static partial long syscall(long number, long a1, long a2, long a3, long a4, long a5, long a6);
    [LibraryImport(L, SetLastError = true)] public static partial int wait4(int pid, int* status, int options, void* usage);
    [LibraryImport(L, SetLastError = true)] public static partial int prlimit(int pid, int resource, HostRlimit* newLimit, HostRlimit* oldLimit);
    [LibraryImport(L, SetLastError = true)] public static partial int getrusage(int who, long* usage);
    [LibraryImport(L, SetLastError = true)] public static partial long times(long* buf);
    [LibraryImport(L)] public static partial int sched_yield();
    public const int PR_SET_NAME = 15;
    [LibraryImport(L, SetLastError = true)] public static partial int prctl(int option, byte* arg2, nint arg3, nint arg4, nint arg5);
    [LibraryImport(L, SetLastError = true)] public static partial int uname(byte* buf);
    [LibraryImport(L, SetLastError = true)] public static partial int sysinfo(byte* info);
    [LibraryImport(L, SetLastError = true)] public static partial nint getrandom(byte* buf, nuint length, uint flags);
}
