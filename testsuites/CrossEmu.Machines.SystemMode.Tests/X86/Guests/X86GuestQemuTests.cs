using System.Buffers.Binary;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace CrossEmu.Machines.SystemMode.Tests.X86.Guests;

/// <summary>The bare-metal x86 guests of testsuites/system/x86, each run under qemu-system-x86_64 (TCG, microvm) and
/// checked against <see cref="X86Guests.Expected"/>, so the guests are known right before CrossEmu's x86-pc
/// machine runs them on KVM.  Sequential: each test starts a QEMU, and the machine is shared.</summary>
[TestClass]
[DoNotParallelize]
public sealed partial class X86GuestQemuTests
{
    public TestContext TestContext { get; set; } = null!;

    static void Require()
    {
        X86Guests.EnsureBuilt();
        QemuX86.RequireQemu();
    }

    string TempDir()
    {
        string dir = Path.Combine(Path.GetTempPath(), "crossemu-x86-guests", Environment.UserName, Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        return dir;
    }

    static void AssertRun(X86GuestExpectation e, string expectedSerial, ProcessResult r, string bios, string? disk = null)
    {
        string why = QemuX86.Describe(r, bios, disk);
        Assert.IsFalse(r.TimedOut, why);
        Assert.AreEqual(expectedSerial, r.Stdout, why);
        Assert.AreEqual(e.ExitStatus, r.ExitCode, why);
    }

    void RunAndCheck(string name)
    {
        Require();
        var e = X86Guests.Expected[name];
        string bios = X86Guests.ImagePath(name);
        var r = QemuX86.Run(bios, cpus: Math.Max(2, e.Cpus));
        TestContext.WriteLine($"{name}: {r.Elapsed.TotalSeconds:F2} s under QEMU TCG");
        AssertRun(e, e.Serial, r, bios);
    }

    [TestMethod]
    public void HelloReachesLongModeAndExits() => RunAndCheck("hello");

    [TestMethod]
    public void SmpStartsCpu1WithInitSipiSipi() => RunAndCheck("smp");

    [TestMethod]
    public void IrqCountsTimerInterruptsAndTheUartInterrupt() => RunAndCheck("irq");

    [TestMethod]
    public void PortIoRunsItsOutLoop() => RunAndCheck("portio");

    [TestMethod]
    public void Cpl3PortsAreWhatTheTssIoBitmapGrants() => RunAndCheck("cpl3-ports");

    [TestMethod]
    public void SmpReportsAFailureWhenCpu1DoesNotExist()
    {
        Require();
        string bios = X86Guests.ImagePath("smp");
        var r = QemuX86.Run(bios, cpus: 1);
        string why = QemuX86.Describe(r, bios);
        Assert.AreEqual("smp: starting cpu 1\nsmp failed: cpu 1 did not come up\n", r.Stdout, why);
        Assert.AreEqual(X86Guests.ExitStatus(X86Guests.ExitFail), r.ExitCode, why);
    }

    [TestMethod]
    public void VirtioBlkReadsSector0AndWritesSector1()
    {
        Require();
        string dir = TempDir();
        try
        {
            string disk = X86Guests.CreateDisk(Path.Combine(dir, "disk.img"));
            var e = X86Guests.Expected["virtio-blk"];
            string bios = X86Guests.ImagePath("virtio-blk");
            var r = QemuX86.Run(bios, disk);
            AssertRun(e, e.Serial, r, bios, disk);

            byte[] image = File.ReadAllBytes(disk);
            Assert.HasCount(X86Guests.DiskSize, image);
            Assert.AreEqual(X86Guests.Sector0Text, Encoding.ASCII.GetString(image, 0, 16), "sector 0 must be unchanged");
            var expected1 = Enumerable.Range(0, 512).Select(X86Guests.Sector1Pattern).ToArray();
            CollectionAssert.AreEqual(expected1, image.AsSpan(512, 512).ToArray(), "sector 1 on the host");
            Assert.IsTrue(image.AsSpan(1024).IndexOfAnyExcept((byte)0) < 0, "nothing beyond sector 1 is written");
        }
        finally { Directory.Delete(dir, recursive: true); }
    }

    [TestMethod]
    public void VirtioBlkWithoutADiskSaysSoAndExitsWithItsCode()
    {
        Require();
        string bios = X86Guests.ImagePath("virtio-blk");
        var r = QemuX86.Run(bios);
        string why = QemuX86.Describe(r, bios);
        Assert.AreEqual("virtio-blk failed: no virtio-blk device on a version-2 virtio-mmio transport\n", r.Stdout, why);
        Assert.AreEqual(X86Guests.ExitStatus(X86Guests.VirtioNoDevice), r.ExitCode, why);
    }

    [GeneratedRegex(@"^checksum ([0-9a-f]{16})\n$")]
    private static partial Regex NativeChecksumLine();

    static ulong NativeChecksum(ulong iterations)
    {
        var r = X86Guests.Run(X86Guests.NativeLoopPath, [iterations.ToString(CultureInfo.InvariantCulture)], TimeSpan.FromSeconds(60));
        var m = NativeChecksumLine().Match(r.Stdout);
        Assert.IsTrue(r.ExitCode == 0 && m.Success, $"cpl3-loop-native {iterations}: exit {r.ExitCode}, output '{r.Stdout}{r.Stderr}'");
        return ulong.Parse(m.Groups[1].Value, NumberStyles.HexNumber, CultureInfo.InvariantCulture);
    }

    [TestMethod]
    public void Cpl3LoopGivesTheNativeChecksum()
    {
        Require();
        var e = X86Guests.Expected["cpl3-loop"];
        string bios = X86Guests.ImagePath("cpl3-loop");
        var r = QemuX86.Run(bios);
        AssertRun(e, e.Serial, r, bios);
        var native = X86Guests.Run(X86Guests.NativeLoopPath, [], TimeSpan.FromSeconds(60));
        Assert.AreEqual($"checksum {X86Guests.Cpl3LoopDefaultChecksum:x16}\n", native.Stdout, "the native loop, default N");
        Assert.AreEqual(X86Guests.Cpl3LoopDefaultChecksum, X86Guests.Cpl3LoopChecksum(X86Guests.Cpl3LoopDefaultIterations), "the C# model");
        TestContext.WriteLine($"cpl3-loop, {X86Guests.Cpl3LoopDefaultIterations} iterations: " +
            $"QEMU TCG {r.Elapsed.TotalSeconds:F2} s (boot included), native {native.Elapsed.TotalSeconds:F2} s");
    }

    [TestMethod]
    [DataRow(0UL)]
    [DataRow(1UL)]
    [DataRow(123457UL)]
    public void Cpl3LoopIterationsArePatchableAtTheParamOffset(ulong iterations)
    {
        Require();
        string dir = TempDir();
        try
        {
            string bios = X86Guests.PatchedCopy("cpl3-loop", iterations, dir);
            ulong checksum = NativeChecksum(iterations);
            Assert.AreEqual(checksum, X86Guests.Cpl3LoopChecksum(iterations), "the C# model against the native loop");
            var r = QemuX86.Run(bios);
            AssertRun(X86Guests.Expected["cpl3-loop"], X86Guests.Cpl3LoopSerial(iterations, checksum), r, bios);
        }
        finally { Directory.Delete(dir, recursive: true); }
    }

    [TestMethod]
    public void PortIoCountIsPatchableAtTheParamOffset()
    {
        Require();
        string dir = TempDir();
        try
        {
            string bios = X86Guests.PatchedCopy("portio", 7, dir);
            var r = QemuX86.Run(bios);
            AssertRun(X86Guests.Expected["portio"], X86Guests.PortIoSerial(7), r, bios);
        }
        finally { Directory.Delete(dir, recursive: true); }
    }

    [TestMethod]
    public void EveryImageIsA64KiBFirmwareWithHeaderAndResetVector()
    {
        X86Guests.EnsureBuilt();
        foreach (var e in X86Guests.Expected.Values)
        {
            byte[] image = File.ReadAllBytes(X86Guests.ImagePath(e.Name));
            Assert.HasCount(X86Guests.ImageSize, image, e.Name);
            Assert.AreEqual(X86Guests.Magic, Encoding.ASCII.GetString(image, X86Guests.MagicOffset, 8), e.Name);
            // reset vector at 0xFFF0: cli; jmp rel16 (into the 16-bit code at image offset 0xF000)
            Assert.AreEqual(0xFA, image[0xFFF0], e.Name);
            Assert.AreEqual(0xE9, image[0xFFF1], e.Name);
            int target = 0xFFF4 + BinaryPrimitives.ReadInt16LittleEndian(image.AsSpan(0xFFF2));
            Assert.AreEqual(0xF000, target, e.Name + ": the jump goes to the 16-bit start");
        }
        ulong cpl3N = BinaryPrimitives.ReadUInt64LittleEndian(File.ReadAllBytes(X86Guests.ImagePath("cpl3-loop")).AsSpan(X86Guests.ParamOffset));
        Assert.AreEqual(X86Guests.Cpl3LoopDefaultIterations, cpl3N);
        ulong portN = BinaryPrimitives.ReadUInt64LittleEndian(File.ReadAllBytes(X86Guests.ImagePath("portio")).AsSpan(X86Guests.ParamOffset));
        Assert.AreEqual(X86Guests.PortIoDefaultCount, portN);
    }

    [TestMethod]
    public void EveryGuestSourceHasAnExpectation()
    {
        var sources = Directory.GetFiles(X86Guests.SourceDir, "*.S").Select(p => Path.GetFileNameWithoutExtension(p)).Order().ToList();
        CollectionAssert.AreEqual(X86Guests.Expected.Keys.Order().ToList(), sources);
    }
}
