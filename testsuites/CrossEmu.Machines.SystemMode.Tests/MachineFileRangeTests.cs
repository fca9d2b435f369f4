using CrossEmu.Devices.Character;
using CrossEmu.Machines.SystemMode.Definition;
using CrossEmu.Machines.SystemMode.Tests.X86.Guests;
using CrossEmu.Machines.SystemMode.X86;

namespace CrossEmu.Machines.SystemMode.Tests;

/// <summary>
/// Numbers in x86-pc.yaml at and past the edges of what a machine can have: each is refused at its
/// line by `machines` and by `system` alike, before any sum could wrap (the fuzzer's findings, and
/// the values just inside the limits, which must still load).
/// </summary>
[TestClass]
public sealed class MachineFileRangeTests
{
    static readonly string X86Pc = File.ReadAllText(Path.Combine(X86Guests.RepoRoot, "machines", "platforms", "x86-pc.yaml"));

    /// <summary>x86-pc.yaml with one replacement, written where both paths can read it.</summary>
    sealed class Mutant : IDisposable
    {
        readonly DirectoryInfo dir = Directory.CreateTempSubdirectory("crossemu-range-");

        public Mutant(string from, string to)
        {
            Assert.Contains(from, X86Pc);
            Path = global::System.IO.Path.Combine(dir.FullName, "pc.yaml");
            File.WriteAllText(Path, X86Pc.Replace(from, to));
            Bios = global::System.IO.Path.Combine(dir.FullName, "bios.bin");
            File.WriteAllBytes(Bios, new byte[4096]);
        }

        public string Path { get; }

        /// <summary>A 4 KiB firmware image (padded to 64 KiB: 0xffff0000-0xffffffff), so that a file that loads builds a whole machine.</summary>
        public string Bios { get; }

        public MachineDefinition Load() => MachineCatalog.Default.Load(Path, DeviceCatalog.Default);

        /// <summary>What `crossemu machines FILE` reports, without the file name.</summary>
        public string MachinesRefusal() => Assert.ThrowsExactly<MachineFileException>(() => Load()).Message.Replace(Path, "pc.yaml");

        /// <summary>What `crossemu system -M FILE` reports, without the file name.</summary>
        public string SystemRefusal() => Assert.ThrowsExactly<SystemSetupException>(() =>
            new X86PcMachine(new SystemOptions { Machine = Path, Bios = Bios }, new BufferCharBackend(), TextWriter.Null).Dispose())
            .Message.Replace(Path, "pc.yaml").Replace(Bios, "bios.bin");

        public void Dispose() => dir.Delete(true);
    }

    static void RefusedByBoth(string from, string to, string message)
    {
        using var m = new Mutant(from, to);
        Assert.AreEqual(message, m.MachinesRefusal());
        Assert.AreEqual("broken machine file " + message, m.SystemRefusal());
    }

    [TestMethod]
    public void PortOf2To64Minus1()
    {
        // It wrapped: "port + size > 0x10000" was 7 > 0x10000, and the bus's CheckRange threw (exit 134).
        RefusedByBoth("port: 0x3f8", "port: 18446744073709551615",
            "pc.yaml:19: device 'com1': port 0xffffffffffffffff is past 0xffff (I/O ports are 16-bit)");
    }

    [TestMethod]
    public void VirtioSizeOf2To64Minus1()
    {
        // It wrapped: the map showed 0xfeb00000-0xfeaffffe and exit 0.
        RefusedByBoth("size: 0x200", "size: 18446744073709551615",
            "pc.yaml:27: device 'virtio-mmio': addresses 0xfeb00000+0xffffffffffffffff go past 0xfffffffffffff (guest-physical addresses have 52 bits)");
    }

    [TestMethod]
    public void PortSizeOf2To64Minus1()
    {
        RefusedByBoth("port: 0x501, size: 2", "port: 0x501, size: 18446744073709551615",
            "pc.yaml:24: device 'debug-exit': ports 0x501+0xffffffffffffffff go past 0xffff (I/O ports are 16-bit)");
    }

    [TestMethod]
    public void PortsUpTo0xffffLoadAndOnePastIsRefused()
    {
        using (var last = new Mutant("port: 0x501, size: 2", "port: 0xfffe, size: 2"))
            Assert.AreEqual(0xfffeUL, last.Load().Devices.Single(d => d.Name == "debug-exit").Address);
        RefusedByBoth("port: 0x501, size: 2", "port: 0xffff, size: 2",
            "pc.yaml:24: device 'debug-exit': ports 0xffff+0x2 go past 0xffff (I/O ports are 16-bit)");
    }

    [TestMethod]
    public void RepeatTimesSizePastTheAddressSpace()
    {
        // One transport fits below 2^52, eight do not: repeat × size is checked, not only the first region.
        RefusedByBoth("address: 0xfeb00000", "address: 0xffffffffff800",
            "pc.yaml:27: device 'virtio-mmio': 8 regions of 0x200 from 0xffffffffff800 go past 0xfffffffffffff (guest-physical addresses have 52 bits)");
    }

    [TestMethod]
    public void IrqPlusRepeatPast1023()
    {
        RefusedByBoth("irq: 16, repeat: 8", "irq: 1020, repeat: 8", "pc.yaml:27: device 'virtio-mmio': irqs 1020 to 1027 (repeat 8) go past 1023");
        RefusedByBoth("irq: 16, repeat: 8", "irq: 18446744073709551615, repeat: 8",
            "pc.yaml:27: device 'virtio-mmio': irq 18446744073709551615 is out of range (0 to 1023)");
    }

    [TestMethod]
    public void IrqsPastTheIoApicAreRefusedByTheX86Machine()
    {
        // A machine file may number IRQs up to 1023; x86-pc's are inputs of KVM's in-kernel I/O APIC (GSI 0-23).
        using (var last = new Mutant("irq: 16, repeat: 8", "irq: 17, repeat: 8"))
        {
            Assert.AreEqual(24, last.Load().Devices.Single(d => d.Name == "virtio-mmio7").Irq);
            Assert.AreEqual("broken machine file pc.yaml:27: device 'virtio-mmio7': irq 24 is not an input of the I/O APIC " +
                "(x86 machines use KVM's in-kernel irqchip: GSI 0 to 23)", last.SystemRefusal());
        }
        using var rtc = new Mutant("irq: 8", "irq: 1023");
        rtc.Load();
        StringAssert.StartsWith(rtc.SystemRefusal(), "broken machine file pc.yaml:22: device 'rtc': irq 1023 is not an input of the I/O APIC");
    }

    [TestMethod]
    public void ADeviceWhereTheFirmwareGoesIsRefusedAtItsLine()
    {
        // It loaded, and the bus's InvalidOperationException (ROM over MMIO) escaped: exit 134.
        using var m = new Mutant("  - { name: debug-exit, type: DebugExit, port: 0x501, size: 2 }\n",
            "  - { name: debug-exit, type: DebugExit, port: 0x501, size: 2 }\n  - { name: flash, type: VirtioMmio, address: 0xffff0000, size: 0x200 }\n");
        m.Load();
        Assert.AreEqual("pc.yaml:25: device 'flash' (0xffff0000-0xffff01ff) is in the way of -bios bios.bin, " +
            "whose 64 KiB go at 0xffff0000-0xffffffff (just below 4 GiB)", m.SystemRefusal());
    }

    [TestMethod]
    public void CpusAreNotClampedToInt()
    {
        // 2^64-1 used to become int.MaxValue CPUs without a word.
        RefusedByBoth("max: 64", "max: 18446744073709551615", "pc.yaml:10: cpus: max (18446744073709551615) must be 1 to 4096");
    }

    [TestMethod]
    public void RamMaxSizeNotAMultipleOf4KiB()
    {
        // It loaded, and building the machine threw ArgumentException from GuestRam.
        RefusedByBoth("max-size: 3G", "max-size: 16", "pc.yaml:16: RAM window 'ram-below-4g': max-size must be a non-zero multiple of 4 KiB");
    }

    [TestMethod]
    public void RamWindowPastThePhysicalAddressSpace()
    {
        RefusedByBoth("base: 4G }", "base: 0x10000000000000 }",
            "pc.yaml:17: RAM window 'ram-above-4g': address 0x10000000000000 is past 0xfffffffffffff (guest-physical addresses have 52 bits)");
        RefusedByBoth("max-size: 3G", "max-size: 0xfffffffffffff000",
            "pc.yaml:16: RAM window 'ram-below-4g': addresses 0x0+0xfffffffffffff000 go past 0xfffffffffffff (guest-physical addresses have 52 bits)");
    }

    [TestMethod]
    public void RamAboveFourGigabytesIsLegalUpToThe52BitLimit()
    {
        using var m = new Mutant("default: 512M", "default: 64G");
        var machine = m.Load();
        CollectionAssert.AreEqual(new[] { (0UL, 3UL << 30), (4UL << 30, 61UL << 30) },
            AddressMap.FillWindows(machine.Memory, machine.Memory.DefaultSize).Select(f => (f.Window.Base, f.Size)).ToArray());
        // The window without max-size ends where the address space does: the capacity is finite and exact.
        Assert.AreEqual((3UL << 30) + MachineLimits.PhysicalAddressEnd - (4UL << 30), machine.Memory.Capacity);
        RefusedByBoth("default: 512M", "default: 4503599627370496",
            "pc.yaml:13: memory: default size 0x10000000000000 does not fit in the RAM windows (0xfffffc0000000 at most)");
    }

    [TestMethod]
    public void RamTheHostCannotMapIsRefusedAtTheWindow()
    {
        // 2 PiB fits the machine but no host's user address space: GuestRam's OutOfMemoryException escaped.
        using var m = new Mutant("default: 512M", "default: 2048T");
        m.Load();
        StringAssert.StartsWith(m.SystemRefusal(), "broken machine file pc.yaml:17: RAM window 'ram-above-4g': cannot allocate");
    }

    [TestMethod]
    public void TwoRamWindowsOfOneName()
    {
        // The bus threw InvalidOperationException ("region name used twice") once RAM reached the second.
        RefusedByBoth("name: ram-above-4g", "name: ram-below-4g", "pc.yaml:17: RAM window name 'ram-below-4g' is already used at line 16");
    }

    [TestMethod]
    public void SuffixedSizesThatOverflow64Bits()
    {
        RefusedByBoth("size: 0x200", "size: 17179869184G", "pc.yaml:27: 'size' must be at most 2^64-1, not '17179869184G'");
        RefusedByBoth("size: 0x200", "size: 0x200Q", "pc.yaml:27: 'size' must be a number (decimal, 0x hexadecimal, or with a K/M/G/T suffix), not '0x200Q'");
        RefusedByBoth("size: 0x200", "size: -512", "pc.yaml:27: 'size' must be a number of at least 0, not '-512'");
    }

    [TestMethod]
    public void AHugeValueIsQuotedShort()
    {
        using var m = new Mutant("type: Mc146818", "type: " + new string('A', 20_000));
        Assert.AreEqual("pc.yaml:22: 'type' must be 1 to 64 letters, digits, '-', '_' or '.', " +
            "not 'AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA...' (20000 characters)",
            m.MachinesRefusal());
    }

    [TestMethod]
    public void ADeviceRefusalIsOneLine()
    {
        // ArgumentOutOfRangeException's message has a second line ("Actual value was 4.").
        using var m = new Mutant("irq: 4, console: true", "irq: 4, console: true, properties: { reg-shift: 4 }");
        m.Load();
        Assert.AreEqual("broken machine file pc.yaml:19: device 'com1' (Ns16550): regShift is 0 to 3 (not 4)", m.SystemRefusal());
    }

    [TestMethod]
    public void APropertyGivenTwiceUnderTwoSpellings()
    {
        RefusedByBoth("irq: 4, console: true", "irq: 4, console: true, properties: { reg-shift: 0, reg_shift: 2 }",
            "pc.yaml:19: device 'com1' (Ns16550) has the property 'reg-shift' twice ('reg-shift' and 'reg_shift')");
    }
}
