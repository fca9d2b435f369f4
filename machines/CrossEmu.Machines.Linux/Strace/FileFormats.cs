using static CrossEmu.Isa.Host.Libc;

namespace CrossEmu.Machines.Linux.Strace;

/// <summary>open flags and modes, *at flags, access modes, lseek whence.</summary>
static class FileFormats
{
    /// <summary>O_* of the host; the access mode (the low two bits) is printed first on its own.</summary>
    public static readonly FlagTable HostOpenFlags = new(
        ("O_CREAT", 0x40), ("O_EXCL", 0x80), ("O_NOCTTY", 0x100), ("O_TRUNC", 0x200), ("O_APPEND", 0x400),
        ("O_NONBLOCK", 0x800), ("O_SYNC", 0x101000), ("O_DSYNC", 0x1000), ("O_ASYNC", 0x2000), ("O_DIRECT", 0x4000),
        ("O_LARGEFILE", 0x8000), ("O_TMPFILE", 0x410000), ("O_DIRECTORY", 0x10000), ("O_NOFOLLOW", 0x20000),
        ("O_NOATIME", 0x40000), ("O_CLOEXEC", 0x80000), ("O_PATH", 0x200000));

    static readonly string[] AccessModes = ["O_RDONLY", "O_WRONLY", "O_RDWR", "O_ACCMODE"];

    static readonly FlagTable AtFlags = new(
        ("AT_SYMLINK_NOFOLLOW", 0x100), ("AT_REMOVEDIR", 0x200), ("AT_SYMLINK_FOLLOW", 0x400),
        ("AT_NO_AUTOMOUNT", 0x800), ("AT_EMPTY_PATH", 0x1000), ("AT_STATX_FORCE_SYNC", 0x2000),
        ("AT_STATX_DONT_SYNC", 0x4000), ("AT_RECURSIVE", 0x8000));
    // faccessat2 gives 0x200 another meaning.
    static readonly FlagTable AccessAtFlags = new(("AT_EACCESS", 0x200), ("AT_SYMLINK_NOFOLLOW", 0x100), ("AT_EMPTY_PATH", 0x1000));
    static readonly FlagTable AccessModeBits = new(("R_OK", 4), ("W_OK", 2), ("X_OK", 1));
    static readonly FlagTable RenameFlags = new(("RENAME_NOREPLACE", 1), ("RENAME_EXCHANGE", 2), ("RENAME_WHITEOUT", 4));
    static readonly ValueTable Whence = new(("SEEK_SET", 0), ("SEEK_CUR", 1), ("SEEK_END", 2), ("SEEK_DATA", 3), ("SEEK_HOLE", 4));
    static readonly FlagTable StatxMask = new(("STATX_BASIC_STATS", 0x7ff), ("STATX_BTIME", 0x800), ("STATX_MNT_ID", 0x1000),
        ("STATX_DIOALIGN", 0x2000), ("STATX_TYPE", 1), ("STATX_MODE", 2), ("STATX_NLINK", 4), ("STATX_UID", 8), ("STATX_GID", 0x10),
        ("STATX_ATIME", 0x20), ("STATX_MTIME", 0x40), ("STATX_CTIME", 0x80), ("STATX_INO", 0x100), ("STATX_SIZE", 0x200),
        ("STATX_BLOCKS", 0x400));

    public static IEnumerable<ArgumentKind> Kinds =>
    [
        ArgumentKind.Value("open_flags", OpenFlags),
        // pipe2 and dup3 take only the status bits (O_CLOEXEC, O_NONBLOCK...), no access mode.
        ArgumentKind.Value("fd_flags", (call, v) => call.Names.OpenFlags.Format(v)),
        // open's mode means something only when the call may create the file (strace leaves it out otherwise).
        new ArgumentKind("create_mode", (call, slot) => CreatesFile(call, call[slot - 1]) ? ScalarFormats.Mode(call[slot]) : null),
        ArgumentKind.Value("at_flags", (_, v) => AtFlags.Format(v)),
        ArgumentKind.Value("access_at_flags", (_, v) => AccessAtFlags.Format(v)),
        ArgumentKind.Value("access_mode", (_, v) => v == 0 ? "F_OK" : AccessModeBits.Format(v)),
        ArgumentKind.Value("rename_flags", (_, v) => RenameFlags.Format(v)),
        ArgumentKind.Value("whence", (_, v) => Whence.Format((int)v)),
        ArgumentKind.Value("statx_mask", (_, v) => StatxMask.Format(v)),
    ];

    /// <summary>Guest open flags by name: O_RDONLY|O_CREAT|O_LARGEFILE.</summary>
    public static string OpenFlags(StraceCall call, uint flags) =>
        call.Names.OpenFlags.Format(flags & ~(uint)O_ACCMODE, AccessModes[flags & O_ACCMODE]);

    static bool CreatesFile(StraceCall call, uint guestFlags)
    {
        uint host = call.Abi.OpenFlags.ToHost(guestFlags);
        return (host & 0x40 /* O_CREAT */) != 0 || (host & 0x410000) == 0x410000 /* O_TMPFILE */;
    }
}
