using CrossEmu.Machines.Linux.Abi;
using CrossEmu.Machines.Linux.Arm;

namespace CrossEmu.Machines.Linux.Tests;

[TestClass]
public sealed class SyscallTableTests
{
    [TestMethod]
    [DataRow(3, "read")]
    [DataRow(4, "write")]
    [DataRow(45, "brk")]
    [DataRow(140, "_llseek")]
    [DataRow(192, "mmap2")]
    [DataRow(197, "fstat64")]
    [DataRow(248, "exit_group")]
    [DataRow(322, "openat")]
    [DataRow(397, "statx")]
    [DataRow(403, "clock_gettime64")]
    [DataRow(0xf0005, "set_tls")]
    [DataRow(0xf0002, "cacheflush")]
    public void ArmNumbersBindToImplementations(int number, string name)
    {
        var entry = ArmEabi.Instance.Syscalls.Find(number);
        Assert.IsNotNull(entry);
        Assert.AreEqual(name, entry.Name);
        Assert.IsNotNull(entry.Implementation, $"{name} is implemented");
        Assert.AreEqual(name, entry.Implementation.Name);
    }

    [TestMethod]
    public void EveryCommonHandlerIsReachableFromTheArmTable()
    {
        // A typo in a catalog name would leave its handler unreachable. Names ARM EABI lacks but other
        // ABIs have (MIPS o32's direct mmap, time and alarm) are the only exceptions.
        var armNames = ArmEabi.Instance.Syscalls.Entries.Select(e => e.Name).ToHashSet();
        var unreachable = Linux.Syscalls.SyscallCatalog.CreateCommon().Names
            .Where(n => !armNames.Contains(n) && n is not ("mmap" or "time" or "alarm")).ToList();
        Assert.AreEqual(0, unreachable.Count, "not in the ARM table: " + string.Join(", ", unreachable));
    }

    [TestMethod]
    public void EabiHasNoOldMmapNorTime()
    {
        Assert.IsNull(ArmEabi.Instance.Syscalls.Find(90), "old_mmap is OABI-only");
        Assert.IsNull(ArmEabi.Instance.Syscalls.Find(13), "time is OABI-only");
        Assert.IsNull(ArmEabi.Instance.Syscalls.Find(27), "alarm is OABI-only (glibc uses setitimer)");
    }

    [TestMethod]
    public void ManyCallsAreImplemented() =>
        Assert.IsTrue(ArmEabi.Instance.Syscalls.ImplementedCount >= 120, $"{ArmEabi.Instance.Syscalls.ImplementedCount}");

    [TestMethod]
    [DataRow(0x4000u, 0x10000u)]  // O_DIRECTORY
    [DataRow(0x8000u, 0x20000u)]  // O_NOFOLLOW
    [DataRow(0x10000u, 0x4000u)]  // O_DIRECT
    [DataRow(0x20000u, 0x8000u)]  // O_LARGEFILE
    [DataRow(0x80241u, 0x80241u)] // O_CLOEXEC|O_TRUNC|O_CREAT|O_WRONLY: same on both
    [DataRow(0x80000u | 0x4000u | 0x2u, 0x80000u | 0x10000u | 0x2u)]
    public void ArmOpenFlagsTranslateBothWays(uint arm, uint host)
    {
        var map = ArmEabi.Instance.OpenFlags;
        Assert.AreEqual(host, map.ToHost(arm));
        Assert.AreEqual(arm, map.ToGuest(host));
    }

    [TestMethod]
    public void FlagMapMovesOnlyListedBits()
    {
        var map = new FlagMap((0x1, 0x100), (0x2, 0x1));
        Assert.AreEqual(0x101u, map.ToHost(0x3));
        Assert.AreEqual(0x1u | 0x8u, map.ToHost(0x2 | 0x8));
        Assert.AreEqual(0x3u, map.ToGuest(0x101));
    }
}
