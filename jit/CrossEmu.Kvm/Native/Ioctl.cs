using System.Runtime.CompilerServices;

namespace CrossEmu.Kvm.Native;

/// <summary>The generic Linux ioctl number encoding (asm-generic/ioctl.h, as used on x86).</summary>
public static class IoctlEncoding
{
    const int NrShift = 0, TypeShift = 8, SizeShift = 16, DirShift = 30;
    const uint None = 0, Write = 1, Read = 2;

    public static nuint Ioc(uint dir, uint type, uint nr, int size)
    {
        if (size is < 0 or >= 1 << 14) throw new ArgumentOutOfRangeException(nameof(size), size, "an ioctl argument size has 14 bits");
        return (nuint)((dir << DirShift) | (type << TypeShift) | (nr << NrShift) | ((uint)size << SizeShift));
    }

    public static nuint Io(uint type, uint nr) => Ioc(None, type, nr, 0);

    /// <summary>_IOR: the kernel writes the argument, userspace reads it.</summary>
    public static nuint Ior<T>(uint type, uint nr) where T : unmanaged => Ioc(Read, type, nr, Unsafe.SizeOf<T>());

    /// <summary>_IOW: userspace writes the argument, the kernel reads it.</summary>
    public static nuint Iow<T>(uint type, uint nr) where T : unmanaged => Ioc(Write, type, nr, Unsafe.SizeOf<T>());

    public static nuint Iowr<T>(uint type, uint nr) where T : unmanaged => Ioc(Read | Write, type, nr, Unsafe.SizeOf<T>());
}

/// <summary>The KVM ioctl numbers this accelerator uses, computed from the struct declarations (linux/kvm.h).</summary>
public static class KvmIoctl
{
    const uint KVMIO = 0xAE;

    // System ioctls (on the /dev/kvm descriptor).
    public static readonly nuint GetApiVersion = IoctlEncoding.Io(KVMIO, 0x00);
    public static readonly nuint CreateVm = IoctlEncoding.Io(KVMIO, 0x01);
    public static readonly nuint GetMsrIndexList = IoctlEncoding.Iowr<KvmMsrList>(KVMIO, 0x02);
    public static readonly nuint CheckExtension = IoctlEncoding.Io(KVMIO, 0x03);
    public static readonly nuint GetVcpuMmapSize = IoctlEncoding.Io(KVMIO, 0x04);
    public static readonly nuint GetSupportedCpuid = IoctlEncoding.Iowr<KvmCpuid2>(KVMIO, 0x05);

    // VM ioctls.
    public static readonly nuint CreateVcpu = IoctlEncoding.Io(KVMIO, 0x41);
    public static readonly nuint SetUserMemoryRegion = IoctlEncoding.Iow<KvmUserspaceMemoryRegion>(KVMIO, 0x46);
    public static readonly nuint SetTssAddr = IoctlEncoding.Io(KVMIO, 0x47);
    public static readonly nuint SetIdentityMapAddr = IoctlEncoding.Iow<ulong>(KVMIO, 0x48);
    public static readonly nuint CreateIrqchip = IoctlEncoding.Io(KVMIO, 0x60);
    public static readonly nuint IrqLine = IoctlEncoding.Iow<KvmIrqLevel>(KVMIO, 0x61);
    public static readonly nuint CreatePit2 = IoctlEncoding.Iow<KvmPitConfig>(KVMIO, 0x77);

    // vCPU ioctls.
    public static readonly nuint Run = IoctlEncoding.Io(KVMIO, 0x80);
    public static readonly nuint GetRegs = IoctlEncoding.Ior<KvmRegs>(KVMIO, 0x81);
    public static readonly nuint SetRegs = IoctlEncoding.Iow<KvmRegs>(KVMIO, 0x82);
    public static readonly nuint GetSregs = IoctlEncoding.Ior<KvmSregs>(KVMIO, 0x83);
    public static readonly nuint SetSregs = IoctlEncoding.Iow<KvmSregs>(KVMIO, 0x84);
    public static readonly nuint GetMsrs = IoctlEncoding.Iowr<KvmMsrs>(KVMIO, 0x88);
    public static readonly nuint SetMsrs = IoctlEncoding.Iow<KvmMsrs>(KVMIO, 0x89);
    public static readonly nuint GetFpu = IoctlEncoding.Ior<KvmFpu>(KVMIO, 0x8c);
    public static readonly nuint SetFpu = IoctlEncoding.Iow<KvmFpu>(KVMIO, 0x8d);
    public static readonly nuint GetLapic = IoctlEncoding.Ior<KvmLapicState>(KVMIO, 0x8e);
    public static readonly nuint SetLapic = IoctlEncoding.Iow<KvmLapicState>(KVMIO, 0x8f);
    public static readonly nuint SetCpuid2 = IoctlEncoding.Iow<KvmCpuid2>(KVMIO, 0x90);
    public static readonly nuint GetMpState = IoctlEncoding.Ior<KvmMpState>(KVMIO, 0x98);
    public static readonly nuint SetMpState = IoctlEncoding.Iow<KvmMpState>(KVMIO, 0x99);

    /// <summary>Every number by its C macro name (for error messages and for the layout test).</summary>
    public static IReadOnlyList<(string Name, nuint Number)> All { get; } =
    [
        ("KVM_GET_API_VERSION", GetApiVersion), ("KVM_CREATE_VM", CreateVm), ("KVM_GET_MSR_INDEX_LIST", GetMsrIndexList),
        ("KVM_CHECK_EXTENSION", CheckExtension), ("KVM_GET_VCPU_MMAP_SIZE", GetVcpuMmapSize),
        ("KVM_GET_SUPPORTED_CPUID", GetSupportedCpuid), ("KVM_CREATE_VCPU", CreateVcpu),
        ("KVM_SET_USER_MEMORY_REGION", SetUserMemoryRegion), ("KVM_SET_TSS_ADDR", SetTssAddr),
        ("KVM_SET_IDENTITY_MAP_ADDR", SetIdentityMapAddr), ("KVM_CREATE_IRQCHIP", CreateIrqchip), ("KVM_IRQ_LINE", IrqLine),
        ("KVM_CREATE_PIT2", CreatePit2), ("KVM_RUN", Run), ("KVM_GET_REGS", GetRegs), ("KVM_SET_REGS", SetRegs),
        ("KVM_GET_SREGS", GetSregs), ("KVM_SET_SREGS", SetSregs), ("KVM_GET_MSRS", GetMsrs), ("KVM_SET_MSRS", SetMsrs),
        ("KVM_GET_FPU", GetFpu), ("KVM_SET_FPU", SetFpu), ("KVM_GET_LAPIC", GetLapic), ("KVM_SET_LAPIC", SetLapic),
        ("KVM_SET_CPUID2", SetCpuid2), ("KVM_GET_MP_STATE", GetMpState), ("KVM_SET_MP_STATE", SetMpState),
    ];

    public static string NameOf(nuint number)
    {
        foreach (var (name, n) in All)
            if (n == number) return name;
        return $"ioctl 0x{number:x}";
    }
}
