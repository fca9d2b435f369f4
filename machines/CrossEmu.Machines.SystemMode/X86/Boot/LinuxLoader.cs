using CrossEmu.Devices.Memory;

namespace CrossEmu.Machines.SystemMode.X86.Boot;

/// <summary>
/// Lays out a Linux boot through the 64-bit boot protocol in guest RAM: kernel, initrd, command
/// line, zero page, identity page tables, GDT/IDT and MP table; returns the layout with the entry
/// state (long mode at kernel + 0x200, RSI = zero page). Nothing here knows about KVM.
/// </summary>
public static class LinuxLoader
{
    public static LinuxBootLayout Load(GuestPhysicalMemory memory, BzImage kernel, string commandLine, int cpuCount, Initrd? initrd = null)
    {
        if (cpuCount < 1 || cpuCount > MpTable.MaxCpus)
            throw new BootImageException($"{cpuCount} CPUs: the x86-pc MP table describes 1 to {MpTable.MaxCpus}");
        var layout = LinuxBootLayout.Plan(memory, kernel, commandLine, initrd?.Length ?? 0);
        if (initrd != null && initrd.Length > int.MaxValue)
            throw new BootImageException($"{initrd.Name}: initrds over 2 GiB are not supported");

        BootTables.WriteGdt(memory);
        BootTables.WritePageTables(memory);
        MpTable.Write(memory, cpuCount);
        memory.Write(LinuxBootLayout.CommandLineAddress, layout.CommandLine);
        memory.Write(LinuxBootLayout.KernelAddress, kernel.ProtectedModeKernel);
        if (initrd != null && initrd.Length > 0)
            initrd.CopyTo(memory.Span(layout.InitrdAddress, (int)initrd.Length));

        var e820 = E820Map.For(memory);
        ulong altMemK = (memory.Size - E820Map.HighMemoryStart) / 1024;
        ZeroPage.Write(memory.Span(LinuxBootLayout.ZeroPageAddress, ZeroPage.Size), kernel,
            LinuxBootLayout.CommandLineAddress, layout.InitrdAddress, layout.InitrdSize, e820, altMemK);
        return layout;
    }
}
