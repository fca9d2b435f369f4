using static CrossEmu.Isa.Host.Errno;
using static CrossEmu.Isa.Host.Libc;

namespace CrossEmu.Machines.Linux.Files;

/// <summary>One open guest descriptor: the host descriptor behind it and the guest's FD_CLOEXEC.
/// Listing is set for a directory whose entries the runtime makes up (/proc/self/fd), Emulation for a
/// file whose reads and writes the runtime carries out (signalfd, a big-endian guest's eventfd).</summary>
public sealed record GuestDescriptor(int HostFd, bool CloseOnExec, VirtualDirectory? Listing = null, EmulatedFile? Emulation = null);

/// <summary>
/// The guest's descriptor numbers, as the kernel's fd table keeps them: the lowest free number first,
/// RLIMIT_NOFILE as the bound, FD_CLOEXEC per number. Each entry owns a host descriptor that the
/// runtime opened with O_CLOEXEC (so no host process the runtime starts inherits it by accident),
/// and the runtime's own descriptors (its stdio, the .NET runtime's files and pipes) are not in it:
/// whatever the guest closes, duplicates over or reads, it cannot reach them. Shared by the threads
/// of a process (CLONE_FILES), so every operation takes the lock.
/// </summary>
public sealed class DescriptorTable
{
    readonly object gate = new();
    readonly SortedDictionary<int, GuestDescriptor> open = new();
    /// <summary>The emulated files by host descriptor (each entry owns its own host descriptor).</summary>
    readonly Dictionary<int, EmulatedFile> emulated = new();

    /// <summary>The soft RLIMIT_NOFILE the guest sees: no guest descriptor is this number or above.</summary>
    public int Limit { get; set; } = 1024;

    /// <summary>A table whose 0, 1 and 2 are duplicates of the host's standard descriptors (those that are open).</summary>
    public static DescriptorTable WithStandardStreams()
    {
        var table = new DescriptorTable();
        ulong limit = LinuxProcess.HostLimit(RLIMIT_NOFILE);
        table.Limit = limit > 0 ? (int)Math.Min(limit, 1 << 20) : 1024;
        for (int fd = 0; fd <= 2; fd++)
        {
            int host = fcntl(fd, F_DUPFD_CLOEXEC, HostMinimum);
            if (host >= 0) table.open[fd] = new GuestDescriptor(host, false);
        }
        return table;
    }

    /// <summary>
    /// The descriptors the emulator's process inherited, as the guest would have inherited them: 0-2 as
    /// copies of the standard streams, and every other descriptor without FD_CLOEXEC (`3&lt;file crossemu
    /// run prog`, a pipe a build tool passes down) under its own number. Those are moved into the table
    /// (the host number is closed once copied), so the runtime neither uses nor passes them on.
    /// The .NET runtime opens all of its own descriptors with O_CLOEXEC.
    /// </summary>
    public static DescriptorTable Inherited()
    {
        var table = WithStandardStreams();
        foreach (var entry in Directory.EnumerateFileSystemEntries("/proc/self/fd").ToList())
        {
            if (!int.TryParse(Path.GetFileName(entry), out int fd) || fd <= 2) continue;
            int flags = fcntl(fd, F_GETFD, 0);
            if (flags < 0 || (flags & FD_CLOEXEC) != 0) continue;
            int host = fcntl(fd, F_DUPFD_CLOEXEC, HostMinimum);
            if (host < 0) continue;
            close(fd);
            table.open[fd] = new GuestDescriptor(host, false);
        }
        return table;
    }

    /// <summary>Host copies of guest descriptors start here, out of the way of the host's stdio.</summary>
    const int HostMinimum = 3;

    /// <summary>Installs a host descriptor (which the table then owns) at the lowest free number at or
    /// above lowest; returns it, or -EMFILE (the host descriptor is closed then).</summary>
    public long Add(int hostFd, bool closeOnExec, int lowest = 0, VirtualDirectory? listing = null, EmulatedFile? emulation = null)
    {
        lock (gate)
        {
            int fd = Math.Max(lowest, 0);
            foreach (var used in open.Keys)
            {
                if (used < fd) continue;
                if (used != fd) break;
                fd++;
            }
            if (fd >= Limit)
            {
                close(hostFd);
                return -EMFILE;
            }
            open[fd] = Remember(new GuestDescriptor(hostFd, closeOnExec, listing, emulation));
            return fd;
        }
    }

    /// <summary>Puts a host descriptor (which the table then owns) under a given guest number (a fork child's start).</summary>
    public void Install(int fd, int hostFd, bool closeOnExec, EmulatedFile? emulation = null)
    {
        GuestDescriptor? replaced;
        lock (gate)
        {
            open.Remove(fd, out replaced);
            open[fd] = Remember(new GuestDescriptor(hostFd, closeOnExec, Emulation: emulation));
        }
        if (replaced != null) Forget(replaced);
    }

    /// <summary>The host result of a call that made a descriptor, installed; errors pass through.</summary>
    public long AddResult(long hostResult, bool closeOnExec) => hostResult < 0 ? hostResult : Add((int)hostResult, closeOnExec);

    public GuestDescriptor? this[int fd]
    {
        get { lock (gate) return open.GetValueOrDefault(fd); }
    }

    /// <summary>The emulated file behind a host descriptor of the table, or null for a plain host file.</summary>
    public EmulatedFile? EmulationOf(int hostFd)
    {
        if (Volatile.Read(ref emulatedCount) == 0) return null;
        lock (gate) return emulated.GetValueOrDefault(hostFd);
    }

    int emulatedCount;

    GuestDescriptor Remember(GuestDescriptor d)
    {
        if (d.Emulation == null) return d;
        d.Emulation.Retain();
        emulated[d.HostFd] = d.Emulation;
        emulatedCount = emulated.Count;
        return d;
    }

    /// <summary>Closes the host descriptor of an entry that left the table (called outside the lock).</summary>
    void Forget(GuestDescriptor d)
    {
        if (d.Emulation != null)
        {
            lock (gate)
            {
                emulated.Remove(d.HostFd);
                emulatedCount = emulated.Count;
            }
        }
        close(d.HostFd);
        d.Emulation?.Release();
    }

    /// <summary>The host descriptor behind a guest one, or -1 (which every host call refuses with EBADF).</summary>
    public int HostOf(int fd)
    {
        lock (gate) return open.TryGetValue(fd, out var d) ? d.HostFd : -1;
    }

    public long Close(int fd)
    {
        GuestDescriptor? d;
        lock (gate)
            if (!open.Remove(fd, out d)) return -EBADF;
        // Like Linux, close releases the number even when the host's close reports an error.
        if (d.Emulation == null) return Sys(close(d.HostFd));
        Forget(d);
        return 0;
    }

    /// <summary>dup2/dup3: newFd becomes a copy of oldFd (closing what it was), FD_CLOEXEC as given.</summary>
    public long DuplicateTo(int oldFd, int newFd, bool closeOnExec)
    {
        if (newFd < 0 || newFd >= Limit) return -EBADF;
        GuestDescriptor? replaced;
        lock (gate)
        {
            if (!open.TryGetValue(oldFd, out var source)) return -EBADF;
            int host = fcntl(source.HostFd, F_DUPFD_CLOEXEC, HostMinimum);
            if (host < 0) return Sys(host);
            open.Remove(newFd, out replaced);
            open[newFd] = Remember(new GuestDescriptor(host, closeOnExec, source.Listing, source.Emulation));
        }
        if (replaced != null) Forget(replaced);
        return newFd;
    }

    /// <summary>dup and F_DUPFD: a copy of fd at the lowest free number at or above lowest.</summary>
    public long Duplicate(int fd, int lowest, bool closeOnExec)
    {
        var source = this[fd];
        if (source == null) return -EBADF;
        if (lowest < 0 || lowest >= Limit) return -EINVAL;
        int host = fcntl(source.HostFd, F_DUPFD_CLOEXEC, HostMinimum);
        return host < 0 ? Sys(host) : Add(host, closeOnExec, lowest, source.Listing, source.Emulation);
    }

    public long SetCloseOnExec(int fd, bool value)
    {
        lock (gate)
        {
            if (!open.TryGetValue(fd, out var d)) return -EBADF;
            open[fd] = d with { CloseOnExec = value };
            return 0;
        }
    }

    /// <summary>close_range(first, last): closes the open descriptors in the range (or marks them CLOEXEC).</summary>
    public void CloseRange(int first, int last, bool onlyMarkCloseOnExec)
    {
        foreach (int fd in Numbers.Where(n => n >= first && n <= last))
            if (onlyMarkCloseOnExec) SetCloseOnExec(fd, true);
            else Close(fd);
    }

    /// <summary>What execve does: every FD_CLOEXEC descriptor is closed.</summary>
    public void CloseOnExecDescriptors()
    {
        foreach (var (fd, d) in Snapshot())
            if (d.CloseOnExec) Close(fd);
    }

    /// <summary>The open guest numbers, ascending.</summary>
    public IReadOnlyList<int> Numbers
    {
        get { lock (gate) return open.Keys.ToList(); }
    }

    /// <summary>Every open descriptor with its entry, ascending.</summary>
    public IReadOnlyList<(int Fd, GuestDescriptor Descriptor)> Snapshot()
    {
        lock (gate) return open.Select(kv => (kv.Key, kv.Value)).ToList();
    }
}
