namespace CrossEmu.Machines.Linux.Syscalls;

/// <summary>
/// Syscall implementations by their Linux name. The handlers are written once, ABI-neutral;
/// an ABI's table binds its numbers to these names and may add or replace entries of its own.
/// </summary>
public sealed class SyscallCatalog
{
    readonly Dictionary<string, SyscallImplementation> byName = new();

    public void Add(string name, SyscallHandler handler, string arguments) =>
        byName[name] = new SyscallImplementation(name, handler, arguments);

    /// <summary>Same handler under another name (stat64 and lstat64 variants, 32-bit uid calls...).</summary>
    public void Alias(string name, string existing) => byName[name] = byName[existing] with { Name = name };

    public SyscallImplementation? Find(string name) => byName.GetValueOrDefault(name);

    public IEnumerable<string> Names => byName.Keys;

    /// <summary>Every ABI-neutral handler of the runtime.</summary>
    public static SyscallCatalog CreateCommon()
    {
        var c = new SyscallCatalog();
        FileIoSyscalls.Register(c);
        FileStatusSyscalls.Register(c);
        FileSystemSyscalls.Register(c);
        DirectorySyscalls.Register(c);
        FileAttributeSyscalls.Register(c);
        DescriptorSyscalls.Register(c);
        PollSyscalls.Register(c);
        MemorySyscalls.Register(c);
        TimeSyscalls.Register(c);
        ProcessSyscalls.Register(c);
        ResourceLimitSyscalls.Register(c);
        SignalSyscalls.Register(c);
        SignalSendSyscalls.Register(c);
        SignalWaitSyscalls.Register(c);
        TimerSyscalls.Register(c);
        SocketSyscalls.Register(c);
        EpollSyscalls.Register(c);
        EventFdSyscalls.Register(c);
        SignalFdSyscalls.Register(c);
        Processes.ChildSyscalls.Register(c);
        Processes.ExecSyscalls.Register(c);
        return c;
    }
}
