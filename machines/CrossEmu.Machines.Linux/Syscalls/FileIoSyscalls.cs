using CrossEmu.Isa.Host;
using CrossEmu.Isa.Memory;
using CrossEmu.Machines.Linux.Files;
using static CrossEmu.Isa.Host.Errno;
using static CrossEmu.Isa.Host.Libc;

namespace CrossEmu.Machines.Linux.Syscalls;

/// <summary>Opening, reading, writing, seeking and closing files. Descriptor arguments reach the
/// handlers as host descriptors (the dispatcher translates them); new ones go into the guest's table.</summary>
static unsafe class FileIoSyscalls
{
    const int MaxIovecs = 1024;

    public static void Register(SyscallCatalog c)
    {
        c.Add("open", Open, "path:str, flags:open_flags, mode:create_mode");
        c.Add("openat", OpenAt, "dirfd:dirfd, path:str, flags:open_flags, mode:create_mode");
        c.Add("creat", Creat, "path:str, mode:mode");
        c.Add("close", c2 => c2.Process.Files.Close(c2.Int(0)), "fd:guest_fd");
        c.Add("close_range", CloseRange, "first:guest_fd, last:guest_fd, flags:hex");
        c.Add("read", Read, "fd:fd, buf:out_buf, count:size");
        c.Add("write", Write, "fd:fd, buf:in_buf, count:size");
        c.Add("readv", ReadV, "fd:fd, iov:out_iovec, iovcnt:int");
        c.Add("writev", WriteV, "fd:fd, iov:in_iovec, iovcnt:int");
        c.Add("pread64", PRead64, "fd:fd, buf:out_buf, count:size, _:pad, offset:off64");
        c.Add("pwrite64", PWrite64, "fd:fd, buf:in_buf, count:size, _:pad, offset:off64");
        c.Add("lseek", LSeek, "fd:fd, offset:int, whence:whence");
        c.Add("_llseek", LLSeek, "fd:fd, offset:off_hi_lo, result:out_i64, whence:whence");
        c.Add("sendfile64", SendFile64, "out_fd:fd, in_fd:fd, offset:ptr, count:size");
    }

    /// <summary>openat with the guest's O_* flags translated to the host's.</summary>
    public static long OpenHost(SyscallContext c, int dirfd, uint pathAddress, uint guestFlags, uint mode)
    {
        var name = c.ReadName(pathAddress);
        if (name == null) return c.PathError;
        int flags = (int)c.Abi.OpenFlags.ToHost(guestFlags);
        bool closeOnExec = (flags & O_CLOEXEC) != 0;
        var files = c.Process.Files;
        if (ProcSelfFiles.Contents(c.Process, name) is { } contents)
            return (flags & O_ACCMODE) != O_RDONLY ? -EACCES : files.AddResult(ProcSelfFiles.OpenInMemory(contents, true), closeOnExec);
        long host = Sys(openat(dirfd, c.HostPath(name), flags | O_CLOEXEC, mode));
        if (host >= 0 && DescriptorPaths.IsDescriptorDirectory(name, c.Process.Pid))
            return files.Add((int)host, closeOnExec, listing: new VirtualDirectory(
                () => files.Numbers.Select(n => n.ToString()).ToList(), VirtualDirectory.DT_LNK));
        return files.AddResult(host, closeOnExec);
    }

    static long Open(SyscallContext c) => OpenHost(c, AT_FDCWD, c[0], c[1], c[2]);
    static long OpenAt(SyscallContext c) => OpenHost(c, c.Int(0), c[1], c[2], c[3]);
    static long Creat(SyscallContext c) => OpenHost(c, AT_FDCWD, c[0], c.Abi.OpenFlags.ToGuest(0x241) /* O_CREAT|O_WRONLY|O_TRUNC */, c[1]);

    const uint CLOSE_RANGE_CLOEXEC = 4, CLOSE_RANGE_UNSHARE = 2;

    /// <summary>close_range: only the guest's own descriptors can be named, so the emulator's survive.</summary>
    static long CloseRange(SyscallContext c)
    {
        if ((c[2] & ~(CLOSE_RANGE_CLOEXEC | CLOSE_RANGE_UNSHARE)) != 0 || c[0] > c[1]) return -EINVAL;
        c.Process.Files.CloseRange((int)Math.Min(c[0], int.MaxValue), (int)Math.Min(c[1], int.MaxValue), (c[2] & CLOSE_RANGE_CLOEXEC) != 0);
        return 0;
    }

    static long Read(SyscallContext c)
    {
        if (c.Process.Files.EmulationOf(c.Int(0)) is { } file) return file.Read(c, c.Int(0), c[1], c[2]);
        byte* p = c.Writable(c[1], c[2]);
        return p == null ? -EFAULT : Sys(read(c.Int(0), p, c[2]));
    }

    static long Write(SyscallContext c)
    {
        if (c.Process.Files.EmulationOf(c.Int(0)) is { } file) return file.Write(c, c.Int(0), c[1], c[2]);
        byte* p = c.Readable(c[1], c[2]);
        return p == null ? -EFAULT : Sys(write(c.Int(0), p, c[2]));
    }

    static long PRead64(SyscallContext c)
    {
        byte* p = c.Writable(c[1], c[2]);
        return p == null ? -EFAULT : Sys(pread64(c.Int(0), p, c[2], c.Int64(4)));
    }

    static long PWrite64(SyscallContext c)
    {
        byte* p = c.Readable(c[1], c[2]);
        return p == null ? -EFAULT : Sys(pwrite64(c.Int(0), p, c[2], c.Int64(4)));
    }

    static long ReadV(SyscallContext c) => VectorIo(c, forRead: true);
    static long WriteV(SyscallContext c) => VectorIo(c, forRead: false);

    /// <summary>
    /// readv/writev. As in Linux, the copy stops at the first buffer byte the guest cannot access:
    /// the call moves the bytes before it (a good buffer then a bad one returns the good one's
    /// count) and fails with EFAULT only when not even the first byte can move.
    /// </summary>
    static long VectorIo(SyscallContext c, bool forRead)
    {
        int count = c.Int(2);
        if (count < 0 || count > MaxIovecs) return -EINVAL;
        var layout = c.Abi.Structs.Iovec;
        var host = new HostIovec[Math.Max(count, 1)];
        Span<byte> raw = stackalloc byte[layout.Size];
        int usable = 0;
        ulong movable = 0;
        bool faulted = false;
        var need = forRead ? PagePermissions.Write : PagePermissions.Read;
        for (int i = 0; i < count; i++)
        {
            if (!c.Read(c[1] + (uint)(i * layout.Size), raw)) return -EFAULT;
            var s = c.Struct(raw);
            uint address = (uint)s.Get(layout.Base), length = (uint)s.Get(layout.Length);
            uint accessible = (uint)c.Memory.AccessiblePrefix(address, length, need);
            if (accessible > 0)
                host[usable++] = new HostIovec { Base = forRead ? c.Writable(address, accessible) : c.Readable(address, accessible), Length = accessible };
            movable += accessible;
            if (accessible < length) { faulted = true; break; }   // the copy stops here
        }
        if (faulted && movable == 0) return -EFAULT;
        fixed (HostIovec* v = host)
            return Sys(forRead ? readv(c.Int(0), v, usable) : writev(c.Int(0), v, usable));
    }

    static long LSeek(SyscallContext c)
    {
        long r = Sys(lseek64(c.Int(0), c.Int(1), c.Int(2)));
        return r > int.MaxValue ? -EOVERFLOW : r;
    }

    static long LLSeek(SyscallContext c)
    {
        long offset = (long)((ulong)c[1] << 32 | c[2]);
        long r = Sys(lseek64(c.Int(0), offset, c.Int(4)));
        if (IsError(r)) return r;
        return c.WriteU64(c[3], (ulong)r) ? 0 : -EFAULT;
    }

    static long SendFile64(SyscallContext c)
    {
        long offset = 0;
        if (c[2] != 0)
        {
            if (!c.ReadU32(c[2], out uint lo) || !c.ReadU32(c[2] + 4, out uint hi)) return -EFAULT;
            offset = c.BigEndian ? (long)((ulong)lo << 32 | hi) : (long)((ulong)hi << 32 | lo);
        }
        long r = Sys(sendfile(c.Int(0), c.Int(1), c[2] != 0 ? &offset : null, c[3]));
        if (!IsError(r) && c[2] != 0 && !c.WriteU64(c[2], (ulong)offset)) return -EFAULT;
        return r;
    }
}
