using CrossEmu.Frontends.Mips;
using CrossEmu.Isa.Host;
using CrossEmu.Machines.Linux.Abi;
using CrossEmu.Machines.Linux.Elf;
using CrossEmu.Machines.Linux.Memory;
using CrossEmu.Machines.Linux.Signals;
using CrossEmu.Machines.Linux.Syscalls;
using static CrossEmu.Machines.Linux.Abi.Field;

namespace CrossEmu.Machines.Linux.Mips;

/// <summary>
/// 32-bit MIPS Linux, o32 ABI, big-endian (`mips`) or little-endian (`mipsel`): syscall number in v0,
/// arguments in a0-a3 and then on the user stack at sp+16..sp+28; the result comes back in v0 with
/// a3 = 0, or a positive errno in v0 with a3 = 1. Errno, signal, O_*, MAP_*, SA_*, fcntl, RLIMIT_*,
/// ioctl and termios numbering all differ from the host's; user space ends at 2 GiB.
/// </summary>
public sealed unsafe class MipsO32 : LinuxAbi
{
    public static MipsO32 Little { get; } = new(bigEndian: false);
    public static MipsO32 Big { get; } = new(bigEndian: true);

    /// <summary>Arguments the o32 convention passes on the stack, and where the first of them is.</summary>
    const int StackArguments = 4;
    const uint StackArgumentOffset = 16;

    MipsO32(bool bigEndian)
    {
        BigEndian = bigEndian;
        var catalog = SyscallCatalog.CreateCommon();
        MipsPrivateSyscalls.Register(catalog);
        Syscalls = new SyscallTable(MipsSyscallNumbers.All, catalog);
        SignalFrames = new MipsSignalFrames(bigEndian);
    }

    public override string Name => BigEndian ? "mips-o32" : "mipsel-o32";
    public override bool BigEndian { get; }

    // Like Linux: TASK_SIZE 2 GiB, the stack at the top (under the trampoline page), mmap below the
    // stack and its guard gap, ET_DYN programs at ELF_ET_DYN_BASE (TASK_SIZE / 3 * 2, 64 KiB aligned).
    public override GuestLayout Layout { get; } = new(
        StackTop: 0x7fff0000, StackSize: 8u << 20, MmapTop: 0x7f700000, MmapBottom: 0x00010000, PieBase: 0x55550000,
        TaskSize: 0x80000000);

    public override StructLayouts Structs { get; } = StructLayouts.Ilp32(
        // asm/stat.h, o32: st_dev and st_rdev are 32-bit with padding after them; no 32-bit st_ino.
        stat64: new Stat64Layout(104, Dev: U32(0), Ino32: None, Mode: U32(24), Nlink: U32(28), Uid: U32(32), Gid: U32(36),
            Rdev: U32(40), FileSize: U64(56), BlockSize: U32(88), Blocks: U64(96), Atime: U32(64), AtimeNsec: U32(68),
            Mtime: U32(72), MtimeNsec: U32(76), Ctime: U32(80), CtimeNsec: U32(84), Ino: U64(16)),
        // asm/signal.h: flags first, no sa_restorer, a 128-bit mask.
        sigaction: new SigactionLayout(24, Handler: U32(4), Flags: U32(0), Restorer: None, MaskLow: U32(8), MaskHigh: U32(12)))
        with
    {
        // asm/stat.h, o32 struct stat: padding after st_dev and st_rdev, 32-bit everything, 144 bytes.
        Stat = new Stat64Layout(144, Dev: U32(0), Ino32: None, Mode: U32(20), Nlink: U32(24), Uid: U32(28), Gid: U32(32),
            Rdev: U32(36), FileSize: U32(48), BlockSize: U32(80), Blocks: U32(84), Atime: U32(56), AtimeNsec: U32(60),
            Mtime: U32(64), MtimeNsec: U32(68), Ctime: U32(72), CtimeNsec: U32(76), Ino: U32(16)),
        // stack_t is sp, size, flags.
        SignalStack = new StackLayout(12, Pointer: U32(0), Flags: U32(8), Length: U32(4)),
        // __ARCH_HAS_SWAPPED_SIGINFO: si_code before si_errno.
        Siginfo = new SiginfoLayout(128, Signo: U32(0), Errno: U32(8), Code: U32(4), Pid: U32(12), Uid: U32(16), Value: U32(20), Address: U32(12)),
        // struct flock keeps a 32-bit off_t and puts l_sysid before l_pid, then pads to 36 bytes.
        Flock32 = new FlockLayout(36, Type: U16(0), Whence: U16(2), Start: U32(4), Length: U32(8), Pid: U32(16)),
        // asm/statfs.h (32-bit struct statfs64): f_frsize third, then the counts with f_bavail last.
        Statfs64 = new Statfs64Layout(96, Type: U32(0), BlockSize: U32(4), Blocks: U64(16), FreeBlocks: U64(24),
            AvailableBlocks: U64(48), Files: U64(32), FreeFiles: U64(40), FsidLow: U32(56), FsidHigh: U32(60),
            NameLength: U32(64), FragmentSize: U32(8), Flags: U32(68)),
        Rlimit32 = new RlimitLayout(8, U32(0), U32(4), Infinity: 0x7fffffff),
        SigsetSize = 16, // _NSIG 128
    };

    public override SyscallTable Syscalls { get; }

    public override FlagMap OpenFlags => MipsFlags.Open;
    public override FlagMap MmapFlags => MipsFlags.Mmap;
    public override FlagMap SigactionFlags => MipsFlags.Sigaction;

    public override int ToGuestErrno(int hostErrno) => MipsErrno.FromHost(hostErrno);
    public override int ToGenericFcntl(int command) => MipsFlags.ToGenericFcntl(command);
    public override uint ToHostIoctl(uint request) => MipsTerminal.ToHostIoctl(request);
    public override int ToHostSigprocmaskHow(int how) => MipsFlags.ToHostSigprocmaskHow(how);
    public override int ToHostRlimitResource(int resource) => MipsFlags.ToHostRlimitResource(resource);
    public override int ToHostSignal(int guestSignal) => MipsSignalNumbers.ToHost(guestSignal);
    public override int ToGuestSignal(int hostSignal) => MipsSignalNumbers.ToGuest(hostSignal);
    public override string? GuestOnlySignalName(int guestSignal) => guestSignal == MipsSignalNumbers.SIGEMT ? "SIGEMT" : null;
    public override ushort ToHostPollEvents(ushort events) => MipsFlags.ToHostPollEvents(events);
    public override ushort ToGuestPollEvents(ushort events) => MipsFlags.ToGuestPollEvents(events);
    public override TermiosConverter Termios => MipsTerminal.Termios;
    public override SocketNumbering Sockets => MipsSockets.Numbering;

    public override string UnameMachine => "mips";
    // Linux (and qemu-mips) give no AT_PLATFORM for plain MIPS32 cores, and AT_HWCAP 0.
    public override string? Platform => null;
    public override uint HwCap => 0;

    // start_thread sets only pc and sp: v0 = 0 tells _start there is no rtld_fini to register.
    public override void InitCpu(void* state, uint entry, uint stackPointer)
    {
        var cpu = (MipsCpuState*)state;
        cpu->Header.Pc = entry;
        cpu->R[MipsCpuState.Sp] = stackPointer;
    }

    public override void SetThreadPointer(void* state, uint pointer) => ((MipsCpuState*)state)->UserLocal = pointer;

    public override void SetStackPointer(void* state, uint stackPointer) => ((MipsCpuState*)state)->R[MipsCpuState.Sp] = stackPointer;

    public override void ReadSyscall(void* state, SyscallContext c)
    {
        var cpu = (MipsCpuState*)state;
        Span<uint> words = stackalloc uint[4 + StackArguments + 1];
        for (int i = 0; i < 4; i++) words[i] = cpu->R[MipsCpuState.A0 + i];
        uint sp = cpu->R[MipsCpuState.Sp];
        // The kernel copies the stack words whether or not the call takes them; unreadable ones read as 0 here.
        for (int i = 0; i <= StackArguments; i++)
            words[4 + i] = c.ReadU32(sp + StackArgumentOffset + 4 * (uint)i, out uint v) ? v : 0;
        int number = (int)cpu->R[MipsCpuState.V0];
        int first = 0;
        if (number == MipsSyscallNumbers.Syscall)
        {
            // syscall(2) itself: the number is the first argument, the real arguments follow it.
            number = (int)words[0];
            first = 1;
        }
        c.Number = number;
        for (int i = 0; i < SyscallContext.MaxArgs; i++) c.Args[i] = words[first + i];
    }

    public override void WriteSyscallResult(void* state, long result)
    {
        var cpu = (MipsCpuState*)state;
        long r = ToGuestResult(result);
        bool failed = Errno.IsError(r);
        cpu->R[MipsCpuState.V0] = (uint)(failed ? -r : r);
        cpu->R[MipsCpuState.A3] = failed ? 1u : 0u;
    }

    public override void InstallSpecialPages(AddressSpace space) => MipsSigreturnPage.Install(space, BigEndian);

    public override ISignalFrames? SignalFrames { get; }

    // Break/trap codes (asm/break.h) as do_trap_or_bp treats them.
    const uint BRK_OVERFLOW = 6, BRK_DIVZERO = 7;

    // do_trap_or_bp: codes 6 and 7 are SIGFPE at the pc; otherwise BREAK gives SIGTRAP TRAP_BRKPT (at
    // the pc, as qemu reports it) and a trap instruction a plain force_sig(SIGTRAP): SI_KERNEL, no address.
    public override SignalInfo SignalForTrap(uint code, uint pc) => (code & ~MipsTrap.FromTrapInstruction) switch
    {
        BRK_DIVZERO => new(ToGuestSignal(HostSignals.SIGFPE), HostSignals.FPE_INTDIV, pc),
        BRK_OVERFLOW => new(ToGuestSignal(HostSignals.SIGFPE), HostSignals.FPE_INTOVF, pc),
        _ when (code & MipsTrap.FromTrapInstruction) != 0 => new(ToGuestSignal(HostSignals.SIGTRAP), HostSignals.SI_KERNEL, 0),
        _ => new(ToGuestSignal(HostSignals.SIGTRAP), HostSignals.TRAP_BRKPT, pc),
    };

    // FCSR cause field (shifted down: I 1, U 2, O 4, Z 8, V 0x10, E 0x20), tested in do_fpe's order.
    public override int FloatingPointCode(uint cause) =>
        (cause & 0x10) != 0 ? HostSignals.FPE_FLTINV :
        (cause & 0x08) != 0 ? HostSignals.FPE_FLTDIV :
        (cause & 0x04) != 0 ? HostSignals.FPE_FLTOVF :
        (cause & 0x02) != 0 ? HostSignals.FPE_FLTUND :
        (cause & 0x01) != 0 ? HostSignals.FPE_FLTRES :
        HostSignals.FPE_FLTUNK;
}
