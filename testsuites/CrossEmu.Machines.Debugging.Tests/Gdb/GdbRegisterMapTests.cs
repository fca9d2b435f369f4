using CrossEmu.Frontends.Arm;
using CrossEmu.Frontends.Mips;
using CrossEmu.Guests;
using CrossEmu.Machines.Debugging.Gdb;

namespace CrossEmu.Machines.Debugging.Tests.Gdb;

/// <summary>Register numbering, state access and target descriptions per ISA; gdb's signal numbers.</summary>
[TestClass]
public sealed unsafe class GdbRegisterMapTests
{
    static int Number(GdbRegisterMap map, string name) => map.Registers.Single(r => r.Name == name).Number;

    /// <summary>The gdb map of a registered ISA, as the stub builds it.</summary>
    static GdbRegisterMap MapOf(string isa)
    {
        var guest = GuestIsas.Registry.Get(isa);
        return GdbRegisterMap.From(guest.Registers, guest.BigEndian);
    }

    [TestMethod]
    public void ArmHasR0ToPcThenCpsrInTheCoreFeature()
    {
        var map = MapOf("arm");
        Assert.AreEqual(17, map.Count);
        Assert.AreEqual(13, Number(map, "sp"));
        Assert.AreEqual(15, Number(map, "pc"));
        Assert.AreEqual(16, Number(map, "cpsr"));
        Assert.IsFalse(map.BigEndian);
        StringAssert.Contains(map.TargetXml, "<feature name=\"org.gnu.gdb.arm.core\">");
        StringAssert.Contains(map.TargetXml, "<reg name=\"cpsr\" bitsize=\"32\" regnum=\"16\"/>");
        StringAssert.Contains(map.TargetXml, "<architecture>arm</architecture>");
    }

    [TestMethod]
    public void ArmRegistersReachTheCpuState()
    {
        var cpu = new ArmCpuState();
        var map = MapOf("arm");
        cpu.R[3] = 0x1234;
        cpu.Header.Pc = 0x10000;
        cpu.N = 1; cpu.C = 1;
        byte* s = (byte*)&cpu;
        Assert.AreEqual(0x1234u, map[3].Read(s));
        Assert.AreEqual(0x10000u, map[15].Read(s));
        Assert.AreEqual(0xA000_0010u, map[16].Read(s), "N and C set, user mode");
        map[13].Write!(s, 0xbeef0);
        map[16].Write!(s, 0x4000_0000);   // Z only
        Assert.AreEqual(0xbeef0u, cpu.R[13]);
        Assert.AreEqual((byte)0, cpu.N);
        Assert.AreEqual((byte)1, cpu.Z);
    }

    [TestMethod]
    public void MipsKeepsGdbsTraditionalNumbering()
    {
        foreach (var name in new[] { "mips", "mipsel" })
        {
            var map = MapOf(name);
            Assert.AreEqual(72, map.Count);
            Assert.AreEqual(32, Number(map, "status"));
            Assert.AreEqual(33, Number(map, "lo"));
            Assert.AreEqual(34, Number(map, "hi"));
            Assert.AreEqual(35, Number(map, "badvaddr"));
            Assert.AreEqual(36, Number(map, "cause"));
            Assert.AreEqual(37, Number(map, "pc"));
            Assert.AreEqual(38, Number(map, "f0"));
            Assert.AreEqual(70, Number(map, "fcsr"));
            Assert.AreEqual(71, Number(map, "fir"));
            Assert.AreEqual(name == "mips", map.BigEndian);
            foreach (var feature in new[] { "org.gnu.gdb.mips.cpu", "org.gnu.gdb.mips.cp0", "org.gnu.gdb.mips.fpu" })
                StringAssert.Contains(map.TargetXml, $"<feature name=\"{feature}\">");
            StringAssert.Contains(map.TargetXml, "<reg name=\"f31\" bitsize=\"32\" regnum=\"69\" type=\"ieee_single\" group=\"float\"/>");
        }
    }

    [TestMethod]
    public void MipsZeroIgnoresWritesAndFprsAreTheirHalves()
    {
        var cpu = new MipsCpuState();
        var map = MapOf("mips");
        byte* s = (byte*)&cpu;
        map[0].Write?.Invoke(s, 5);
        Assert.AreEqual(0u, map[0].Read(s));
        cpu.R[MipsCpuState.V0] = 77;
        cpu.F[1] = 0x3f800000;
        cpu.Lo = 9;
        Assert.AreEqual(77u, map[2].Read(s));
        Assert.AreEqual(0x3f800000u, map[39].Read(s));
        Assert.AreEqual(9u, map[33].Read(s));
        map[37].Write!(s, 0x400000);
        Assert.AreEqual(0x400000u, cpu.Header.Pc);
    }

    [TestMethod]
    public void EveryRegisteredIsaNumbersItsGdbRegistersWithoutGaps()
    {
        foreach (var guest in GuestIsas.Registry.All)
        {
            var map = GdbRegisterMap.From(guest.Registers, guest.BigEndian);
            Assert.IsGreaterThan(0, map.Count, guest.Name);
            CollectionAssert.AreEquivalent(Enumerable.Range(0, map.Count).ToList(), map.Registers.Select(r => r.Number).ToList(), guest.Name);
            StringAssert.Contains(map.TargetXml, $"<architecture>{guest.Registers.GdbArchitecture}</architecture>");
        }
    }

    [TestMethod]
    public void SignalsUseGdbsNumbers()
    {
        Assert.AreEqual(11, GdbSignals.FromHost(11), "SIGSEGV");
        Assert.AreEqual(4, GdbSignals.FromHost(4), "SIGILL");
        Assert.AreEqual(8, GdbSignals.FromHost(8), "SIGFPE");
        Assert.AreEqual(10, GdbSignals.FromHost(7), "SIGBUS");
        Assert.AreEqual(30, GdbSignals.FromHost(10), "SIGUSR1");
        Assert.AreEqual(20, GdbSignals.FromHost(17), "SIGCHLD");
        Assert.AreEqual(45, GdbSignals.FromHost(33), "SIGRTMIN+1");
        for (int host = 1; host <= 64; host++)
            if (host != 16) Assert.AreEqual(host, GdbSignals.ToHost(GdbSignals.FromHost(host)), $"host signal {host}");
        Assert.AreEqual(0, GdbSignals.ToHost(7), "gdb's SIGEMT has no Linux equivalent");
    }
}
