using CrossEmu.Frontends.Arm;
using CrossEmu.Machines.Linux.Abi;
using CrossEmu.Machines.Linux.Elf;
using CrossEmu.Machines.Linux.Memory;
using CrossEmu.Machines.Linux.Signals;
using CrossEmu.Machines.Linux.Syscalls;
using static CrossEmu.Machines.Linux.Abi.Field;

namespace CrossEmu.Machines.Linux.Arm;

/// <summary>
/// 32-bit ARM EABI Linux (armel): syscall number in r7, arguments in r0-r6, result or -errno in r0.
/// Numbering of errno, signals, mmap and sigaction flags is the generic one; only four O_* bits differ
/// from x86-64.
/// </summary>
public sealed unsafe class ArmEabi : LinuxAbi
{
    public static ArmEabi Instance { get; } = new();

    // AT_HWCAP bits (asm/hwcap.h): an ARMv7 CPU without Thumb, VFP or NEON, like qemu-arm's minus those.
    public const uint HWCAP_SWP = 1 << 0, HWCAP_HALF = 1 << 1, HWCAP_THUMB = 1 << 2, HWCAP_FAST_MULT = 1 << 4,
        HWCAP_VFP = 1 << 6, HWCAP_EDSP = 1 << 7, HWCAP_NEON = 1 << 12, HWCAP_TLS = 1 << 15;

    ArmEabi()
    {
        var catalog = SyscallCatalog.CreateCommon();
        ArmPrivateSyscalls.Register(catalog);
        Syscalls = new SyscallTable(ArmSyscallNumbers.All, catalog);
    }

    public override string Name => "arm-eabi";
    public override bool BigEndian => false;

    // The stack sits just below the kuser page; mmap grows down below the stack and its guard gap.
    public override GuestLayout Layout { get; } = new(
        StackTop: 0xfffe0000, StackSize: 8u << 20, MmapTop: 0xff700000, MmapBottom: 0x00010000, PieBase: 0x40000000);

    public override StructLayouts Structs { get; } = StructLayouts.Ilp32(
        stat64: new Stat64Layout(104, Dev: U64(0), Ino32: U32(12), Mode: U32(16), Nlink: U32(20), Uid: U32(24), Gid: U32(28),
            Rdev: U64(32), FileSize: U64(48), BlockSize: U32(56), Blocks: U64(64), Atime: U32(72), AtimeNsec: U32(76),
            Mtime: U32(80), MtimeNsec: U32(84), Ctime: U32(88), CtimeNsec: U32(92), Ino: U64(96)),
        sigaction: new SigactionLayout(20, Handler: U32(0), Flags: U32(4), Restorer: U32(8), MaskLow: U32(12), MaskHigh: U32(16)))
        with
    {
        // ARM packs struct statfs64 (ARCH_PACK_STATFS64): same offsets, no tail padding. Its syscall
        // wrappers still accept glibc's 88 (sys_statfs64_wrapper: teq r1, #88; moveq r1, #84).
        Statfs64 = StructLayouts.Ilp32Statfs64 with { Size = 84, AlternateSize = 88 },
        // asm/stat.h (little-endian): 32-bit dev, ino, size and times, 16-bit mode, nlink and ids.
        Stat = new Stat64Layout(64, Dev: U32(0), Ino32: None, Mode: U16(8), Nlink: U16(10), Uid: U16(12), Gid: U16(14),
            Rdev: U32(16), FileSize: U32(20), BlockSize: U32(24), Blocks: U32(28), Atime: U32(32), AtimeNsec: U32(36),
            Mtime: U32(40), MtimeNsec: U32(44), Ctime: U32(48), CtimeNsec: U32(52), Ino: U32(4)),
    };

    public override SyscallTable Syscalls { get; }

    // ARM's asm/fcntl.h moves these four; every other O_* bit is x86-64's.
    public override FlagMap OpenFlags { get; } = new(
        (Guest: 0x4000 /* O_DIRECTORY 040000 */, Host: 0x10000 /* 0200000 */),
        (Guest: 0x8000 /* O_NOFOLLOW 0100000 */, Host: 0x20000 /* 0400000 */),
        (Guest: 0x10000 /* O_DIRECT 0200000 */, Host: 0x4000 /* 040000 */),
        (Guest: 0x20000 /* O_LARGEFILE 0400000 */, Host: 0x8000 /* 0100000 */));

    public override FlagMap MmapFlags => FlagMap.Identity;
    public override FlagMap SigactionFlags => FlagMap.Identity;

    public override string UnameMachine => "armv7l";
    public override string? Platform => "v7l";
    public override uint HwCap => HWCAP_SWP | HWCAP_HALF | HWCAP_FAST_MULT | HWCAP_EDSP | HWCAP_TLS;
    public override bool HasHwCap2 => true;

    public override void InitCpu(void* state, uint entry, uint stackPointer)
    {
        var cpu = (ArmCpuState*)state;
        cpu->Header.Pc = entry;
        cpu->R[13] = stackPointer;
        cpu->R[0] = 0; // ELF_PLAT_INIT: no atexit function for the program to register
    }

    public override void SetThreadPointer(void* state, uint pointer) => ((ArmCpuState*)state)->TpidrUro = pointer;

    public override void SetStackPointer(void* state, uint stackPointer) => ((ArmCpuState*)state)->R[13] = stackPointer;

    public override void ReadSyscall(void* state, SyscallContext c)
    {
        var cpu = (ArmCpuState*)state;
        c.Number = (int)cpu->R[7];
        for (int i = 0; i < 7; i++) c.Args[i] = cpu->R[i];
    }

    public override void WriteSyscallResult(void* state, long result)
    {
        var cpu = (ArmCpuState*)state;
        cpu->R[0] = (uint)ToGuestResult(result);
    }

    public override void InstallSpecialPages(AddressSpace space) => ArmKuserPage.Install(space);

    public override ISignalFrames? SignalFrames { get; } = new ArmSignalFrames();
}
