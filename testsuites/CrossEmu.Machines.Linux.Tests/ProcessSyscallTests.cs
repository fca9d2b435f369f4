using System.Text;
using CrossEmu.Isa;
using CrossEmu.Machines.Linux.Tests.Support;

namespace CrossEmu.Machines.Linux.Tests;

/// <summary>Identity, time, limits, TLS, futex and the table behaviour for unknown calls.</summary>
[TestClass]
public sealed unsafe class ProcessSyscallTests
{
    const int ENOSYS = 38, EAGAIN = 11, EINVAL = 22;
    static uint S(uint offset) => ArmProcessFixture.Scratch + offset;

    [TestMethod]
    public void UnknownSyscallIsEnosysAndLoggedWithUnimp()
    {
        using var f = new ArmProcessFixture(LogFlags.Unimp);
        Assert.AreEqual(-ENOSYS, f.Call(9999));
        Assert.AreEqual(-ENOSYS, f.Call("mount"));
        var lines = f.Log.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        CollectionAssert.AreEqual(new[] { "unimplemented syscall 9999", "unimplemented syscall 21 (mount)" }, lines);
    }

    [TestMethod]
    public void UnknownSyscallIsSilentWithoutUnimp()
    {
        using var f = new ArmProcessFixture();
        Assert.AreEqual(-ENOSYS, f.Call(9999));
        Assert.AreEqual("", f.Log.ToString());
    }

    [TestMethod]
    public void UnameSaysArmv7l()
    {
        using var f = new ArmProcessFixture();
        Assert.AreEqual(0, f.Call("uname", S(0)));
        Assert.AreEqual("Linux", f.Memory.TryReadCString(S(0)));
        Assert.AreEqual("armv7l", f.Memory.TryReadCString(S(4 * 65)));
        Assert.AreEqual(Environment.MachineName, f.Memory.TryReadCString(S(65)), ignoreCase: true);
    }

    [TestMethod]
    public void IdsAreTheHostsAndTidIsPid()
    {
        using var f = new ArmProcessFixture();
        Assert.AreEqual(Environment.ProcessId, f.Call("getpid"));
        Assert.AreEqual(Environment.ProcessId, f.Call("gettid"));
        Assert.AreEqual(Environment.ProcessId, f.Call("set_tid_address", S(0)));
        Assert.AreEqual(S(0), f.Process.ClearChildTid);
        Assert.AreEqual(f.Call("getuid32"), f.Call("geteuid32"));
        Assert.AreEqual(0, f.Call("set_robust_list", S(0), 12));
        Assert.AreEqual(-EINVAL, f.Call("set_robust_list", S(0), 24));
    }

    [TestMethod]
    public void ClockGettimeInBothTimeSizes()
    {
        using var f = new ArmProcessFixture();
        long now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        Assert.AreEqual(0, f.Call("clock_gettime", 0 /* CLOCK_REALTIME */, S(0)));
        Assert.IsTrue(Math.Abs((int)f.U32(S(0)) - now) < 5);
        Assert.IsTrue(f.U32(S(4)) < 1_000_000_000);
        Assert.AreEqual(0, f.Call("clock_gettime64", 0, S(16)));
        Assert.IsTrue(Math.Abs((long)f.U64(S(16)) - now) < 5);
        Assert.IsTrue(f.U64(S(24)) < 1_000_000_000);
        Assert.AreEqual(0, f.Call("gettimeofday", S(32), 0));
        Assert.IsTrue(Math.Abs((int)f.U32(S(32)) - now) < 5);
        Assert.IsTrue(f.U32(S(36)) < 1_000_000, "microseconds");
    }

    [TestMethod]
    public void NanosleepSleeps()
    {
        using var f = new ArmProcessFixture();
        f.Memory.WriteUnchecked(S(0), [.. BitConverter.GetBytes(0u), .. BitConverter.GetBytes(20_000_000u)]);
        var sw = System.Diagnostics.Stopwatch.StartNew();
        Assert.AreEqual(0, f.Call("nanosleep", S(0), 0));
        Assert.IsTrue(sw.ElapsedMilliseconds >= 15, $"{sw.ElapsedMilliseconds} ms");
        f.Memory.WriteUnchecked(S(0), [.. BitConverter.GetBytes(0u), .. BitConverter.GetBytes(2_000_000_000u)]);
        Assert.AreEqual(-EINVAL, f.Call("nanosleep", S(0), 0));
    }

    [TestMethod]
    public void GetrandomFillsTheBuffer()
    {
        using var f = new ArmProcessFixture();
        Assert.AreEqual(64, f.Call("getrandom", S(0), 64, 0));
        Assert.IsTrue(f.Read(S(0), 64).Distinct().Count() > 8);
    }

    [TestMethod]
    public void SysinfoFitsThirtyTwoBits()
    {
        using var f = new ArmProcessFixture();
        Assert.AreEqual(0, f.Call("sysinfo", S(0)));
        uint totalRam = f.U32(S(16)), unit = f.U32(S(52));
        Assert.IsTrue(unit >= 1 && (unit & (unit - 1)) == 0, $"mem_unit {unit}");
        ulong bytes = (ulong)totalRam * unit;
        Assert.IsTrue(bytes > 64UL << 20, $"totalram {bytes}");
        Assert.IsTrue(f.U32(S(0)) > 0, "uptime");
    }

    [TestMethod]
    public void RlimitsAreKeptForTheGuest()
    {
        using var f = new ArmProcessFixture();
        const uint RLIMIT_STACK = 3;
        Assert.AreEqual(0, f.Call("ugetrlimit", RLIMIT_STACK, S(0)));
        f.Memory.WriteUnchecked(S(8), [.. BitConverter.GetBytes(1u << 20), .. BitConverter.GetBytes(0xffffffffu)]);
        Assert.AreEqual(0, f.Call("setrlimit", RLIMIT_STACK, S(8)));
        Assert.AreEqual(0, f.Call("ugetrlimit", RLIMIT_STACK, S(16)));
        Assert.AreEqual(1u << 20, f.U32(S(16)));
        Assert.AreEqual(0xffffffffu, f.U32(S(20)), "RLIM_INFINITY");
        Assert.AreEqual(0, f.Call("prlimit64", 0, RLIMIT_STACK, 0, S(32)));
        Assert.AreEqual(1ul << 20, f.U64(S(32)));
        Assert.AreEqual(ulong.MaxValue, f.U64(S(40)));
    }

    [TestMethod]
    public void SetTlsWritesTpidrUro()
    {
        using var f = new ArmProcessFixture();
        Assert.AreEqual(0, f.Call(0xf0005, 0x12345678));
        Assert.AreEqual(0x12345678u, f.Cpu->TpidrUro);
        Assert.AreEqual(0x12345678, f.Call("get_tls"));
        Assert.AreEqual(0, f.Call("cacheflush", S(0), S(64), 0));
    }

    [TestMethod]
    public void FutexSingleThreaded()
    {
        using var f = new ArmProcessFixture();
        f.Memory.WriteUnchecked(S(0), BitConverter.GetBytes(5u));
        Assert.AreEqual(-EAGAIN, f.Call("futex", S(0), 0x80 /* FUTEX_WAIT | PRIVATE */, 4, 0));
        Assert.AreEqual(0, f.Call("futex", S(0), 1 /* FUTEX_WAKE */, 1));
        // FUTEX_WAKE_OP with FUTEX_OP_ADD 3 on the second word.
        f.Memory.WriteUnchecked(S(8), BitConverter.GetBytes(10u));
        Assert.AreEqual(0, f.Call("futex", S(0), 5, 1, 1, S(8), (1u << 28) | (3u << 12)));
        Assert.AreEqual(13u, f.U32(S(8)));
    }

    [TestMethod]
    public void WaitWithoutChildrenIsEchild()
    {
        using var f = new ArmProcessFixture();
        Assert.AreEqual(-10, f.Call("wait4", unchecked((uint)-1), 0, 0, 0));
    }

    [TestMethod]
    public void ExitGroupEndsTheProcessWithTheLowByte()
    {
        using var f = new ArmProcessFixture();
        f.Cpu->R[0] = 0xdead;
        f.Call("exit_group", 0x1234);
        Assert.AreEqual(0x34, f.Process.ExitCode);
        Assert.AreEqual(0x1234u, f.Cpu->R[0], "exit writes no result");
    }

    [TestMethod]
    public void StraceLogsCallsWithResults()
    {
        var log = new StringWriter();
        using var f = new ArmProcessFixture();
        var p = new Linux.LinuxProcess(f.Process.Abi, f.Memory, new Linux.PathResolver(null, "/x"), LogFlags.None, log, log, strace: true);
        f.Cpu->R[0] = f.PutString(0, "/nonexistent-crossemu"); f.Cpu->R[1] = 0; f.Cpu->R[2] = 0; f.Cpu->R[7] = 5;
        p.HandleSyscall(f.Cpu);
        StringAssert.Contains(log.ToString(), "open(\"/nonexistent-crossemu\",O_RDONLY) = -1 ENOENT (No such file or directory)");
    }

    [TestMethod]
    public void PrctlNameIsTheGuestsOwn()
    {
        using var f = new ArmProcessFixture(exePath: "/usr/bin/some-long-program-name");
        Assert.AreEqual(0, f.Call("prctl", 16 /* PR_GET_NAME */, S(0)));
        Assert.AreEqual("some-long-progr", f.Memory.TryReadCString(S(0)), "the comm is 15 bytes of the file name");
        Assert.AreEqual(0, f.Call("prctl", 15 /* PR_SET_NAME */, f.PutString(0x100, "worker")));
        Assert.AreEqual(0, f.Call("prctl", 16, S(0x200)));
        Assert.AreEqual("worker", f.Memory.TryReadCString(S(0x200)));
        Assert.AreEqual(-EINVAL, f.Call("prctl", 12345));
    }

    [TestMethod]
    public void Statfs64AcceptsBothArmSizes()
    {
        using var f = new ArmProcessFixture();
        uint path = f.PutString(0, "/");
        f.Memory.WriteUnchecked(S(0x100), Enumerable.Repeat((byte)0xee, 96).ToArray());
        Assert.AreEqual(0, f.Call("statfs64", path, 88, S(0x100)));
        Assert.IsTrue(f.U32(S(0x104)) >= 512, "f_bsize");
        Assert.IsTrue(f.U64(S(0x108)) > 0, "f_blocks");
        Assert.IsTrue(f.U32(S(0x100 + 56)) > 0, "f_namelen");
        Assert.AreEqual(0xeeeeeeeeu, f.U32(S(0x100 + 84)), "84 bytes written: ARM's packed struct");
        Assert.AreEqual(0, f.Call("statfs64", path, 84, S(0x100)));
        Assert.AreEqual(-EINVAL, f.Call("statfs64", path, 64, S(0x100)));
    }
}
