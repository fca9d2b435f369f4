using CrossEmu.Devices.Memory;
using CrossEmu.Frontends.X86.Boot;

namespace CrossEmu.Machines.SystemMode.X86.Boot;

/// <summary>
/// Where a Linux boot puts everything in guest-physical memory, and the checks that it fits.
/// Fixed places: GDT 0x500, IDT 0x520, zero page 0x7000, page tables 0x9000-0xEFFF, command line
/// 0x20000, MP table 0x9FC00, the protected-mode kernel at 1 MiB. Computed: how far the kernel
/// reaches and the initrd address (page-aligned, as high as RAM below the MMIO hole and the
/// kernel's initrd_addr_max allow, above the kernel).
/// </summary>
public sealed record LinuxBootLayout
{
    public const ulong ZeroPageAddress = 0x7000, CommandLineAddress = 0x20000, KernelAddress = 0x100000;
    const ulong MiB = 1UL << 20, Page = 4096;

    /// <summary>First byte after what the kernel may use while it starts (see <see cref="KernelEndFor"/>).</summary>
    public required ulong KernelEnd { get; init; }
    /// <summary>Initrd address, 0 without an initrd.</summary>
    public required ulong InitrdAddress { get; init; }
    public required ulong InitrdSize { get; init; }
    /// <summary>The command line as copied (with its NUL).</summary>
    public required byte[] CommandLine { get; init; }
    public required X86EntryState Entry { get; init; }

    /// <summary>
    /// The end of the memory the kernel uses until it has its own memory map. The decompressor
    /// runs where it was loaded, then moves itself to its run address, which for a relocatable
    /// kernel is the load address rounded up to kernel_alignment but never below pref_address
    /// (LOAD_PHYSICAL_ADDR), and for any other kernel is pref_address; from there it needs
    /// init_size bytes (arch/x86/boot/compressed/head_64.S). A kernel loaded at 1 MiB therefore
    /// reaches max(1 MiB + its size, run address + init_size).
    /// </summary>
    public static ulong KernelEndFor(BzImage kernel)
    {
        ulong align = Math.Max(kernel.KernelAlignment, 1u);
        ulong pref = kernel.PrefAddress != 0 ? kernel.PrefAddress : KernelAddress;
        ulong run = kernel.Relocatable ? Math.Max((KernelAddress + align - 1) / align * align, pref) : pref;
        return Math.Max(KernelAddress + (ulong)kernel.ProtectedModeKernel.Length, Math.Max(run + kernel.InitSize, KernelAddress + kernel.InitSize));
    }

    /// <summary>Checks that kernel, initrd and command line fit and computes where they go.</summary>
    public static LinuxBootLayout Plan(GuestPhysicalMemory memory, BzImage kernel, string commandLine, long initrdSize)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(initrdSize);
        var cmdline = kernel.EncodeCommandLine(commandLine);
        if (CommandLineAddress + (ulong)cmdline.Length > MpTable.Address)
            throw new BootImageException(
                $"{kernel.FileName}: the command line is {cmdline.Length - 1} bytes; at most {MpTable.Address - CommandLineAddress - 1} fit");

        ulong total = memory.Size, low = memory.LowEnd;
        ulong kernelEnd = KernelEndFor(kernel);
        string needs = $"needs {Mib(kernelEnd - KernelAddress)} MiB from 1 MiB";
        string tooSmall = $"{Mib(total)} MiB of RAM is too small for this kernel ({needs})";
        if (low < KernelAddress || kernelEnd > low)
            throw new BootImageException(initrdSize > 0 ? $"{tooSmall} and initrd ({Mib((ulong)initrdSize)} MiB)" : tooSmall);

        ulong initrdAddress = 0;
        if (initrdSize > 0)
        {
            ulong limit = Math.Min(low, (ulong)kernel.InitrdAddrMax + 1);
            ulong lowest = (kernelEnd + Page - 1) / Page * Page;
            ulong size = (ulong)initrdSize;
            if (size > limit || (limit - size) / Page * Page < lowest)
            {
                if (limit == low)
                    throw new BootImageException($"{tooSmall} and initrd ({Mib(size)} MiB)");
                throw new BootImageException($"{kernel.FileName}: the initrd ({Mib(size)} MiB) does not fit between the kernel's end " +
                    $"at {Mib(kernelEnd)} MiB and its initrd_addr_max 0x{kernel.InitrdAddrMax:x}");
            }
            initrdAddress = (limit - size) / Page * Page;
        }

        return new LinuxBootLayout
        {
            KernelEnd = kernelEnd,
            InitrdAddress = initrdAddress,
            InitrdSize = (ulong)initrdSize,
            CommandLine = cmdline,
            Entry = X86EntryState.Long64(KernelAddress + BzImage.Entry64Offset, ZeroPageAddress,
                BootTables.PageTablesAddress, BootTables.GdtAddress, BootTables.IdtAddress),
        };
    }

    static ulong Mib(ulong bytes) => (bytes + MiB - 1) / MiB;
}
