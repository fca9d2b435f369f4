using CrossEmu.Isa.Host;
using CrossEmu.Machines.Linux.Abi;
using CrossEmu.Machines.Linux.Files;
using CrossEmu.Machines.Linux.Syscalls;
using static CrossEmu.Isa.Host.Errno;
using static CrossEmu.Isa.Host.Libc;

namespace CrossEmu.Machines.Linux.Signals;

/// <summary>
/// A guest signalfd. Guest signals are the runtime's (SignalState), never the host's, so a host signalfd
/// would not see them: the guest's descriptor is a host eventfd instead, which the runtime keeps readable
/// while a signal of the mask is pending (poll, select and epoll see that), and a read dequeues the pending
/// signals of the mask into signalfd_siginfo records, as signalfd_read does. Readiness is set when a signal
/// is posted and rechecked after each read; a signal delivered to a handler meanwhile may leave the eventfd
/// readable with nothing to read (the read then blocks or says EAGAIN).
/// </summary>
sealed class SignalFile : EmulatedFile
{
    readonly LinuxProcess process;
    /// <summary>The runtime's own descriptor of the eventfd (a guest close cannot take it away).</summary>
    readonly int readiness;
    /// <summary>Guards readiness against a signal posted while the last descriptor closes (held without
    /// taking the signal state's lock, so that posting, which holds that lock, can take it).</summary>
    readonly object gate = new();
    bool closed;
    ulong mask;

    SignalFile(LinuxProcess process, int readiness, ulong mask)
    {
        this.process = process;
        this.readiness = readiness;
        this.mask = mask;
        // The creating thread's signals, and the process's shared set, where signals every thread blocks
        // (as signalfd users block them) wait.
        signals = process.Signals;
        signals.Posted += OnPosted;
        if (signals.Shared is { } shared) shared.Posted += OnPosted;
    }

    readonly SignalState signals;

    /// <summary>A new signalfd as a guest descriptor; its number or -errno.</summary>
    public static long Create(LinuxProcess process, ulong mask, bool nonblocking, bool closeOnExec)
    {
        long host = NewReadiness(nonblocking, out int own);
        if (host < 0) return host;
        var file = new SignalFile(process, own, mask);
        long fd = process.Files.Add((int)host, closeOnExec, emulation: file);
        if (fd < 0) file.LastClosed();
        else file.Sync();
        return fd;
    }

    public override ForkedEmulation ForFork => new(ForkedEmulation.SignalFd, Volatile.Read(ref mask));

    /// <summary>A fork child's copy of a parent's signalfd at the same guest number: its own readiness eventfd
    /// (the parent's would be woken by the parent's signals), watching the child's signals.</summary>
    public static void InstallInForkChild(LinuxProcess process, int guestFd, int inheritedHostFd, ulong mask, bool closeOnExec)
    {
        bool nonblocking = (fcntl(inheritedHostFd, F_GETFL, 0) & O_NONBLOCK) != 0;
        close(inheritedHostFd);
        long host = NewReadiness(nonblocking, out int own);
        if (host < 0) return;
        var file = new SignalFile(process, own, mask);
        process.Files.Install(guestFd, (int)host, closeOnExec, file);
        file.Sync();
    }

    /// <summary>The eventfd behind a signalfd: the guest's host descriptor (returned, or -errno) and the runtime's own copy.</summary>
    static long NewReadiness(bool nonblocking, out int own)
    {
        own = -1;
        long host = Sys(eventfd(0, EFD_CLOEXEC | (nonblocking ? EFD_NONBLOCK : 0)));
        if (host < 0) return host;
        long copy = Sys(fcntl((int)host, F_DUPFD_CLOEXEC, 3));
        if (copy < 0) { close((int)host); return copy; }
        own = (int)copy;
        return host;
    }

    /// <summary>signalfd on an existing one: a new mask.</summary>
    public void SetMask(ulong value)
    {
        Volatile.Write(ref mask, value);
        Sync();
    }

    void OnPosted(int signal)
    {
        if ((Volatile.Read(ref mask) & SignalState.Bit(signal)) != 0) Signal();
    }

    unsafe void Signal()
    {
        ulong one = 1;
        lock (gate)
            if (!closed) write(readiness, (byte*)&one, 8);
    }

    /// <summary>Makes the eventfd readable exactly when a signal of the mask is pending.</summary>
    unsafe void Sync()
    {
        var fd = new HostPollFd { Fd = readiness, Events = POLLIN };
        ulong count;
        lock (gate)
            if (!closed && poll(&fd, 1, 0) == 1) read(readiness, (byte*)&count, 8);
        if ((process.Signals.Pending & Volatile.Read(ref mask)) != 0) Signal();
    }

    public override long Read(SyscallContext c, int hostFd, uint address, uint count)
    {
        var layout = c.Abi.Structs.Ipc.SignalfdSiginfo;
        if (count < layout.Size) return -EINVAL;
        var signals = process.Signals;
        ulong set = Volatile.Read(ref mask);
        var records = new List<byte[]>();
        while (records.Count < count / layout.Size && signals.Take(set) is { } info) records.Add(Record(c.Abi, layout, info));
        if (records.Count == 0)
        {
            // Like signalfd_dequeue: wait unless O_NONBLOCK; a signal outside the mask that is not blocked
            // ends the wait with EINTR (its handler runs on the way out).
            if ((fcntl(hostFd, F_GETFL, 0) & O_NONBLOCK) != 0) { Sync(); return -EAGAIN; }
            signals.WaitFor(set | ~signals.Blocked, -1, out _);
            if (signals.Take(set) is not { } taken) { Sync(); return -EINTR; }
            records.Add(Record(c.Abi, layout, taken));
        }
        Sync();
        var bytes = records.SelectMany(r => r).ToArray();
        return c.Write(address, bytes) ? bytes.Length : -EFAULT;
    }

    public override long Write(SyscallContext c, int hostFd, uint address, uint count) => -EINVAL;

    protected override void LastClosed()
    {
        signals.Posted -= OnPosted;
        if (signals.Shared is { } shared) shared.Posted -= OnPosted;
        lock (gate)
        {
            closed = true;
            close(readiness);
        }
    }

    /// <summary>signalfd_copyinfo: who sent it and its value, a child's status, or a fault's address.</summary>
    static byte[] Record(LinuxAbi abi, SignalfdSiginfoLayout l, SignalInfo info)
    {
        var bytes = new byte[l.Size];
        var s = new GuestStruct(bytes, abi.BigEndian);
        s.Put(l.Signo, (uint)info.Signal);
        s.Put(l.Code, (uint)info.Code);
        if (info.AboutChild)
        {
            s.Put(l.Pid, (uint)info.Pid);
            s.Put(l.Uid, info.Uid);
            s.Put(l.Status, info.Value);
        }
        else if (info.Code <= 0)
        {
            s.Put(l.Pid, (uint)info.Pid);
            s.Put(l.Uid, info.Uid);
            s.Put(l.Int, info.Value);
            s.Put(l.Ptr, info.Value);
        }
        else s.Put(l.Addr, info.Address);
        return bytes;
    }
}
