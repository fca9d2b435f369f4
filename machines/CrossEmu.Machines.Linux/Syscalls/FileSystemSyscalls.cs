using CrossEmu.Machines.Linux.Abi;
using static CrossEmu.Isa.Host.Errno;
using static CrossEmu.Isa.Host.Libc;

namespace CrossEmu.Machines.Linux.Syscalls;

/// <summary>File system statistics: statfs64 and fstatfs64 (df, and libc checks of /proc or /dev/shm).</summary>
static unsafe class FileSystemSyscalls
{
    const int HostStatfsLongs = 15; // x86-64 struct statfs: 120 bytes of 64-bit fields

    public static void Register(SyscallCatalog c)
    {
        c.Add("statfs64", StatFs64, "path:str, size:size, buf:out_statfs64");
        c.Add("fstatfs64", FStatFs64, "fd:fd, size:size, buf:out_statfs64");
    }

    static long StatFs64(SyscallContext c)
    {
        var path = c.ReadPath(c[0]);
        if (path == null) return c.PathError;
        long* host = stackalloc long[HostStatfsLongs];
        return Convert(c, Sys(statfs(path, host)), host);
    }

    static long FStatFs64(SyscallContext c)
    {
        long* host = stackalloc long[HostStatfsLongs];
        return Convert(c, Sys(fstatfs(c.Int(0), host)), host);
    }

    static long Convert(SyscallContext c, long result, long* h)
    {
        var l = c.Abi.Structs.Statfs64;
        if (c[1] != l.Size && (l.AlternateSize == 0 || c[1] != l.AlternateSize)) return -EINVAL;
        if (result != 0) return result;
        var buf = new byte[l.Size];
        var s = c.Struct(buf);
        s.Put(l.Type, h[0]); s.Put(l.BlockSize, h[1]); s.Put(l.Blocks, h[2]); s.Put(l.FreeBlocks, h[3]);
        s.Put(l.AvailableBlocks, h[4]); s.Put(l.Files, h[5]); s.Put(l.FreeFiles, h[6]);
        s.Put(l.FsidLow, (uint)h[7]); s.Put(l.FsidHigh, (uint)((ulong)h[7] >> 32));
        s.Put(l.NameLength, h[8]); s.Put(l.FragmentSize, h[9]); s.Put(l.Flags, h[10]);
        return c.Write(c[2], buf) ? 0 : -EFAULT;
    }
}
