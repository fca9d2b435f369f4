using CrossEmu.Devices.Character;
using CrossEmu.Machines.SystemMode;
using CrossEmu.Machines.SystemMode.Definition;
using CrossEmu.Machines.SystemMode.X86;

namespace CrossEmu.Machines.SystemMode.Tests.X86.Guests;

/// <summary>
/// The bare-metal guests on CrossEmu's own x86-pc machine and KVM, against the same expectations
/// as the QEMU cross-check (<see cref="X86Guests.Expected"/>). They are short enough for a PVM
/// host, where kernel-mode code is emulated; without /dev/kvm they report skipped with the reason.
/// </summary>
[TestClass]
[DoNotParallelize]
public sealed class X86GuestKvmTests
{
    static readonly MachineCatalog Platforms = new(Path.Combine(X86Guests.RepoRoot, "machines", "platforms"));

    static (int ExitCode, string Serial) Boot(string image, int cpus, string? disk = null)
    {
        var console = new BufferCharBackend();
        var diagnostics = new StringWriter();
        using var machine = new X86PcMachine(new SystemOptions
        {
            Bios = image, MemorySize = 64UL << 20, Cpus = cpus,
            Drives = disk == null ? [] : [new DriveOption(disk, false)],
        }, console, diagnostics, Platforms);
        int code = machine.Run(timeLimit: TimeSpan.FromSeconds(120));
        return (code, console.OutputText.Replace("\r\n", "\n") + WithoutHostWarnings(diagnostics.ToString()));
    }

    /// <summary>
    /// The diagnostics without the machine's warnings about the host (on a PVM host Run always warns that kernel
    /// mode is emulated), which are not the guest's output; what else the machine says (a crash, a KVM error)
    /// stays, so that a failing comparison shows it.
    /// </summary>
    internal static string WithoutHostWarnings(string diagnostics) =>
        string.Join('\n', diagnostics.Replace("\r\n", "\n").Split('\n')
            .Where(line => !line.StartsWith(X86PcMachine.HostWarningPrefix, StringComparison.Ordinal)));

    [TestMethod]
    public void HostWarningsAreNotPartOfTheComparedOutput()
    {
        string pvm = X86PcMachine.HostWarningPrefix + "this host's KVM is PVM (nested, kvm_pvm): ...\n";
        Assert.AreEqual("", WithoutHostWarnings(pvm));
        Assert.AreEqual("", WithoutHostWarnings(""));
        Assert.AreEqual("crossemu: the guest ended: triple fault on vCPU 0\n",
            WithoutHostWarnings(pvm + "crossemu: the guest ended: triple fault on vCPU 0\n"));
    }

    [TestMethod]
    [DataRow("hello")]
    [DataRow("smp")]
    [DataRow("irq")]
    [DataRow("cpl3-loop")]
    [DataRow("cpl3-ports")]
    [DataRow("portio")]
    public void GuestRunsAsExpected(string name)
    {
        X86Guests.EnsureBuilt();
        KvmAvailability.Require();
        var expected = X86Guests.Expected[name];
        var (code, serial) = Boot(X86Guests.ImagePath(name), expected.Cpus);
        Assert.AreEqual(expected.Serial, serial, $"{name}: serial output");
        Assert.AreEqual(expected.ExitStatus, code, $"{name}: exit status");
    }

    [TestMethod]
    public void VirtioBlockReadsAndWritesTheImage()
    {
        X86Guests.EnsureBuilt();
        KvmAvailability.Require();
        var dir = Directory.CreateTempSubdirectory();
        try
        {
            var disk = X86Guests.CreateDisk(Path.Combine(dir.FullName, "disk.img"));
            var expected = X86Guests.Expected["virtio-blk"];
            var (code, serial) = Boot(X86Guests.ImagePath("virtio-blk"), 1, disk);
            Assert.AreEqual(expected.Serial, serial);
            Assert.AreEqual(expected.ExitStatus, code);
            var bytes = File.ReadAllBytes(disk);
            for (int i = 0; i < 512; i++) Assert.AreEqual(X86Guests.Sector1Pattern(i), bytes[512 + i], $"sector 1 byte {i}");
        }
        finally
        {
            dir.Delete(true);
        }
    }

    [TestMethod]
    public void Cpl3LoopGivesTheNativeChecksum()
    {
        X86Guests.EnsureBuilt();
        KvmAvailability.Require();
        var dir = Directory.CreateTempSubdirectory();
        try
        {
            const ulong iterations = 123457;
            var (code, serial) = Boot(X86Guests.PatchedCopy("cpl3-loop", iterations, dir.FullName), 1);
            Assert.AreEqual(X86Guests.Cpl3LoopSerial(iterations, X86Guests.Cpl3LoopChecksum(iterations)), serial);
            Assert.AreEqual(X86Guests.ExitStatus(X86Guests.ExitOk), code);
        }
        finally
        {
            dir.Delete(true);
        }
    }
}
