using System.Text;
using CrossEmu.Machines.Linux.Abi;
using CrossEmu.Isa.Host;
using static CrossEmu.Isa.Host.Errno;
using static CrossEmu.Isa.Host.Libc;

namespace CrossEmu.Machines.Linux.Syscalls;

/// <summary>stat family, statx, getdents64, readlink, access: host answers converted to guest structs.</summary>
static unsafe class FileStatusSyscalls
{
    public static void Register(SyscallCatalog c)
    {
        c.Add("stat", Stat, "path:str, statbuf:out_stat");
        c.Add("lstat", LStat, "path:str, statbuf:out_stat");
        c.Add("fstat", FStat, "fd:fd, statbuf:out_stat");
        c.Add("fstat64", FStat64, "fd:fd, statbuf:out_stat64");
        c.Add("stat64", Stat64, "path:str, statbuf:out_stat64");
        c.Add("lstat64", LStat64, "path:str, statbuf:out_stat64");
        c.Add("fstatat64", FStatAt64, "dirfd:dirfd, path:str, statbuf:out_stat64, flags:at_flags");
        c.Add("statx", Statx, "dirfd:dirfd, path:str, flags:at_flags, mask:statx_mask, statxbuf:out_statx");
        c.Add("getdents64", GetDents64, "fd:guest_fd, dirp:out_dirents, count:size");
        c.Add("readlink", ReadLink, "path:str, buf:out_path, size:size");
        c.Add("readlinkat", ReadLinkAt, "dirfd:dirfd, path:str, buf:out_path, size:size");
        c.Add("access", Access, "path:str, mode:access_mode");
        c.Add("faccessat", FAccessAt, "dirfd:dirfd, path:str, mode:access_mode");
        c.Add("faccessat2", FAccessAt2, "dirfd:dirfd, path:str, mode:access_mode, flags:access_at_flags");
    }

    /// <summary>Host statx of (dirfd, path, AT_* flags) as a FileStatus, or -errno.</summary>
    public static long HostStat(int dirfd, string path, int flags, out FileStatus status)
    {
        byte* buf = stackalloc byte[FileStatus.StatxSize];
        long r = Sys(statx(dirfd, path, flags, FileStatus.StatxBasicStats, buf));
        status = r == 0 ? FileStatus.FromStatx(new ReadOnlySpan<byte>(buf, FileStatus.StatxSize)) : default;
        return r;
    }

    public static long WriteStat64(SyscallContext c, uint address, in FileStatus s) => WriteStat(c, c.Abi.Structs.Stat64, address, s);

    /// <summary>
    /// Fills a struct stat or stat64 as the kernel's cp_new_stat(64) does: EOVERFLOW where the inode,
    /// link count or size does not fit its field, 65534 (overflowuid) for an id that a 16-bit field cannot hold.
    /// </summary>
    static long WriteStat(SyscallContext c, Stat64Layout l, uint address, FileStatus s)
    {
        if (l.Ino.Size == 4 && s.Inode > uint.MaxValue) return -EOVERFLOW;
        if (l.Nlink.Size == 2 && s.Links > ushort.MaxValue) return -EOVERFLOW;
        if (l.FileSize.Size == 4 && s.Size > int.MaxValue) return -EOVERFLOW;
        if (l.Uid.Size == 2 && s.Uid > ushort.MaxValue) s = s with { Uid = OverflowId };
        if (l.Gid.Size == 2 && s.Gid > ushort.MaxValue) s = s with { Gid = OverflowId };
        Span<byte> buf = stackalloc byte[l.Size];
        buf.Clear();
        var w = c.Struct(buf);
        w.Put(l.Dev, s.Device); w.Put(l.Ino32, s.Inode); w.Put(l.Mode, s.Mode); w.Put(l.Nlink, s.Links);
        w.Put(l.Uid, s.Uid); w.Put(l.Gid, s.Gid); w.Put(l.Rdev, s.RawDevice); w.Put(l.FileSize, s.Size);
        w.Put(l.BlockSize, s.BlockSize); w.Put(l.Blocks, s.Blocks);
        w.Put(l.Atime, s.AccessSeconds); w.Put(l.AtimeNsec, s.AccessNanoseconds);
        w.Put(l.Mtime, s.ModifySeconds); w.Put(l.MtimeNsec, s.ModifyNanoseconds);
        w.Put(l.Ctime, s.ChangeSeconds); w.Put(l.CtimeNsec, s.ChangeNanoseconds);
        w.Put(l.Ino, s.Inode);
        return c.Write(address, buf) ? 0 : -EFAULT;
    }

    /// <summary>The id the kernel reports for one a 16-bit field cannot hold (/proc/sys/kernel/overflowuid).</summary>
    const uint OverflowId = 65534;

    static long StatPath(SyscallContext c, int dirfd, uint pathAddress, uint statAddress, int flags, Stat64Layout? layout = null)
    {
        var path = c.ReadPath(pathAddress);
        if (path == null) return c.PathError;
        long r = HostStat(dirfd, path, flags, out var s);
        return r != 0 ? r : WriteStat(c, layout ?? c.Abi.Structs.Stat64, statAddress, s);
    }

    static long Stat(SyscallContext c) => c.Abi.Structs.Stat is { } l ? StatPath(c, AT_FDCWD, c[0], c[1], 0, l) : -ENOSYS;
    static long LStat(SyscallContext c) => c.Abi.Structs.Stat is { } l ? StatPath(c, AT_FDCWD, c[0], c[1], AT_SYMLINK_NOFOLLOW, l) : -ENOSYS;

    static long FStat(SyscallContext c)
    {
        if (c.Abi.Structs.Stat is not { } l) return -ENOSYS;
        long r = HostStat(c.Int(0), "", AT_EMPTY_PATH, out var s);
        return r != 0 ? r : WriteStat(c, l, c[1], s);
    }

    static long FStat64(SyscallContext c)
    {
        long r = HostStat(c.Int(0), "", AT_EMPTY_PATH, out var s);
        return r != 0 ? r : WriteStat64(c, c[1], s);
    }

    static long Stat64(SyscallContext c) => StatPath(c, AT_FDCWD, c[0], c[1], 0);
    static long LStat64(SyscallContext c) => StatPath(c, AT_FDCWD, c[0], c[1], AT_SYMLINK_NOFOLLOW);
    static long FStatAt64(SyscallContext c) => StatPath(c, c.Int(0), c[1], c[2], c.Int(3));

    static long Statx(SyscallContext c)
    {
        var path = c.ReadPath(c[1]);
        if (path == null) return c.PathError;
        Span<byte> buf = stackalloc byte[FileStatus.StatxSize];
        long r;
        fixed (byte* p = buf) r = Sys(statx(c.Int(0), path, c.Int(2), c[3], p));
        if (r != 0) return r;
        if (c.BigEndian)
            foreach (var (offset, size) in FileStatus.StatxFields) buf.Slice(offset, size).Reverse();
        return c.Write(c[4], buf) ? 0 : -EFAULT;
    }

    /// <summary>linux_dirent64 is the same on every ABI but for byte order: re-emit each record.</summary>
    static long GetDents64(SyscallContext c)
    {
        uint count = Math.Min(c[2], 1u << 20);
        if (c.Writable(c[1], count) == null) return -EFAULT;
        if (c.Process.Files[c.Int(0)] is not { } d) return -EBADF;
        var host = new byte[count];
        if (d.Listing != null)
        {
            long made = d.Listing.Read(host, c.BigEndian);
            return made <= 0 || c.Write(c[1], host.AsSpan(0, (int)made)) ? made : -EFAULT;
        }
        long n;
        fixed (byte* p = host) n = Sys(getdents64(d.HostFd, p, count));
        if (n <= 0) return n;
        var guest = host.AsSpan(0, (int)n).ToArray();
        for (int o = 0; o < n;)
        {
            var h = new GuestStruct(host.AsSpan(o), bigEndian: false);
            var g = c.Struct(guest.AsSpan(o));
            int reclen = (int)h.Get(Field.U16(16));
            g.Put(Field.U64(0), h.Get(Field.U64(0)));
            g.Put(Field.U64(8), h.Get(Field.U64(8)));
            g.Put(Field.U16(16), (ulong)reclen);
            o += reclen;
        }
        return c.Write(c[1], guest) ? n : -EFAULT;
    }

    static long ReadLinkCommon(SyscallContext c, int dirfd, uint pathAddress, uint bufAddress, uint size)
    {
        var guestPath = c.ReadString(pathAddress);
        if (guestPath == null) return -EFAULT;
        if ((int)size <= 0) return -EINVAL;
        if (PathResolver.IsSelfExe(guestPath))
        {
            var bytes = Encoding.UTF8.GetBytes(c.Process.Paths.ExecutablePath);
            int n = (int)Math.Min((uint)bytes.Length, size);
            return c.Write(bufAddress, bytes.AsSpan(0, n)) ? n : -EFAULT;
        }
        byte* p = c.Writable(bufAddress, size);
        if (p == null) return -EFAULT;
        // /dev/stdin is itself the link (to /proc/self/fd/0); the descriptor paths below it name the guest's.
        string host = guestPath is "/dev/stdin" or "/dev/stdout" or "/dev/stderr" ? guestPath : c.HostPath(guestPath);
        return Sys(readlinkat(dirfd, host, p, size));
    }

    static long ReadLink(SyscallContext c) => ReadLinkCommon(c, AT_FDCWD, c[0], c[1], c[2]);
    static long ReadLinkAt(SyscallContext c) => ReadLinkCommon(c, c.Int(0), c[1], c[2], c[3]);

    static long AccessCommon(SyscallContext c, int dirfd, uint pathAddress, int mode, int flags)
    {
        var path = c.ReadPath(pathAddress);
        return path == null ? c.PathError : Sys(faccessat(dirfd, path, mode, flags));
    }

    static long Access(SyscallContext c) => AccessCommon(c, AT_FDCWD, c[0], c.Int(1), 0);
    static long FAccessAt(SyscallContext c) => AccessCommon(c, c.Int(0), c[1], c.Int(2), 0);
    static long FAccessAt2(SyscallContext c) => AccessCommon(c, c.Int(0), c[1], c.Int(2), c.Int(3));
}
