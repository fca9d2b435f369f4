using static CrossEmu.Machines.Linux.Abi.Field;

namespace CrossEmu.Machines.Linux.Abi;

/// <summary>struct stat64 as the kernel writes it for fstat64/stat64/lstat64/fstatat64; also the old
/// struct stat of stat/lstat/fstat (Ino32 None, 32-bit Ino, and 16-bit ids where the ABI has them).</summary>
public sealed record Stat64Layout(int Size, Field Dev, Field Ino32, Field Mode, Field Nlink, Field Uid, Field Gid,
    Field Rdev, Field FileSize, Field BlockSize, Field Blocks, Field Atime, Field AtimeNsec, Field Mtime,
    Field MtimeNsec, Field Ctime, Field CtimeNsec, Field Ino);

public sealed record TimespecLayout(int Size, Field Seconds, Field Nanoseconds);
public sealed record TimevalLayout(int Size, Field Seconds, Field Microseconds);
/// <summary>struct rlimit; Infinity is RLIM_INFINITY in its fields (all ones, but 0x7fffffff in MIPS's 32-bit one).</summary>
public sealed record RlimitLayout(int Size, Field Current, Field Max, ulong Infinity = ulong.MaxValue);
public sealed record IovecLayout(int Size, Field Base, Field Length);

/// <summary>struct sysinfo; Loads is the first of three consecutive unsigned longs.</summary>
public sealed record SysinfoLayout(int Size, Field Uptime, Field Loads, Field TotalRam, Field FreeRam, Field SharedRam,
    Field BufferRam, Field TotalSwap, Field FreeSwap, Field Procs, Field TotalHigh, Field FreeHigh, Field MemUnit);

/// <summary>The kernel's struct sigaction for rt_sigaction; the mask is two 32-bit words (signals 1-32, 33-64).</summary>
public sealed record SigactionLayout(int Size, Field Handler, Field Flags, Field Restorer, Field MaskLow, Field MaskHigh);

/// <summary>struct flock / flock64 of fcntl record locks.</summary>
public sealed record FlockLayout(int Size, Field Type, Field Whence, Field Start, Field Length, Field Pid);

/// <summary>struct statfs64. statfs64/fstatfs64 take the struct size as an argument and check it against
/// Size (or AlternateSize, when the ABI's kernel accepts a second one).</summary>
public sealed record Statfs64Layout(int Size, Field Type, Field BlockSize, Field Blocks, Field FreeBlocks, Field AvailableBlocks,
    Field Files, Field FreeFiles, Field FsidLow, Field FsidHigh, Field NameLength, Field FragmentSize, Field Flags,
    int AlternateSize = 0);

/// <summary>stack_t of sigaltstack.</summary>
public sealed record StackLayout(int Size, Field Pointer, Field Flags, Field Length);

/// <summary>siginfo_t (128 bytes): the three header ints, then the union as kill/sigqueue (pid, uid,
/// value) and faults (addr, at Pid's offset) fill it.</summary>
public sealed record SiginfoLayout(int Size, Field Signo, Field Errno, Field Code, Field Pid, Field Uid, Field Value, Field Address);

/// <summary>All struct layouts of one guest ABI.</summary>
public sealed record StructLayouts(
    Stat64Layout Stat64,
    TimespecLayout Timespec32,
    TimespecLayout Timespec64,
    TimevalLayout Timeval,
    SysinfoLayout Sysinfo,
    RlimitLayout Rlimit32,
    RlimitLayout Rlimit64,
    IovecLayout Iovec,
    SigactionLayout Sigaction,
    StackLayout SignalStack,
    SiginfoLayout Siginfo,
    FlockLayout Flock32,
    FlockLayout Flock64,
    Statfs64Layout Statfs64,
    /// <summary>sizeof(sigset_t) the kernel expects in rt_sig* calls (_NSIG / 8).</summary>
    int SigsetSize)
{
    /// <summary>The old struct stat of stat, lstat and fstat (null: the ABI has no such calls).</summary>
    public Stat64Layout? Stat { get; init; }

    /// <summary>msghdr, cmsghdr, epoll_event, signalfd_siginfo.</summary>
    public IpcLayouts Ipc { get; init; } = IpcLayouts.Ilp32;

    public static readonly Statfs64Layout Ilp32Statfs64 =
        new(88, U32(0), U32(4), U64(8), U64(16), U64(24), U64(32), U64(40), U32(48), U32(52), U32(56), U32(60), U32(64));

    /// <summary>Layouts every 32-bit Linux ABI shares (ILP32, naturally aligned 64-bit fields).
    /// An ABI starts from these and replaces what differs (`with { Stat64 = ... }`).</summary>
    public static StructLayouts Ilp32(Stat64Layout stat64, SigactionLayout sigaction) => new(
        Stat64: stat64,
        Timespec32: new(8, U32(0), U32(4)),
        Timespec64: new(16, U64(0), U64(8)),
        Timeval: new(8, U32(0), U32(4)),
        Sysinfo: new(64, U32(0), U32(4), U32(16), U32(20), U32(24), U32(28), U32(32), U32(36), U16(40), U32(44), U32(48), U32(52)),
        Rlimit32: new(8, U32(0), U32(4), Infinity: uint.MaxValue),
        Rlimit64: new(16, U64(0), U64(8)),
        Iovec: new(8, U32(0), U32(4)),
        Sigaction: sigaction,
        SignalStack: new(12, U32(0), U32(4), U32(8)),
        Siginfo: new(128, Signo: U32(0), Errno: U32(4), Code: U32(8), Pid: U32(12), Uid: U32(16), Value: U32(20), Address: U32(12)),
        Flock32: new(16, U16(0), U16(2), U32(4), U32(8), U32(12)),
        Flock64: new(32, U16(0), U16(2), U64(8), U64(16), U32(24)),
        Statfs64: Ilp32Statfs64,
        SigsetSize: 8);
}
