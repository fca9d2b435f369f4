using System.Buffers.Binary;
using System.Diagnostics;
using CrossEmu.Frontends.X86.Boot;
using CrossEmu.Machines.SystemMode.X86.Boot;
using static CrossEmu.Machines.SystemMode.Tests.X86.Boot.BootImages;

namespace CrossEmu.Machines.SystemMode.Tests.X86.Boot;

/// <summary>
/// End to end without KVM: the Linux layout this loader writes, put into QEMU's RAM as is
/// (<c>-device loader</c>), with a 64 KiB ROM at the reset vector that puts the CPU into the
/// entry state (the GDT, CR3, CR4, EFER, CR0, CS/DS, RSI and RIP of <see cref="X86EntryState.Long64"/>)
/// the way the integrator's KVM code sets registers. A Debian kernel must find the e820 map,
/// the MP table (both CPUs), the initrd and the command line, and get as far as mounting a root.
/// </summary>
[TestClass]
public sealed class QemuBootTests
{
    /// <summary>A ROM whose reset vector reaches <paramref name="e"/> from real mode (the 16- then 64-bit code is hand-assembled).</summary>
    internal static byte[] TrampolineRom(X86EntryState e)
    {
        Assert.AreEqual(X86CpuMode.Long64, e.Mode);
        var rom = new byte[0x10000];
        var c = new List<byte>();
        void Bytes(params byte[] b) => c.AddRange(b);
        void Imm32(ulong v) { Assert.IsLessThan(1UL << 32, v); Bytes((byte)v, (byte)(v >> 8), (byte)(v >> 16), (byte)(v >> 24)); }
        const int start = 0x100, romBase = unchecked((int)0xFFFF0000);

        Bytes(0xFA);                                   // cli
        Bytes(0x2E, 0x66, 0x0F, 0x01, 0x16, 0, 0);     // lgdtl %cs:gdtr (patched below)
        int gdtrRef = c.Count - 2;
        Bytes(0x66, 0xB8); Imm32(e.Cr4);               // mov $cr4, %eax
        Bytes(0x0F, 0x22, 0xE0);                       // mov %eax, %cr4
        Bytes(0x66, 0xB8); Imm32(e.Cr3);               // mov $cr3, %eax
        Bytes(0x0F, 0x22, 0xD8);                       // mov %eax, %cr3
        Bytes(0x66, 0xB9, 0x80, 0x00, 0x00, 0xC0);     // mov $IA32_EFER, %ecx
        Bytes(0x0F, 0x32);                             // rdmsr
        Bytes(0x66, 0x0D); Imm32(e.Efer & ~X86EntryState.EferLma); // or $LME, %eax (the CPU sets LMA)
        Bytes(0x0F, 0x30);                             // wrmsr
        Bytes(0x66, 0xB8); Imm32(e.Cr0);               // mov $cr0, %eax
        Bytes(0x0F, 0x22, 0xC0);                       // mov %eax, %cr0
        Bytes(0x66, 0xEA); int farTarget = c.Count; Imm32(0); Bytes((byte)e.Cs.Selector, (byte)(e.Cs.Selector >> 8)); // ljmpl $cs, $long64
        BinaryPrimitives.WriteUInt32LittleEndian(global::System.Runtime.InteropServices.CollectionsMarshal.AsSpan(c)[farTarget..],
            (uint)(romBase + start + c.Count));
        Bytes(0xB8); Imm32(e.Ds.Selector);             // long64: mov $ds, %eax
        Bytes(0x8E, 0xD8, 0x8E, 0xC0, 0x8E, 0xD0, 0x8E, 0xE0, 0x8E, 0xE8); // mov %eax, %ds/%es/%ss/%fs/%gs
        Bytes(0xBE); Imm32(e.Rsi);                     // mov $rsi, %esi
        Bytes(0xB8); Imm32(e.Rip);                     // mov $rip, %eax
        Bytes(0xFF, 0xE0);                             // jmp *%rax
        int gdtr = start + c.Count;
        Bytes((byte)e.GdtLimit, (byte)(e.GdtLimit >> 8)); Imm32(e.GdtBase);
        c[gdtrRef] = (byte)gdtr;
        c[gdtrRef + 1] = (byte)(gdtr >> 8);
        c.CopyTo(rom, start);

        rom[0xFFF0] = 0xE9;                            // jmp near start
        BinaryPrimitives.WriteUInt16LittleEndian(rom.AsSpan(0xFFF1), (ushort)((start - 0xFFF3) & 0xFFFF)); // wraps within the 64 KiB segment
        return rom;
    }

    static string? Which(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').Select(d => Path.Combine(d, name)).FirstOrDefault(File.Exists);

    [TestMethod]
    public void DebianKernelBootsFromThisLayoutUnderQemu()
    {
        string kernelPath = DebianKernelPath();
        if (!File.Exists(kernelPath)) Assert.Inconclusive($"no Debian kernel at {kernelPath} (the test script fetches linux-image-6.1 amd64 there)");
        string? qemu = Which("qemu-system-x86_64");
        if (qemu == null) Assert.Inconclusive("qemu-system-x86_64 is not installed (qemu-system-x86)");

        var kernel = BzImage.Load(kernelPath);
        using var ram = new PcRam(256 * MiB);
        var initrd = new byte[0x10000];
        var layout = LinuxLoader.Load(ram.Memory, kernel, "console=ttyS0 earlyprintk=serial,ttyS0 panic=-1 crossemu-marker", 2,
            Initrd.FromBytes("initrd", initrd));

        var dir = Directory.CreateTempSubdirectory("crossemu-qemuboot-");
        try
        {
            string F(string name) => Path.Combine(dir.FullName, name);
            File.WriteAllBytes(F("rom.bin"), TrampolineRom(layout.Entry));
            File.WriteAllBytes(F("low.bin"), ram.Span(0, 0xA0000).ToArray());
            File.WriteAllBytes(F("kernel.bin"), ram.Span(LinuxBootLayout.KernelAddress, kernel.ProtectedModeKernel.Length).ToArray());
            File.WriteAllBytes(F("initrd.bin"), ram.Span(layout.InitrdAddress, initrd.Length).ToArray());
            var psi = new ProcessStartInfo(qemu)
            {
                RedirectStandardOutput = true, RedirectStandardError = true,
                ArgumentList =
                {
                    // One TCG thread for both vCPUs: with a thread each, on a loaded 2-core host the kernel's
                    // crypto self-test once spun 400 s waiting for the other vCPU (a soft lockup, no panic).
                    "-M", "pc", "-m", "256", "-smp", "2", "-cpu", "max", "-accel", "tcg,thread=single", "-bios", F("rom.bin"),
                    "-display", "none", "-no-reboot", "-nodefaults", "-serial", "stdio",
                    "-device", $"loader,file={F("low.bin")},addr=0,force-raw=on",
                    "-device", $"loader,file={F("kernel.bin")},addr=0x{LinuxBootLayout.KernelAddress:x},force-raw=on",
                    "-device", $"loader,file={F("initrd.bin")},addr=0x{layout.InitrdAddress:x},force-raw=on",
                },
            };
            using var p = Process.Start(psi)!;
            var stderr = p.StandardError.ReadToEndAsync();
            var stdout = p.StandardOutput.ReadToEndAsync();
            if (!p.WaitForExit(TimeSpan.FromSeconds(240)))
            {
                p.Kill();
                p.WaitForExit();
            }
            string log = stdout.Result + stderr.Result;
            string Tail() => log.Length > 3000 ? log[^3000..] : log;
            StringAssert.Contains(log, "Command line: console=ttyS0 earlyprintk=serial,ttyS0 panic=-1 crossemu-marker", Tail());
            StringAssert.Contains(log, "BIOS-e820: [mem 0x000000000009fc00-0x00000000000fffff] reserved", Tail());
            StringAssert.Contains(log, "BIOS-e820: [mem 0x0000000000100000-0x000000000fffffff] usable", Tail());
            StringAssert.Contains(log, "found SMP MP-table at [mem 0x0009fc00-0x0009fc0f]", Tail());
            StringAssert.Contains(log, $"RAMDISK: [mem 0x{layout.InitrdAddress:x8}-0x{layout.InitrdAddress + (ulong)initrd.Length - 1:x8}]", Tail());
            StringAssert.Contains(log, "smp: Brought up 1 node, 2 CPUs", Tail());
            StringAssert.Contains(log, "Kernel panic - not syncing: VFS: Unable to mount root fs", Tail());
        }
        finally { dir.Delete(recursive: true); }
    }
}
