using System.Runtime.InteropServices;

namespace CrossEmu.Isa.Host;

/// <summary>struct itimerval: the reload interval, then the time to the next expiry.</summary>
[StructLayout(LayoutKind.Sequential)]
public struct HostItimerval { public HostTimeval Interval, Value; }

/// <summary>What forwarding host signals takes beyond Libc.Signals (fcntl.h, sys/time.h): a wake-up pipe whose
/// writer never blocks inside a signal handler, and the host's own interval timer, whose SIGALRM floods test the
/// forwarder.</summary>
public static unsafe partial class Libc
{
    public const int O_NONBLOCK = 0x800;
    public const int ITIMER_REAL = 0;

    [LibraryImport(L, SetLastError = true)] public static partial int setitimer(int which, HostItimerval* value, HostItimerval* old);
}
