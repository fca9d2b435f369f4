using CrossEmu.Machines.Linux.Abi;
using CrossEmu.Isa.Host;
using static CrossEmu.Isa.Host.Errno;
using static CrossEmu.Isa.Host.Libc;

namespace CrossEmu.Machines.Linux.Syscalls;

/// <summary>File metadata and size: chmod, chown, truncate, utimensat, umask, fsync.</summary>
static unsafe class FileAttributeSyscalls
{
    public static void Register(SyscallCatalog c)
    {
        c.Add("chmod", c2 => DirectorySyscalls.PathCall(c2, c2[0], p => fchmodat(AT_FDCWD, p, c2[1], 0)), "path:str, mode:mode");
        c.Add("fchmod", c2 => Sys(fchmod(c2.Int(0), c2[1])), "fd:fd, mode:mode");
        c.Add("fchmodat", c2 => DirectorySyscalls.PathCall(c2, c2[1], p => fchmodat(c2.Int(0), p, c2[2], 0)), "dirfd:dirfd, path:str, mode:mode");
        c.Add("chown32", c2 => DirectorySyscalls.PathCall(c2, c2[0], p => fchownat(AT_FDCWD, p, c2[1], c2[2], 0)), "path:str, uid:int, gid:int");
        c.Add("lchown32", c2 => DirectorySyscalls.PathCall(c2, c2[0], p => fchownat(AT_FDCWD, p, c2[1], c2[2], AT_SYMLINK_NOFOLLOW)),
            "path:str, uid:int, gid:int");
        c.Add("fchown32", c2 => Sys(fchown(c2.Int(0), c2[1], c2[2])), "fd:fd, uid:int, gid:int");
        c.Add("fchownat", c2 => DirectorySyscalls.PathCall(c2, c2[1], p => fchownat(c2.Int(0), p, c2[2], c2[3], c2.Int(4))),
            "dirfd:dirfd, path:str, uid:int, gid:int, flags:at_flags");
        c.Add("umask", c2 => umask(c2[0] & 0x1ff), "mask:mode -> octal");
        c.Add("fsync", c2 => Sys(fsync(c2.Int(0))), "fd:fd");
        c.Add("fdatasync", c2 => Sys(fdatasync(c2.Int(0))), "fd:fd");
        // 64-bit lengths sit in an aligned register pair after a pad word on both ARM EABI and MIPS o32.
        // The 32-bit calls take a signed long: a negative length fails with EINVAL, as in Linux.
        c.Add("ftruncate", c2 => Sys(ftruncate64(c2.Int(0), c2.Int(1))), "fd:fd, length:int");
        c.Add("truncate", c2 => DirectorySyscalls.PathCall(c2, c2[0], p => truncate64(p, c2.Int(1))), "path:str, length:int");
        c.Add("ftruncate64", c2 => Sys(ftruncate64(c2.Int(0), c2.Int64(2))), "fd:fd, _:pad, length:off64");
        c.Add("truncate64", c2 => DirectorySyscalls.PathCall(c2, c2[0], p => truncate64(p, c2.Int64(2))), "path:str, _:pad, length:off64");
        c.Add("utimensat", c2 => UtimensAt(c2, c2.Abi.Structs.Timespec32), "dirfd:dirfd, path:str, times:timespec_pair, flags:at_flags");
        c.Add("utimensat_time64", c2 => UtimensAt(c2, c2.Abi.Structs.Timespec64), "dirfd:dirfd, path:str, times:timespec64_pair, flags:at_flags");
    }

    static long UtimensAt(SyscallContext c, TimespecLayout layout)
    {
        HostTimespec* times = stackalloc HostTimespec[2];
        HostTimespec* timesArg = null;
        if (c[2] != 0)
        {
            for (int i = 0; i < 2; i++)
                if (!TimeSyscalls.TryReadTimespec(c, c[2] + (uint)(i * layout.Size), layout, out times[i])) return -EFAULT;
            timesArg = times;
        }
        if (c[1] == 0) return Sys(futimens(c.Int(0), timesArg)); // utimensat(fd, NULL, ...) acts on fd itself
        var path = c.ReadPath(c[1]);
        return path == null ? c.PathError : Sys(utimensat(c.Int(0), path, timesArg, c.Int(3)));
    }
}
