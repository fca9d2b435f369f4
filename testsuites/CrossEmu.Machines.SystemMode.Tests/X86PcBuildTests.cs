using CrossEmu.Devices.Bus;
using CrossEmu.Devices.Character;
using CrossEmu.Devices.Interrupts;
using CrossEmu.Devices.Machine;
using CrossEmu.Devices.Memory;
using CrossEmu.Devices.Time;
using CrossEmu.Devices.Logging;
using CrossEmu.Devices.Virtio;
using CrossEmu.Machines.SystemMode;
using CrossEmu.Machines.SystemMode.Definition;
using CrossEmu.Machines.SystemMode.X86;
using CrossEmu.Machines.SystemMode.X86.Boot;
using CrossEmu.Machines.SystemMode.Tests.X86.Guests;

namespace CrossEmu.Machines.SystemMode.Tests;

/// <summary>
/// The shipped x86-pc machine file, built with the real devices, reached through the bus the way
/// KVM's exits reach it; and the machine's set-up up to the point where it needs /dev/kvm.
/// </summary>
[TestClass]
public sealed class X86PcBuildTests
{
    static readonly MachineCatalog Platforms = new(Path.Combine(X86Guests.RepoRoot, "machines", "platforms"));

    sealed class Control : IMachineControl
    {
        public int Resets;
        public int? PowerOffCode;
        public void Reset() => Resets++;
        public void PowerOff(int exitCode) => PowerOffCode = exitCode;
    }

    sealed record Rig(BuiltMachine Machine, BufferCharBackend Console, Control Control) : IDisposable
    {
        public void Dispose() => Machine.Dispose();
    }

    static Rig Build(ulong memory = 64UL << 20)
    {
        var definition = Platforms.Load("x86-pc", DeviceCatalog.Default);
        var console = new BufferCharBackend();
        var control = new Control();
        var bus = new SystemBus();
        var clock = new VirtualClock(ClockMode.Deterministic);
        var services = new MachineServices(console, bus, clock, bus.Log, control);
        return new Rig(MachineBuilder.Build(definition, memory, bus, services.Resolve), console, control);
    }

    [TestMethod]
    public void EveryShippedMachineFileIsValid()
    {
        Assert.IsNotEmpty(Platforms.Names);
        foreach (var name in Platforms.Names) Platforms.Load(name, DeviceCatalog.Default);
    }

    [TestMethod]
    public void DevicesSitWhereTheFileSays()
    {
        using var rig = Build();
        var bus = rig.Machine.Bus;
        Assert.AreEqual("Ns16550", bus.FindPortRegion(0x3f8)!.DeviceType);
        Assert.AreEqual("I8042", bus.FindPortRegion(0x64)!.DeviceType);
        Assert.AreEqual("Mc146818", bus.FindPortRegion(0x71)!.DeviceType);
        Assert.AreEqual("DebugExit", bus.FindPortRegion(0x501)!.DeviceType);
        Assert.AreEqual("VirtioMmio", bus.FindRegion(0xfeb00e00)!.DeviceType);
        Assert.IsNull(bus.FindRegion(0xfeb01000));
        Assert.AreEqual(64UL << 20, rig.Machine.RamSize);
    }

    [TestMethod]
    public void ADeviceWhoseServiceTheMachineLacksIsAnError()
    {
        var definition = Platforms.Load("x86-pc", DeviceCatalog.Default);
        var e = Assert.ThrowsExactly<MachineFileException>(() => MachineBuilder.Build(definition, 64UL << 20, new SystemBus(), (_, _) => null).Dispose());
        StringAssert.Contains(e.Message, "device 'i8042' (I8042) needs a IMachineControl, which this machine does not provide");
    }

    [TestMethod]
    public void RamAboveThreeGigabytesGoesAboveFour()
    {
        using var rig = Build(4UL << 30);
        CollectionAssert.AreEqual(new[] { (0UL, 3UL << 30), (4UL << 30, 1UL << 30) },
            rig.Machine.Ram.Select(r => (r.Base, r.Size)).ToArray());
    }

    [TestMethod]
    public void UartTransmitsToTheConsoleAndInterruptsOnIrq4()
    {
        using var rig = Build();
        var bus = rig.Machine.Bus;
        foreach (var c in "hi") bus.WritePort(0x3f8, AccessWidth.Byte, c);
        Assert.AreEqual("hi", rig.Console.OutputText);
        Assert.IsFalse(rig.Machine.Interrupts.IsAsserted(4));
        bus.WritePort(0x3fc, AccessWidth.Byte, 0x08);   // MCR.OUT2: the PC's IRQ gate
        bus.WritePort(0x3f9, AccessWidth.Byte, 0x02);   // IER.ETBEI: THR empty interrupt
        Assert.IsTrue(rig.Machine.Interrupts.IsAsserted(4));
        Assert.AreEqual(0x02UL, bus.ReadPort(0x3fa, AccessWidth.Byte) & 0x0f); // IIR: THR empty; reading clears it
        Assert.IsFalse(rig.Machine.Interrupts.IsAsserted(4));
    }

    [TestMethod]
    public void DebugExitAndKeyboardControllerReachTheMachine()
    {
        using var rig = Build();
        rig.Machine.Bus.WritePort(0x501, AccessWidth.Byte, 0x10);
        Assert.AreEqual(33, rig.Control.PowerOffCode);
        rig.Machine.Bus.WritePort(0x64, AccessWidth.Byte, 0xfe);
        Assert.AreEqual(1, rig.Control.Resets);
    }

    [TestMethod]
    public void EmptyVirtioTransportsIdentifyAsDevice0()
    {
        using var rig = Build();
        var bus = rig.Machine.Bus;
        Assert.AreEqual(VirtioMmio.Magic, bus.ReadMemory(0xfeb00000, AccessWidth.DoubleWord));
        Assert.AreEqual(2UL, bus.ReadMemory(0xfeb00004, AccessWidth.DoubleWord));
        Assert.AreEqual(0UL, bus.ReadMemory(0xfeb00008, AccessWidth.DoubleWord));
    }

    static X86PcMachine Setup(SystemOptions options) =>
        new(options, new BufferCharBackend(), TextWriter.Null, Platforms);

    [TestMethod]
    public void DrivesGoOnTheFirstTransportsAndOntoTheKernelCommandLine()
    {
        var kernel = Path.Combine(X86Guests.RepoRoot, "testsuites", "out", "system", "linux", "vmlinuz");
        if (!File.Exists(kernel)) Assert.Inconclusive($"{kernel} is missing (testsuites/system/linux/build.sh fetches Debian's kernel)");
        var dir = Directory.CreateTempSubdirectory();
        try
        {
            var a = Path.Combine(dir.FullName, "a.img");
            var b = Path.Combine(dir.FullName, "b.img");
            File.WriteAllBytes(a, new byte[4096]);
            File.WriteAllBytes(b, new byte[8192]);
            using var m = Setup(new SystemOptions
            {
                Kernel = kernel, Append = "console=ttyS0 quiet", MemorySize = 256UL << 20, Cpus = 2,
                Drives = [new DriveOption(a, false), new DriveOption(b, true)],
            });
            Assert.AreEqual("console=ttyS0 quiet virtio_mmio.device=512@0xfeb00000:16 virtio_mmio.device=512@0xfeb00200:17", m.KernelCommandLine);
            Assert.AreEqual(2UL, m.Machine.Bus.ReadMemory(0xfeb00008, AccessWidth.DoubleWord)); // virtio-blk
            Assert.AreEqual(2UL, m.Machine.Bus.ReadMemory(0xfeb00208, AccessWidth.DoubleWord));
            Assert.AreEqual(0UL, m.Machine.Bus.ReadMemory(0xfeb00408, AccessWidth.DoubleWord));
            // The kernel's command line is in guest RAM where the zero page points.
            var ram = m.Machine.Ram[0];
            var cmdlinePtr = BitConverter.ToUInt32(ram.Span(0x7000 + 0x228, 4));
            var text = System.Text.Encoding.ASCII.GetString(ram.Span(cmdlinePtr, m.KernelCommandLine!.Length));
            Assert.AreEqual(m.KernelCommandLine, text);
        }
        finally
        {
            dir.Delete(true);
        }
    }

    [TestMethod]
    public void FirmwareIsRomAtTheTopOfFourGigabytesAndCopiedBelowOneMegabyte()
    {
        X86Guests.EnsureBuilt();
        var image = X86Guests.ImagePath("hello");
        using var m = Setup(new SystemOptions { Bios = image, MemorySize = 64UL << 20 });
        var bytes = File.ReadAllBytes(image);
        var bus = m.Machine.Bus;
        Assert.AreEqual(BitConverter.ToUInt32(bytes, bytes.Length - 16), (uint)bus.ReadMemory(0xfffffff0, AccessWidth.DoubleWord));
        Assert.AreEqual(BitConverter.ToUInt32(bytes, bytes.Length - 16), (uint)bus.ReadMemory(0xffff0, AccessWidth.DoubleWord));
        bus.WriteMemory(0xfffffff0, AccessWidth.DoubleWord, 0);
        Assert.AreEqual(BitConverter.ToUInt32(bytes, bytes.Length - 16), (uint)bus.ReadMemory(0xfffffff0, AccessWidth.DoubleWord), "ROM ignores writes");
    }

    [TestMethod]
    public void KvmsRealModePagesLieOutsideRamFirmwareAndDevices()
    {
        var options = new CrossEmu.Kvm.KvmVmOptions();
        (ulong Start, ulong End)[] pages =
        [
            (options.IdentityMapAddress, options.IdentityMapAddress + 0x1000),
            (options.TssAddress, options.TssAddress + 0x3000),
        ];
        Assert.IsTrue(pages[0].End <= pages[1].Start || pages[1].End <= pages[0].Start, "the identity map and the TSS overlap");
        using var rig = Build(3UL << 30);
        ulong ramBelow4G = rig.Machine.Ram.Where(r => r.Base < FirmwareImage.FourGiB).Max(r => r.End);
        foreach (var (start, end) in pages)
        {
            Assert.IsTrue(start >= ramBelow4G, $"0x{start:x} is in RAM (up to 0x{ramBelow4G:x})");
            Assert.IsTrue(end <= FirmwareImage.FourGiB - FirmwareImage.MaxSize, $"0x{start:x}-0x{end:x} is where a 16 MiB firmware goes");
            Assert.IsTrue(start >= 0xFEE0_1000, $"0x{start:x} is below the local APIC page (I/O APIC, local APIC and virtio-mmio lie there)");
            for (ulong a = start; a < end; a += 0x1000) Assert.IsNull(rig.Machine.Bus.FindRegion(a), $"a device at 0x{a:x}");
        }
    }

    [TestMethod]
    public void AKvmThatRefusesTheSetUpIsAMessageAndTheKvmErrorExitCode()
    {
        var dir = Directory.CreateTempSubdirectory();
        try
        {
            var bios = Path.Combine(dir.FullName, "firmware.bin");
            File.WriteAllBytes(bios, new byte[4096]);
            var diagnostics = new StringWriter();
            using var m = new X86PcMachine(new SystemOptions { Bios = bios, MemorySize = 64UL << 20 }, new BufferCharBackend(), diagnostics, Platforms);
            var refusal = new CrossEmu.Kvm.KvmException("this KVM has no in-kernel irqchip (KVM_CAP_IRQCHIP)");
            Assert.AreEqual(X86PcMachine.CrashExitCode, m.SetUpFailed(refusal));
            Assert.AreEqual("crossemu: KVM could not set up the machine: this KVM has no in-kernel irqchip (KVM_CAP_IRQCHIP)\n",
                diagnostics.ToString().Replace("\r\n", "\n"));
        }
        finally
        {
            dir.Delete(true);
        }
    }

    sealed class RecordingIrqchip : IInterruptController
    {
        public readonly List<(int Line, bool Asserted)> Lines = [];
        public void SetIrq(int line, bool asserted) { lock (Lines) Lines.Add((line, asserted)); }
    }

    [TestMethod]
    public void DisposeDetachesTheIrqchipBeforeTheVmGoes()
    {
        var dir = Directory.CreateTempSubdirectory();
        try
        {
            var bios = Path.Combine(dir.FullName, "firmware.bin");
            File.WriteAllBytes(bios, new byte[4096]);
            var m = Setup(new SystemOptions { Bios = bios, MemorySize = 64UL << 20 });
            var router = m.Machine.Interrupts;
            var irqchip = new RecordingIrqchip();
            router.Target = irqchip; // what Run does with the KVM VM
            router.SetIrq(4, true);
            router.SetIrq(4, false);
            m.Dispose();
            Assert.IsNull(router.Target);
            router.SetIrq(4, true); // a device's own thread (console input to the UART) after the VM is closed
            CollectionAssert.AreEqual(new[] { (4, true), (4, false) }, irqchip.Lines);
        }
        finally
        {
            dir.Delete(true);
        }
    }

    [TestMethod]
    [DataRow("-bios and -kernel", "give either -kernel or -bios")]
    [DataRow("nothing", "nothing to boot")]
    [DataRow("too many drives", "9 drives given, but machine 'x86-pc' has 8 virtio-mmio transports")]
    [DataRow("tcg", "x86 guests run on KVM only")]
    [DataRow("4000 TiB", "-m: this host cannot allocate 4096000 GiB of guest RAM (cannot allocate")]
    public void BadSetupsSayWhatIsWrong(string what, string message)
    {
        var options = what switch
        {
            // x86-pc holds it (52-bit addresses), but no host's user address space does; the machine file is not to blame.
            "4000 TiB" => new SystemOptions { Bios = "/nonexistent", MemorySize = 4000UL << 40 },
            "-bios and -kernel" => new SystemOptions { Bios = "a", Kernel = "b" },
            "nothing" => new SystemOptions(),
            "too many drives" => new SystemOptions { Bios = "/nonexistent", Drives = Enumerable.Repeat(new DriveOption("/etc/hostname", true), 9).ToList() },
            _ => new SystemOptions { Accelerator = "tcg", Bios = "a" },
        };
        var e = Assert.ThrowsExactly<SystemSetupException>(() => Setup(options).Dispose());
        StringAssert.Contains(e.Message, message);
    }

    [TestMethod]
    [DoNotParallelize] // it counts this process's threads and address space
    public void AMachineThatFailsAfterItsBuildReleasesItsClockThreadAndRam()
    {
        const ulong Ram = 16UL << 30; // reserved, not committed: a leak shows in VmSize, not in memory use
        SystemOptions[] failing =
        [
            new() { Bios = "/nonexistent/bios.bin", MemorySize = Ram },
            new() { Bios = "/nonexistent/bios.bin", MemorySize = Ram, Drives = [new DriveOption("/nonexistent/disk.img", false)] },
        ];
        int clocks = ClockThreads();
        long addressSpace = AddressSpaceKiB();
        foreach (var options in failing)
            for (int i = 0; i < 3; i++)
                Assert.ThrowsExactly<SystemSetupException>(() => Setup(options).Dispose());
        // A joined thread leaves the kernel's task list a moment later.
        for (int wait = 0; wait < 50 && ClockThreads() > clocks; wait++) Thread.Sleep(100);
        Assert.AreEqual(clocks, ClockThreads(), "clock threads left running");
        Assert.IsLessThan(addressSpace + (long)(Ram >> 10), AddressSpaceKiB(), "guest RAM left mapped");
    }

    /// <summary>Threads named "CrossEmu virtual clock" (the kernel keeps 15 characters of a thread's name).</summary>
    static int ClockThreads() => Directory.GetDirectories("/proc/self/task").Count(task =>
    {
        try { return File.ReadAllText(Path.Combine(task, "comm")).TrimEnd('\n') == "CrossEmu virtua"; }
        catch (IOException) { return false; } // the thread has just ended
    });

    static long AddressSpaceKiB() =>
        long.Parse(File.ReadLines("/proc/self/status").First(l => l.StartsWith("VmSize:", StringComparison.Ordinal))["VmSize:".Length..].Trim().Split(' ')[0]);
}
