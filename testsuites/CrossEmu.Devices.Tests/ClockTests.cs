using CrossEmu.Devices.Time;

namespace CrossEmu.Devices.Tests;

[TestClass]
public sealed class ClockTests
{
    [TestMethod]
    public void DeterministicClockFiresTimersInOrderOnAdvance()
    {
        using var clock = new VirtualClock(ClockMode.Deterministic, new DateTimeOffset(2024, 2, 29, 23, 59, 59, TimeSpan.Zero));
        var fired = new List<(string, TimeSpan)>();
        var a = clock.CreateTimer("a", () => fired.Add(("a", clock.Now)));
        var b = clock.CreateTimer("b", () => fired.Add(("b", clock.Now)));
        var p = clock.CreateTimer("p", () => fired.Add(("p", clock.Now)));
        a.Start(TimeSpan.FromMilliseconds(30));
        b.Start(TimeSpan.FromMilliseconds(10));
        p.StartPeriodic(TimeSpan.FromMilliseconds(25));
        clock.Advance(TimeSpan.FromMilliseconds(60));
        CollectionAssert.AreEqual(new[] { "b@10", "p@25", "a@30", "p@50" }, fired.Select(f => $"{f.Item1}@{f.Item2.TotalMilliseconds}").ToArray());
        Assert.AreEqual(TimeSpan.FromMilliseconds(60), clock.Now);
        Assert.IsFalse(a.IsRunning);
        Assert.IsTrue(p.IsRunning);
        p.Cancel();
        clock.Advance(TimeSpan.FromSeconds(1));
        Assert.HasCount(4, fired);
        Assert.AreEqual(new DateTimeOffset(2024, 3, 1, 0, 0, 0, 60, TimeSpan.Zero), clock.WallClock, "23:59:59 on a leap day + 1.06 s");
    }

    [TestMethod]
    public void RearmingReplacesThePreviousArming()
    {
        using var clock = new VirtualClock(ClockMode.Deterministic);
        int count = 0;
        var t = clock.CreateTimer("t", () => count++);
        t.Start(TimeSpan.FromSeconds(1));
        t.Start(TimeSpan.FromSeconds(3));
        clock.Advance(TimeSpan.FromSeconds(2));
        Assert.AreEqual(0, count);
        clock.Advance(TimeSpan.FromSeconds(2));
        Assert.AreEqual(1, count);
        Assert.ThrowsExactly<InvalidOperationException>(() => new VirtualClock().Advance(TimeSpan.FromSeconds(1)));
    }

    [TestMethod]
    public void HostClockFiresTimersOnItsThread()
    {
        using var clock = new VirtualClock(ClockMode.Host);
        using var done = new ManualResetEventSlim();
        int ticks = 0;
        var t = clock.CreateTimer("p", () => { if (Interlocked.Increment(ref ticks) == 3) done.Set(); });
        t.StartPeriodic(TimeSpan.FromMilliseconds(5));
        Assert.IsTrue(done.Wait(TimeSpan.FromSeconds(10)), "three periods elapse");
        t.Cancel();
        Assert.IsGreaterThanOrEqualTo(TimeSpan.FromMilliseconds(10), clock.Now);
    }
}
