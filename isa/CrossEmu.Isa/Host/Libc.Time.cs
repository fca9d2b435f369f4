using System.Runtime.InteropServices;

namespace CrossEmu.Isa.Host;

[StructLayout(LayoutKind.Sequential)]
public struct HostTimespec { public long Seconds, Nanoseconds; }

[StructLayout(LayoutKind.Sequential)]
public struct HostTimeval { public long Seconds, Microseconds; }

/// <summary>Clocks and sleeping (time.h, sys/time.h).</summary>
public static unsafe partial class Libc
{
    public const int CLOCK_REALTIME = 0, CLOCK_MONOTONIC = 1, CLOCK_BOOTTIME = 7, CLOCK_TAI = 11;
    public const int TIMER_ABSTIME = 1;

    [LibraryImport(L, SetLastError = true)] public static partial int clock_gettime(int clock, HostTimespec* ts);
    [LibraryImport(L, SetLastError = true)] public static partial int clock_getres(int clock, HostTimespec* ts);
    /// <summary>Returns 0 or an errno value (not -1/errno).</summary>
    [LibraryImport(L)] public static partial int clock_nanosleep(int clock, int flags, HostTimespec* request, HostTimespec* remain);
    [LibraryImport(L, SetLastError = true)] public static partial int gettimeofday(HostTimeval* tv, void* tz);
}
