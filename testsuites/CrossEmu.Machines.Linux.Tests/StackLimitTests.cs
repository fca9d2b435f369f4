using CrossEmu.Machines.Linux.Arm;
using CrossEmu.Machines.Linux.Mips;

namespace CrossEmu.Machines.Linux.Tests;

/// <summary>
/// The guest's main stack is as large as RLIMIT_STACK's soft limit, as Linux lets it grow (a 16 MiB
/// `ulimit -s` ran 12 MiB of recursion under qemu-arm and faulted at 8 MiB under CrossEmu); mmap's
/// top moves down with the stack's bottom.
/// </summary>
[TestClass]
public sealed class StackLimitTests
{
    [TestMethod]
    public void ALargerLimitGrowsTheStackDownAndMovesMmapBelowIt()
    {
        var arm = ArmEabi.Instance.Layout;
        var big = arm.WithStackLimit(16u << 20);
        Assert.AreEqual(16u << 20, big.StackSize);
        Assert.AreEqual(arm.StackTop, big.StackTop);
        Assert.AreEqual(arm.StackBottom - arm.MmapTop, big.StackBottom - big.MmapTop, "the gap below the stack is kept");
        Assert.AreEqual(arm.MmapTop - (8u << 20), big.MmapTop);
    }

    [TestMethod]
    public void TheDefaultUnlimitedOrSmallerLimitKeepsTheLayout()
    {
        var mips = MipsO32.Big.Layout;
        Assert.AreSame(mips, mips.WithStackLimit(8u << 20));
        Assert.AreSame(mips, mips.WithStackLimit(1u << 20));
        Assert.AreSame(mips, mips.WithStackLimit(ulong.MaxValue), "RLIM_INFINITY: the default size, as qemu-user");
    }

    [TestMethod]
    public void AHugeLimitTakesAtMostAQuarterOfTheSpaceBelowTheStack()
    {
        var mips = MipsO32.Big.Layout;
        var huge = mips.WithStackLimit(4UL << 30);
        Assert.AreEqual(((ulong)mips.StackTop - mips.MmapBottom) / 4 & ~0xfffUL, huge.StackSize);
        Assert.IsGreaterThan(mips.MmapBottom, huge.MmapTop);
    }
}
