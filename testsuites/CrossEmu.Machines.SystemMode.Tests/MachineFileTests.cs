using CrossEmu.Devices.Bus;
using CrossEmu.Devices.Character;
using CrossEmu.Devices.Interrupts;
using CrossEmu.Machines.SystemMode.Definition;

namespace CrossEmu.Machines.SystemMode.Tests;

// Device classes of the tests' own, so the parser is checked independently of the real devices.
public sealed class TestUart(IrqLine irq, ICharBackend console, int clockHz = 1_843_200, bool fifo = true) : IBusPeripheral
{
    public IrqLine Irq { get; } = irq;
    public ICharBackend Console { get; } = console;
    public int ClockHz { get; } = clockHz;
    public bool Fifo { get; } = fifo;
    public AccessWidths Widths => AccessWidths.Byte;
    public ulong Read(ulong offset, AccessWidth width) => 0;
    public void Write(ulong offset, AccessWidth width, ulong value) { }
}

public enum TestMode { Fast, Slow }

public sealed class TestDisk(IrqLine irq, string image, TestMode mode = TestMode.Fast, bool readOnly = false) : IBusPeripheral
{
    public IrqLine Irq { get; } = irq;
    public string Image { get; } = image;
    public TestMode Mode { get; } = mode;
    public bool ReadOnly { get; } = readOnly;
    public AccessWidths Widths => AccessWidths.DoubleWord;
    public ulong Read(ulong offset, AccessWidth width) => 0;
    public void Write(ulong offset, AccessWidth width, ulong value) { }
}

public sealed class TestRom : IBusPeripheral
{
    public AccessWidths Widths => AccessWidths.All;
    public ulong Read(ulong offset, AccessWidth width) => 0;
    public void Write(ulong offset, AccessWidth width, ulong value) { }
}

[TestClass]
public sealed class MachineFileTests
{
    static readonly DeviceCatalog Catalog = new([typeof(TestUart), typeof(TestDisk), typeof(TestRom)]);

    const string Good = """
        name: test-pc
        description: a machine for tests
        architecture: x86_64
        cpus: { default: 2, max: 8 }
        memory:
          default: 64M
          ram:
            - { name: low, base: 0, max-size: 3G }
            - { name: high, base: 4G }
        devices:
          - { name: com1, type: TestUart, port: 0x3f8, size: 8, irq: 4, console: true }
          - name: disk
            type: TestDisk
            address: 0xfeb00000
            size: 0x200
            irq: 16
            repeat: 3
            properties:
              image: disk.img
              mode: slow
              read-only: yes
        """;

    static MachineDefinition Parse(string text)
    {
        var m = MachineFileParser.Parse(text, "test.yaml");
        MachineValidator.Validate(m, Catalog);
        return m;
    }

    static MachineFileException Broken(string text) => Assert.ThrowsExactly<MachineFileException>(() => Parse(text));

    [TestMethod]
    public void GoodFileGivesEveryField()
    {
        var m = Parse(Good);
        Assert.AreEqual("test-pc", m.Name);
        Assert.AreEqual("x86_64", m.Architecture);
        Assert.AreEqual(2, m.Cpus.Default);
        Assert.AreEqual(8, m.Cpus.Max);
        Assert.AreEqual(64UL << 20, m.Memory.DefaultSize);
        Assert.AreEqual(2, m.Memory.Windows.Count);
        Assert.AreEqual(3UL << 30, m.Memory.Windows[0].MaxSize);
        Assert.AreEqual(4UL << 30, m.Memory.Windows[1].Base);
        Assert.AreEqual(ulong.MaxValue, m.Memory.Windows[1].MaxSize);

        var com1 = m.Devices[0];
        Assert.AreEqual(AddressSpace.Port, com1.Space);
        Assert.AreEqual(0x3f8UL, com1.Address);
        Assert.AreEqual(4, com1.Irq);
        Assert.IsTrue(com1.Console);
        Assert.AreEqual(11, com1.Location.Line);
    }

    [TestMethod]
    public void RepeatSteppsAddressesAndIrqs()
    {
        var disks = Parse(Good).Devices.Skip(1).ToList();
        CollectionAssert.AreEqual(new[] { "disk0", "disk1", "disk2" }, disks.Select(d => d.Name).ToArray());
        CollectionAssert.AreEqual(new ulong[] { 0xfeb00000, 0xfeb00200, 0xfeb00400 }, disks.Select(d => d.Address).ToArray());
        CollectionAssert.AreEqual(new int?[] { 16, 17, 18 }, disks.Select(d => d.Irq).ToArray());
        Assert.AreEqual("slow", disks[2].Properties["mode"].Text);
    }

    [TestMethod]
    public void PropertiesConvertToTheParameterTypes()
    {
        var disk = Parse(Good).Devices[1];
        Catalog.TryGet("TestDisk", out var type);
        Assert.AreEqual(TestMode.Slow, PropertyConverter.Convert(disk.Properties["mode"], type.Property("mode")!.Type, "mode"));
        Assert.AreEqual(true, PropertyConverter.Convert(disk.Properties["read-only"], type.Property("read-only")!.Type, "read-only"));
        Assert.AreEqual("readOnly", type.Property("read_only")!.Name);
    }

    [TestMethod]
    [DataRow("4096", 4096UL)]
    [DataRow("0x3f8", 0x3f8UL)]
    [DataRow("64K", 0x10000UL)]
    [DataRow("512M", 512UL << 20)]
    [DataRow("3G", 3UL << 30)]
    [DataRow("1_000", 1000UL)]
    public void SizesAndNumbers(string text, ulong expected)
    {
        Assert.IsTrue(SizeText.TryParse(text, out var value));
        Assert.AreEqual(expected, value);
    }

    [TestMethod]
    [DataRow("")]
    [DataRow("12Q")]
    [DataRow("0xZZ")]
    [DataRow("99999999999999999999")]
    [DataRow("20000000000000G")]
    public void BadNumbersAreRefused(string text) => Assert.IsFalse(SizeText.TryParse(text, out _));

    [TestMethod]
    public void UnknownDeviceTypeNamesFileLineAndKnownTypes()
    {
        var e = Broken(Good.Replace("type: TestDisk", "type: Floppy"));
        StringAssert.StartsWith(e.Message, "test.yaml:12: unknown device type 'Floppy'");
        StringAssert.Contains(e.Message, "TestDisk, TestRom, TestUart");
    }

    [TestMethod]
    public void OverlappingDevices()
    {
        var e = Broken(Good.Replace("port: 0x3f8, size: 8", "address: 0xfeb00300, size: 8"));
        Assert.AreEqual(12, e.Location.Line);
        StringAssert.Contains(e.Message, "device 'disk1' (addresses 0xfeb00200-0xfeb003ff) overlaps device 'com1' (0xfeb00300-0xfeb00307, line 11)");
    }

    [TestMethod]
    public void DeviceOverlappingRam()
    {
        var e = Broken(Good.Replace("address: 0xfeb00000", "address: 0x100000"));
        StringAssert.Contains(e.Message, "overlaps RAM window 'low'");
    }

    [TestMethod]
    public void PortsOverlapOnlyOtherPorts()
    {
        // Port 0x0 and memory address 0x0 (RAM) are different spaces.
        Parse(Good.Replace("port: 0x3f8", "port: 0x0"));
        var e = Broken(Good.Replace("port: 0x3f8, size: 8, irq: 4, console: true }",
            "port: 0x3f8, size: 8, irq: 4, console: true }\n  - { name: com2, type: TestUart, port: 0x3fc, size: 8 }"));
        StringAssert.Contains(e.Message, "device 'com2' (ports 0x3fc-0x403) overlaps device 'com1'");
    }

    [TestMethod]
    public void IrqWiredTwice()
    {
        var e = Broken(Good.Replace("irq: 16", "irq: 3"));
        StringAssert.Contains(e.Message, "test.yaml:12: irq 4 of 'disk1' is already wired to 'com1' (line 11)");
    }

    [TestMethod]
    public void ConsoleOnADeviceWithoutACharacterPortAtItsOwnLine()
    {
        var e = Broken(Good.Replace("type: TestUart, port: 0x3f8, size: 8, irq: 4, console: true",
            "type: TestDisk, port: 0x3f8, size: 8, irq: 4, console: true, properties: { image: x }"));
        StringAssert.Contains(e.Message, "device 'com1' (TestDisk) has no character port, so it cannot be the console");
    }

    [TestMethod]
    public void IrqOnADeviceWithoutALine()
    {
        var e = Broken(Good.Replace("type: TestUart, port: 0x3f8, size: 8, irq: 4, console: true", "type: TestRom, port: 0x3f8, size: 8, irq: 4"));
        Assert.AreEqual("test.yaml:11: device 'com1' (TestRom) has no interrupt line, so it cannot take 'irq'", e.Message);
    }

    [TestMethod]
    public void BadPropertyValue()
    {
        var e = Broken(Good.Replace("mode: slow", "mode: warp"));
        Assert.AreEqual("test.yaml:20: property 'mode' must be one of fast, slow, not 'warp'", e.Message);
    }

    [TestMethod]
    public void UnknownProperty()
    {
        var e = Broken(Good.Replace("mode: slow", "colour: red"));
        Assert.AreEqual("test.yaml:20: device 'disk0' (TestDisk) has no property 'colour' (it takes image, mode, read-only)", e.Message);
    }

    [TestMethod]
    public void MissingRequiredProperty()
    {
        var e = Broken(Good.Replace("image: disk.img", "mode: fast").Replace("      mode: slow\n", ""));
        StringAssert.Contains(e.Message, "needs the property 'image'");
    }

    [TestMethod]
    public void UnknownKeyIsATypoNotIgnored()
    {
        var e = Broken(Good.Replace("irq: 16", "irqq: 16"));
        StringAssert.Contains(e.Message, "test.yaml:16: unknown key 'irqq'");
    }

    [TestMethod]
    public void AddressAndPortTogether()
    {
        var e = Broken(Good.Replace("port: 0x3f8,", "port: 0x3f8, address: 0x1000,"));
        StringAssert.Contains(e.Message, "needs exactly one of 'address'");
    }

    [TestMethod]
    public void YamlSyntaxErrorHasALine()
    {
        var e = Broken(Good.Replace("cpus: { default: 2, max: 8 }", "cpus: { default: 2, max: 8"));
        StringAssert.StartsWith(e.Message, "test.yaml:");
        StringAssert.Contains(e.Message, "not valid YAML");
    }

    [TestMethod]
    public void DeepNestingIsRefusedNotAStackOverflow()
    {
        // YamlStream builds nodes recursively: 100,000 '[' overflowed the stack and ended the process.
        var e = Broken("name: " + new string('[', 100_000));
        Assert.AreEqual("test.yaml:1: lists and mappings nested more than 32 levels deep", e.Message);
    }

    [TestMethod]
    public void AnAliasWithoutAnchorIsReportedAtItsLine()
    {
        var e = Broken(Good.Replace("max: 8", "max: *eight"));
        Assert.AreEqual("test.yaml:4: not valid YAML: the alias *eight names no anchor (&eight) above it", e.Message);
    }

    [TestMethod]
    public void ASecondDocumentIsNotIgnored()
    {
        var e = Broken(Good + "\n---\nname: other\n");
        Assert.AreEqual("test.yaml:23: a second YAML document: a machine file is one", e.Message);
    }

    [TestMethod]
    public void DuplicateDeviceName()
    {
        var e = Broken(Good.Replace("name: disk", "name: com1").Replace("repeat: 3", "repeat: 1"));
        StringAssert.Contains(e.Message, "device name 'com1' is already used at line 11");
    }

    [TestMethod]
    public void ConsoleOnADeviceWithoutACharacterPort()
    {
        var e = Broken(Good.Replace("repeat: 3", "repeat: 3\n    console: true"));
        StringAssert.Contains(e.Message, "cannot be the console");
    }

    [TestMethod]
    public void MemoryDefaultMustFitTheWindows()
    {
        var e = Broken(Good.Replace("    - { name: high, base: 4G }\n", "").Replace("default: 64M", "default: 4G"));
        StringAssert.Contains(e.Message, "does not fit in the RAM windows");
    }

    [TestMethod]
    public void MissingKeysAreNamed()
    {
        var e = Broken(Good.Replace("architecture: x86_64\n", ""));
        Assert.AreEqual("test.yaml:1: the machine has no 'architecture'", e.Message);
    }

    [TestMethod]
    public void UnreadableFile()
    {
        var e = Assert.ThrowsExactly<MachineFileException>(() => MachineFileParser.ParseFile("/nonexistent/machine.yaml"));
        StringAssert.StartsWith(e.Message, "/nonexistent/machine.yaml:0: cannot read the machine file");
    }
}
