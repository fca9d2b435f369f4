using CrossEmu.Isa.Host;

namespace CrossEmu.Machines.Linux.Processes;

/// <summary>
/// RLIMIT_NPROC at fork: Linux refuses a new task with EAGAIN when the real user already has as many as the
/// soft limit allows (root is exempt). A fork child here is a CrossEmu process that needs about
/// <see cref="ChildHostTasks"/> host threads to start, and a .NET runtime that cannot create them dies at
/// start-up ("Failed to create CoreCLR"), which the guest would see as a child killed for no reason. So the
/// limits are checked before spawning, by counting the real user's host processes and threads in /proc:
/// the guest's own limit (setrlimit keeps it from the host) against its processes, each of which is one
/// guest task when single-threaded, and the host's limit against the threads a child needs.
/// </summary>
static class TaskLimit
{
    /// <summary>Host threads a starting fork child needs (the runtime's, the guest's, the signal forwarder's).</summary>
    const int ChildHostTasks = 16;

    const int RLIMIT_NPROC = 6;

    /// <summary>True when a fork must fail with EAGAIN.</summary>
    public static bool ForkWouldExceed(LinuxProcess p)
    {
        uint uid = Libc.getuid();
        if (uid == 0) return false;
        ulong host = LinuxProcess.HostLimit(RLIMIT_NPROC);
        ulong guest = p.GuestLimits.TryGetValue(RLIMIT_NPROC, out var set) ? set.Current : ulong.MaxValue;
        if (host == ulong.MaxValue && guest == ulong.MaxValue) return false;
        var (processes, threads) = CountTasksOf(uid);
        return (ulong)processes + 1 > guest || (ulong)threads + ChildHostTasks > host;
    }

    /// <summary>The real user's processes and threads; a CrossEmu process (same name as ours) still starting
    /// counts as the threads it will have, so that children forked in a burst are counted in full.</summary>
    static (int Processes, int Threads) CountTasksOf(uint uid)
    {
        string? ourName = StatusFields("/proc/self").Name;
        int processes = 0, threads = 0;
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!char.IsAsciiDigit(Path.GetFileName(dir)[0])) continue;
            var (name, realUid, count) = StatusFields(dir);
            if (realUid != uid) continue;
            processes++;
            threads += name == ourName ? Math.Max(count, ChildHostTasks) : count;
        }
        return (processes, threads);
    }

    /// <summary>Name, real uid and thread count from /proc/PID/status (uid -1 when the process is gone).</summary>
    static (string? Name, long RealUid, int Threads) StatusFields(string dir)
    {
        string? name = null;
        long uid = -1;
        int threads = 0;
        try
        {
            foreach (var line in File.ReadLines(Path.Combine(dir, "status")))
            {
                if (line.StartsWith("Name:", StringComparison.Ordinal)) name = line[5..].Trim();
                else if (line.StartsWith("Uid:", StringComparison.Ordinal))
                    uid = uint.TryParse(line[4..].TrimStart().Split('\t')[0], out uint real) ? real : -1;
                else if (line.StartsWith("Threads:", StringComparison.Ordinal)) int.TryParse(line.AsSpan(8).Trim(), out threads);
            }
        }
        catch (IOException) { return (null, -1, 0); }   // the process ended meanwhile
        catch (UnauthorizedAccessException) { return (null, -1, 0); }
        return (name, uid, threads);
    }
}
