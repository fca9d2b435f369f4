using static CrossEmu.Isa.Host.Errno;
using static CrossEmu.Isa.Host.Libc;

namespace CrossEmu.Machines.Linux.Syscalls;

/// <summary>The working directory and directory entries: getcwd, chdir, mkdir, unlink, rename, links.</summary>
static unsafe class DirectorySyscalls
{
    public static void Register(SyscallCatalog c)
    {
        c.Add("getcwd", GetCwd, "buf:out_str, size:size");
        c.Add("chdir", ChDir, "path:str");
        c.Add("fchdir", c2 => Sys(fchdir(c2.Int(0))), "fd:fd");
        c.Add("mkdir", c2 => PathCall(c2, c2[0], p => mkdirat(AT_FDCWD, p, c2[1])), "path:str, mode:mode");
        c.Add("mkdirat", c2 => PathCall(c2, c2[1], p => mkdirat(c2.Int(0), p, c2[2])), "dirfd:dirfd, path:str, mode:mode");
        c.Add("rmdir", c2 => PathCall(c2, c2[0], p => unlinkat(AT_FDCWD, p, AT_REMOVEDIR)), "path:str");
        c.Add("unlink", c2 => PathCall(c2, c2[0], p => unlinkat(AT_FDCWD, p, 0)), "path:str");
        c.Add("unlinkat", c2 => PathCall(c2, c2[1], p => unlinkat(c2.Int(0), p, c2.Int(2))), "dirfd:dirfd, path:str, flags:at_flags");
        c.Add("rename", c2 => TwoPathCall(c2, c2[0], c2[1], (a, b) => renameat2(AT_FDCWD, a, AT_FDCWD, b, 0)), "oldpath:str, newpath:str");
        c.Add("renameat", c2 => TwoPathCall(c2, c2[1], c2[3], (a, b) => renameat2(c2.Int(0), a, c2.Int(2), b, 0)),
            "olddirfd:dirfd, oldpath:str, newdirfd:dirfd, newpath:str");
        c.Add("renameat2", c2 => TwoPathCall(c2, c2[1], c2[3], (a, b) => renameat2(c2.Int(0), a, c2.Int(2), b, c2[4])),
            "olddirfd:dirfd, oldpath:str, newdirfd:dirfd, newpath:str, flags:rename_flags");
        c.Add("symlink", Symlink, "target:str, linkpath:str");
        c.Add("symlinkat", SymlinkAt, "target:str, newdirfd:dirfd, linkpath:str");
        c.Add("link", c2 => TwoPathCall(c2, c2[0], c2[1], (a, b) => linkat(AT_FDCWD, a, AT_FDCWD, b, 0)), "oldpath:str, newpath:str");
        c.Add("linkat", c2 => TwoPathCall(c2, c2[1], c2[3], (a, b) => linkat(c2.Int(0), a, c2.Int(2), b, c2.Int(4))),
            "olddirfd:dirfd, oldpath:str, newdirfd:dirfd, newpath:str, flags:at_flags");
    }

    /// <summary>Runs a host call on a translated guest path; -EFAULT when the path is unreadable.</summary>
    public static long PathCall(SyscallContext c, uint pathAddress, Func<string, int> call)
    {
        var path = c.ReadPath(pathAddress);
        return path == null ? c.PathError : Sys(call(path));
    }

    static long TwoPathCall(SyscallContext c, uint first, uint second, Func<string, string, int> call)
    {
        var a = c.ReadPath(first);
        var b = c.ReadPath(second);
        return a == null || b == null ? c.PathError : Sys(call(a, b));
    }

    static long GetCwd(SyscallContext c)
    {
        var cwd = new byte[4096];
        fixed (byte* p = cwd)
            if (getcwd(p, (nuint)cwd.Length) == 0) return -System.Runtime.InteropServices.Marshal.GetLastPInvokeError();
        int length = Array.IndexOf(cwd, (byte)0) + 1;
        if (c[1] < length) return -ERANGE;
        return c.Write(c[0], cwd.AsSpan(0, length)) ? length : -EFAULT;
    }

    static long ChDir(SyscallContext c) => PathCall(c, c[0], chdir);

    // A symlink's target is stored as written: it is not a path to translate.
    static long Symlink(SyscallContext c)
    {
        if (c.ReadName(c[0]) is not { } target) return c.PathError;
        var link = c.ReadPath(c[1]);
        return link == null ? c.PathError : Sys(symlinkat(target, AT_FDCWD, link));
    }

    static long SymlinkAt(SyscallContext c)
    {
        if (c.ReadName(c[0]) is not { } target) return c.PathError;
        var link = c.ReadPath(c[2]);
        return link == null ? c.PathError : Sys(symlinkat(target, c.Int(1), link));
    }
}
