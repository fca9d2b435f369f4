namespace CrossEmu.Machines.Linux.Syscalls;

/// <summary>What a signal does to a call blocked in the host (Linux's -ERESTARTSYS and -ERESTARTNOHAND).</summary>
public enum Interruption
{
    /// <summary>Does not block (or waits in the runtime, which signals wake directly: nanosleep, sigsuspend).</summary>
    None,
    /// <summary>EINTR, or run again after the handler when it has SA_RESTART (read, write, wait4, accept...).</summary>
    Restartable,
    /// <summary>Always EINTR once a handler runs (poll, select, epoll_wait: -ERESTARTNOHAND).</summary>
    NeverRestarted,
}

/// <summary>The calls that may block in the host for as long as another process pleases, by Linux name.</summary>
public static class BlockingCalls
{
    static readonly Dictionary<string, Interruption> ByName = new()
    {
        ["read"] = Interruption.Restartable, ["readv"] = Interruption.Restartable, ["write"] = Interruption.Restartable,
        ["writev"] = Interruption.Restartable, ["pread64"] = Interruption.Restartable, ["pwrite64"] = Interruption.Restartable,
        ["open"] = Interruption.Restartable, ["openat"] = Interruption.Restartable, ["creat"] = Interruption.Restartable,
        ["wait4"] = Interruption.Restartable, ["waitid"] = Interruption.Restartable, ["flock"] = Interruption.Restartable,
        ["fcntl64"] = Interruption.Restartable, ["fcntl"] = Interruption.Restartable, ["ioctl"] = Interruption.Restartable,
        ["sendfile64"] = Interruption.Restartable,
        ["accept"] = Interruption.Restartable, ["accept4"] = Interruption.Restartable, ["connect"] = Interruption.Restartable,
        ["recv"] = Interruption.Restartable, ["recvfrom"] = Interruption.Restartable, ["recvmsg"] = Interruption.Restartable,
        ["send"] = Interruption.Restartable, ["sendto"] = Interruption.Restartable, ["sendmsg"] = Interruption.Restartable,
        ["socketcall"] = Interruption.Restartable, ["recvmmsg"] = Interruption.Restartable, ["sendmmsg"] = Interruption.Restartable,
        ["poll"] = Interruption.NeverRestarted, ["ppoll"] = Interruption.NeverRestarted, ["ppoll_time64"] = Interruption.NeverRestarted,
        ["_newselect"] = Interruption.NeverRestarted, ["pselect6"] = Interruption.NeverRestarted,
        ["pselect6_time64"] = Interruption.NeverRestarted, ["epoll_wait"] = Interruption.NeverRestarted,
        ["epoll_pwait"] = Interruption.NeverRestarted, ["epoll_pwait2"] = Interruption.NeverRestarted,
    };

    /// <summary>Calls that block only with some arguments (a futex wait, not a wake).</summary>
    static readonly Dictionary<string, Func<SyscallContext, Interruption>> ByArguments = new()
    {
        ["futex"] = Futex.Interruption, ["futex_time64"] = Futex.Interruption,
    };

    /// <summary>How a call of this name is interrupted, as a function of its arguments (looked up once per
    /// implementation: SyscallImplementation.Blocking).</summary>
    public static Func<SyscallContext, Interruption> For(string name) =>
        ByName.TryGetValue(name, out var kind) ? Fixed[(int)kind]
        : ByArguments.TryGetValue(name, out var decide) ? decide : Fixed[(int)Interruption.None];

    static readonly Func<SyscallContext, Interruption>[] Fixed =
        [.. Enum.GetValues<Interruption>().Select(k => (Func<SyscallContext, Interruption>)(_ => k))];
}
