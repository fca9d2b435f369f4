using CrossEmu.Machines.Linux.Tests.Support;
using static CrossEmu.Machines.Linux.Tests.Support.GuestProgram;

namespace CrossEmu.Machines.Linux.Tests;

/// <summary>Whole MIPS programs (mipsel and mips) through UserModeRunner, against qemu-mips(el) where it runs them like Linux.</summary>
[TestClass]
public sealed class MipsEndToEndTests
{
    [TestMethod]
    [DataRow(false)]
    [DataRow(true)]
    public void HelloWorldPrintsAndExits(bool bigEndian)
    {
        var exe = MipsToolchain.Compile("""
            #include <stdio.h>
            int main(int argc, char **argv) { printf("hello %d %s\n", argc, argv[1]); return 7; }
            """, bigEndian);
        var (code, stdout, log) = Run(exe, ["x"]);
        Assert.AreEqual("hello 2 x\n", stdout, log);
        Assert.AreEqual(7, code, log);
    }

    [TestMethod]
    [DataRow(false)]
    [DataRow(true)]
    public void LibcTourMatchesLinux(bool bigEndian)
    {
        var exe = MipsToolchain.Compile(ProgramSource.Read("libc_tour.c"), bigEndian);
        var (code, stdout, log) = Run(exe);
        Assert.AreEqual(LibcTour.Expected("mips", sigusr1: 16, exe), stdout, log);
        Assert.AreEqual(3, code, log);
    }

    [TestMethod]
    [DataRow("abort", 134)]
    [DataRow("segv", 139)]
    public void FatalSignalsGiveTheShellsExitCodes(string how, int expected)
    {
        foreach (bool be in new[] { false, true })
        {
            var exe = MipsToolchain.Compile(ProgramSource.Read("libc_tour.c"), be);
            var (code, _, log) = Run(exe, [how]);
            Assert.AreEqual(expected, code, log);
            Assert.AreEqual("", log);
        }
    }

    // Linux's answers; qemu 7.2 differs on the first line only (it raises SIGTRAP/SI_KERNEL for `teq ..., 7`
    // where Linux's do_tr gives SIGFPE/FPE_INTDIV).
    const string FaultsOutput = """
        sig=8 code=1 addr=set
        sig=8 code=2 addr=set
        sig=10 code=1 addr=set
        sig=11 code=1 addr=set
        sig=5 code=1 addr=set
        sig=8 code=3 addr=set
        after=inf
        argc=1

        """;

    [TestMethod]
    [DataRow(false)]
    [DataRow(true)]
    public void MipsFaultsReachTheirHandlers(bool bigEndian)
    {
        var exe = MipsToolchain.Compile(ProgramSource.Read("mips_faults.c"), bigEndian);
        var (code, stdout, log) = Run(exe);
        Assert.AreEqual(FaultsOutput.Replace("\r", ""), stdout, log);
        Assert.AreEqual(41, code, log);
        if (MipsToolchain.RunUnderQemu(exe, bigEndian) is { } qemu)
            Assert.AreEqual(string.Join('\n', qemu.Split('\n').Skip(1)), string.Join('\n', stdout.Split('\n').Skip(1)), "as qemu, but for the divide trap");
    }

    [TestMethod]
    [DataRow(false)]
    [DataRow(true)]
    public void DynamicProgramRunsWithSysroot(bool bigEndian)
    {
        string sysroot = MipsToolchain.Sysroot(bigEndian);
        if (!File.Exists(Path.Combine(sysroot, "lib/ld.so.1"))) Assert.Inconclusive($"no MIPS sysroot at {sysroot} (libc6-mips(el)-cross)");
        var exe = MipsToolchain.Compile("""
            #include <stdio.h>
            #include <string.h>
            int main(int argc, char **argv) { printf("dynamic %zu\n", strlen(argv[0]) > 0); return 4; }
            """, bigEndian, "-O1");
        var (code, stdout, log) = Run(exe, sysroot: sysroot);
        Assert.AreEqual("dynamic 1\n", stdout, log);
        Assert.AreEqual(4, code, log);
    }

    /// <summary>Where testsuites/fetch-busybox.sh puts Debian's busybox-static for an architecture.</summary>
    static string FetchedBusybox(string arch)
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir != null && !File.Exists(Path.Combine(dir.FullName, "CrossEmu.sln"))) dir = dir.Parent;
        return Path.Combine(dir?.FullName ?? "/", "testsuites", "out", "busybox", arch, "bin", "busybox");
    }

    [TestMethod]
    public void DebianBusyboxRuns()
    {
        string busybox = FetchedBusybox("mipsel");
        if (!File.Exists(busybox)) Assert.Inconclusive($"no {busybox} (testsuites/fetch-busybox.sh mipsel fetches it; ./test.sh runs that)");
        var (code, stdout, log) = Run(busybox, ["echo", "hi", "there"]);
        Assert.AreEqual("hi there\n", stdout, log);
        Assert.AreEqual(0, code, log);
        (code, stdout, log) = Run(busybox, ["expr", "6", "*", "7"]);
        Assert.AreEqual("42\n", stdout, log);
    }
}
