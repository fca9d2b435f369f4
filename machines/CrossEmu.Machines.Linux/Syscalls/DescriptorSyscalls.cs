using CrossEmu.Isa;
using CrossEmu.Machines.Linux.Abi;
using static CrossEmu.Isa.Host.Errno;
using static CrossEmu.Isa.Host.Libc;

namespace CrossEmu.Machines.Linux.Syscalls;

/// <summary>File descriptor plumbing: dup, pipe, fcntl, ioctl.</summary>
static unsafe class DescriptorSyscalls
{
    // asm-generic fcntl commands (32-bit numbering for the *64 lock commands).
    const int F_DUPFD = 0, F_SETFL = 4, F_GETLK = 5, F_SETLK = 6, F_SETLKW = 7,
        F_SETOWN = 8, F_GETOWN = 9, F_GETLK64 = 12, F_SETLK64 = 13, F_SETLKW64 = 14,
        F_SETPIPE_SZ = 1031, F_GETPIPE_SZ = 1032;

    const int WinsizeSize = 8;

    public static void Register(SyscallCatalog c)
    {
        c.Add("dup", c2 => c2.Process.Files.Duplicate(c2.Int(0), 0, closeOnExec: false), "oldfd:guest_fd");
        c.Add("dup2", Dup2, "oldfd:guest_fd, newfd:guest_fd");
        c.Add("dup3", Dup3, "oldfd:guest_fd, newfd:guest_fd, flags:fd_flags");
        c.Add("pipe", c2 => Pipe(c2, c2[0], 0), "pipefd:out_fds");
        c.Add("pipe2", c2 => Pipe(c2, c2[0], c2[1]), "pipefd:out_fds, flags:fd_flags");
        c.Add("fcntl64", Fcntl, "fd:guest_fd, cmd:fcntl_cmd, arg:fcntl_arg -> fcntl");
        c.Add("fcntl", Fcntl, "fd:guest_fd, cmd:fcntl_cmd, arg:fcntl_arg -> fcntl");
        c.Add("ioctl", Ioctl, "fd:guest_fd, request:ioctl_request, arg:ioctl_arg");
    }

    static long Dup2(SyscallContext c)
    {
        int oldFd = c.Int(0), newFd = c.Int(1);
        // dup2 onto itself only checks that the descriptor is open.
        if (oldFd == newFd) return c.Process.Files[oldFd] != null ? newFd : -EBADF;
        return c.Process.Files.DuplicateTo(oldFd, newFd, closeOnExec: false);
    }

    static long Dup3(SyscallContext c)
    {
        uint flags = c.Abi.OpenFlags.ToHost(c[2]);
        if ((flags & ~(uint)O_CLOEXEC) != 0 || c.Int(0) == c.Int(1)) return -EINVAL;
        return c.Process.Files.DuplicateTo(c.Int(0), c.Int(1), closeOnExec: flags != 0);
    }

    static long Pipe(SyscallContext c, uint address, uint guestFlags)
    {
        long r = NewPipe(c, (int)c.Abi.OpenFlags.ToHost(guestFlags), out int read, out int write);
        if (r != 0) return r;
        if (c.WriteU32(address, (uint)read) && c.WriteU32(address + 4, (uint)write)) return 0;
        c.Process.Files.Close(read);
        c.Process.Files.Close(write);
        return -EFAULT;
    }

    /// <summary>A host pipe (host O_* flags) as two new guest descriptors; 0 or -errno.</summary>
    public static long NewPipe(SyscallContext c, int hostFlags, out int read, out int write)
    {
        read = write = -1;
        int* fds = stackalloc int[2];
        long r = Sys(pipe2(fds, hostFlags | O_CLOEXEC));
        if (r != 0) return r;
        bool closeOnExec = (hostFlags & O_CLOEXEC) != 0;
        var files = c.Process.Files;
        long first = files.Add(fds[0], closeOnExec);
        if (first < 0) { close(fds[1]); return first; }
        long second = files.Add(fds[1], closeOnExec);
        if (second < 0) { files.Close((int)first); return second; }
        (read, write) = ((int)first, (int)second);
        return 0;
    }

    /// <summary>fcntl: the descriptor-table commands act on the guest's table, the rest on the host
    /// descriptor (the open file description's flags, locks and owner are the host's).</summary>
    static long Fcntl(SyscallContext c)
    {
        var files = c.Process.Files;
        int command = c.Abi.ToGenericFcntl(c.Int(1));
        switch (command)
        {
            case F_DUPFD: return files.Duplicate(c.Int(0), c.Int(2), closeOnExec: false);
            case F_DUPFD_CLOEXEC: return files.Duplicate(c.Int(0), c.Int(2), closeOnExec: true);
            case F_GETFD: return files[c.Int(0)] is { } d ? (d.CloseOnExec ? FD_CLOEXEC : 0) : -EBADF;
            case F_SETFD: return files.SetCloseOnExec(c.Int(0), (c[2] & FD_CLOEXEC) != 0);
        }
        int fd = files.HostOf(c.Int(0));
        if (fd < 0) return -EBADF;
        switch (command)
        {
            case F_GETFL:
                long flags = Sys(fcntl(fd, F_GETFL, 0));
                return IsError(flags) ? flags : c.Abi.OpenFlags.ToGuest((uint)flags);
            case F_SETFL: return Sys(fcntl(fd, F_SETFL, (int)c.Abi.OpenFlags.ToHost(c[2])));
            case F_GETOWN: return Sys(fcntl(fd, F_GETOWN, 0));
            case F_SETOWN: return Sys(fcntl(fd, F_SETOWN, c.Int(2)));
            case F_GETPIPE_SZ: return Sys(fcntl(fd, F_GETPIPE_SZ, 0));
            case F_SETPIPE_SZ: return Sys(fcntl(fd, F_SETPIPE_SZ, c.Int(2)));
            case F_GETLK: return Lock(c, fd, F_GETLK, c.Abi.Structs.Flock32);
            case F_SETLK: return Lock(c, fd, F_SETLK, c.Abi.Structs.Flock32);
            case F_SETLKW: return Lock(c, fd, F_SETLKW, c.Abi.Structs.Flock32);
            case F_GETLK64: return Lock(c, fd, F_GETLK, c.Abi.Structs.Flock64);
            case F_SETLK64: return Lock(c, fd, F_SETLK, c.Abi.Structs.Flock64);
            case F_SETLKW64: return Lock(c, fd, F_SETLKW, c.Abi.Structs.Flock64);
            default:
                if (c.Process.Log.HasFlag(LogFlags.Unimp)) c.Process.LogWriter.WriteLine($"unimplemented fcntl command {c.Int(1)}");
                return -EINVAL;
        }
    }

    /// <summary>Record locks: guest flock(64) to the host's struct flock and back (F_GETLK fills it in).</summary>
    static long Lock(SyscallContext c, int fd, int hostCommand, FlockLayout layout)
    {
        Span<byte> guest = stackalloc byte[layout.Size];
        if (!c.Read(c[2], guest)) return -EFAULT;
        var g = c.Struct(guest);
        byte* host = stackalloc byte[32];
        new Span<byte>(host, 32).Clear();
        var h = new GuestStruct(new Span<byte>(host, 32), bigEndian: false);
        h.Put(Field.U16(0), g.Get(layout.Type));
        h.Put(Field.U16(2), g.Get(layout.Whence));
        h.Put(Field.U64(8), g.GetSigned(layout.Start));
        h.Put(Field.U64(16), g.GetSigned(layout.Length));
        long r = Sys(fcntl(fd, hostCommand, (nint)host));
        if (r != 0 || hostCommand != F_GETLK) return r;
        long start = (long)h.Get(Field.U64(8)), length = (long)h.Get(Field.U64(16));
        if (layout.Start.Size == 4 && (start > int.MaxValue || length > int.MaxValue)) return -EOVERFLOW;
        g.Put(layout.Type, h.Get(Field.U16(0)));
        g.Put(layout.Whence, h.Get(Field.U16(2)));
        g.Put(layout.Start, start);
        g.Put(layout.Length, length);
        g.Put(layout.Pid, h.Get(Field.U32(24)));
        return c.Write(c[2], guest) ? 0 : -EFAULT;
    }

    static long Ioctl(SyscallContext c)
    {
        int fd = c.Process.Files.HostOf(c.Int(0));
        if (fd < 0) return -EBADF;
        uint request = c.Abi.ToHostIoctl(c[1]);
        switch (request)
        {
            case TCGETS: return GetTermios(c, fd);
            case TCSETS or TCSETSW or TCSETSF: return SetTermios(c, fd, request);
            case TIOCGWINSZ: return IoctlOut(c, fd, request, WinsizeSize, 2);
            case TIOCSWINSZ: return IoctlIn(c, fd, request, WinsizeSize, 2);
            case TIOCGPGRP or FIONREAD: return IoctlOut(c, fd, request, 4, 1);
            case TIOCSPGRP or FIONBIO: return IoctlIn(c, fd, request, 4, 1);
            case FIOCLEX or FIONCLEX: return c.Process.Files.SetCloseOnExec(c.Int(0), request == FIOCLEX);
            default:
                if (c.Process.Log.HasFlag(LogFlags.Unimp)) c.Process.LogWriter.WriteLine($"unimplemented ioctl 0x{c[1]:x} on fd {fd}");
                return -ENOTTY;
        }
    }

    static long GetTermios(SyscallContext c, int fd)
    {
        var host = new byte[TermiosConverter.HostSize];
        long r;
        fixed (byte* p = host) r = Sys(ioctl(fd, TCGETS, p));
        if (r < 0) return r;
        return c.Write(c[2], c.Abi.Termios.ToGuest(host, c.BigEndian)) ? r : -EFAULT;
    }

    static long SetTermios(SyscallContext c, int fd, uint request)
    {
        var guest = new byte[c.Abi.Termios.GuestSize];
        if (!c.Read(c[2], guest)) return -EFAULT;
        var host = c.Abi.Termios.ToHost(guest, c.BigEndian);
        fixed (byte* p = host) return Sys(ioctl(fd, request, p));
    }

    // The structs passed here are arrays of `words` same-width integers (winsize: 4 shorts; int):
    // byte order is fixed word by word for big-endian guests.
    static long IoctlOut(SyscallContext c, int fd, uint request, int size, int words)
    {
        var buf = new byte[size];
        long r;
        fixed (byte* p = buf) r = Sys(ioctl(fd, request, p));
        if (r < 0) return r;
        SwapWords(c, buf, size, words);
        return c.Write(c[2], buf) ? r : -EFAULT;
    }

    static long IoctlIn(SyscallContext c, int fd, uint request, int size, int words)
    {
        var buf = new byte[size];
        if (!c.Read(c[2], buf)) return -EFAULT;
        SwapWords(c, buf, size, words);
        fixed (byte* p = buf) return Sys(ioctl(fd, request, p));
    }

    static void SwapWords(SyscallContext c, byte[] buf, int size, int words)
    {
        if (!c.BigEndian) return;
        int width = size == WinsizeSize ? 2 : 4;
        for (int i = 0; i < words; i++) buf.AsSpan(i * width, width).Reverse();
    }
}
