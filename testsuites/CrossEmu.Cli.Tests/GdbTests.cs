using System.Net.Sockets;
using System.Text;

namespace CrossEmu.Cli.Tests;

/// <summary>
/// `crossemu run -g PORT` under real gdb-multiarch in batch mode, on testsuites/conformance/gdb/
/// gdbtarget.c built with debug info for each target (out/TARGET/gdb/gdbtarget, by build.sh).
/// </summary>
[TestClass]
public sealed class GdbTests
{
    internal static readonly TimeSpan Timeout = TimeSpan.FromSeconds(90);
    static readonly string Work = Repo.TempDirectory();

    /// <summary>out/TARGET/gdb/NAME, or the test is inconclusive.</summary>
    internal static string Program(GuestTarget t, string name = "gdbtarget")
    {
        var bin = Path.Combine(ConformanceSet.BinaryDir(t), "gdb", name);
        if (!File.Exists(bin)) Assert.Inconclusive($"{bin} is not built (testsuites/conformance/build.sh, needs {t.Compiler})");
        return bin;
    }

    internal static string Gdb() =>
        Repo.FindExecutable("gdb-multiarch") ?? throw new AssertInconclusiveException("gdb-multiarch is not installed (apt-get install gdb-multiarch)");

    /// <summary>gdb -batch on the program against the stub, one -ex per command; its stdout and stderr.</summary>
    internal static string RunGdb(string program, int port, params string[] commands)
    {
        var args = new List<string> { "-batch", "-nx", program, "-ex", "set confirm off", "-ex", $"target remote 127.0.0.1:{port}" };
        foreach (var c in commands) { args.Add("-ex"); args.Add(c); }
        var r = Repo.Run(Gdb(), args, Work, Timeout);
        Assert.IsFalse(r.TimedOut, "gdb timed out:\n" + r.Stdout + r.Stderr);
        return r.Stdout + r.Stderr;
    }

    [TestMethod]
    [DataRow("arm", "$r0")]
    [DataRow("mips", "$a0")]
    [DataRow("mipsel", "$a0")]
    public void BreakPrintStepAndRunToTheExit(string target, string firstArgument)
    {
        var program = Program(GuestTarget.Named(target));
        Gdb();
        using var run = new DebuggedRun(program);
        var output = RunGdb(program, run.Port, "break add_up", "continue", "print a", "print b", $"print {firstArgument}",
            "next", "print sum", "stepi", "finish", "continue");
        StringAssert.Contains(output, "Breakpoint 1, add_up (a=2, b=3)", output);
        StringAssert.Contains(output, "$1 = 2", output);
        StringAssert.Contains(output, "$2 = 3", output);
        StringAssert.Contains(output, "$3 = 2", "the first argument register at the breakpoint\n" + output);
        StringAssert.Contains(output, "$4 = 5", "sum after `next`\n" + output);
        StringAssert.Contains(output, "Value returned is $5 = 5", output);
        StringAssert.Contains(output, "exited with code 07]", output);
        Assert.AreEqual(7, run.WaitForExit(Timeout), run.Stderr);
    }

    /// <summary>A dynamically linked PIE under -L: gdb finds where the program and the loader went
    /// from the auxv (qXfer:auxv:read), so a breakpoint in the program lands and libc is listed.</summary>
    [TestMethod]
    [DataRow("arm")]
    [DataRow("mipsel")]
    public void ABreakpointInADynamicallyLinkedPieIsHit(string target)
    {
        var t = GuestTarget.Named(target);
        var program = Program(t) + "-pie";
        if (!File.Exists(program)) Assert.Inconclusive($"{program} is not built (testsuites/conformance/build.sh)");
        string sysroot = "/usr/" + t.Compiler[..^"-gcc".Length];
        if (!Directory.Exists(sysroot)) Assert.Inconclusive($"no cross libc at {sysroot}");
        Gdb();
        using var run = new DebuggedRun(["-L", sysroot], program, []);
        var output = RunGdb(program, run.Port, $"set sysroot {sysroot}", "break add_up", "continue", "print b", "info sharedlibrary", "continue");
        StringAssert.Contains(output, "Breakpoint 1, add_up (a=2, b=3)", output);
        StringAssert.Contains(output, "$1 = 3", output);
        StringAssert.Matches(output, new System.Text.RegularExpressions.Regex(@"Yes.*/libc\.so\.6"), "libc is found through the loader's link map\n" + output);
        StringAssert.Contains(output, "exited with code 07]", output);
        Assert.AreEqual(7, run.WaitForExit(Timeout), run.Stderr);
    }

    [TestMethod]
    [DataRow("arm")]
    [DataRow("mips")]
    public void AFaultStopsTheGuestAndContinuingDeliversIt(string target)
    {
        var program = Program(GuestTarget.Named(target));
        Gdb();
        using var run = new DebuggedRun(program, "segv");
        var output = RunGdb(program, run.Port, "continue", "continue");
        StringAssert.Contains(output, "Program received signal SIGSEGV", output);
        StringAssert.Contains(output, "in main (", "the stop is at the faulting store in main\n" + output);
        StringAssert.Contains(output, "Program terminated with signal SIGSEGV", output);
        Assert.AreEqual(139, run.WaitForExit(Timeout), run.Stderr);
    }

    [TestMethod]
    [DataRow("arm")]
    [DataRow("mipsel")]
    public void AGuestSignalStopsFirstAndContinuingRunsItsHandler(string target)
    {
        // MIPS numbers SIGUSR1 16, ARM 10, gdb 30: the stop reply and `C sig` translate.
        var program = Program(GuestTarget.Named(target));
        Gdb();
        using var run = new DebuggedRun(program, "usr1");
        var output = RunGdb(program, run.Port, "continue", "continue");
        StringAssert.Contains(output, "Program received signal SIGUSR1", output);
        StringAssert.Contains(output, "exited with code 010]", "8, in gdb's octal: the handler ran\n" + output);
        Assert.AreEqual(8, run.WaitForExit(Timeout), run.Stderr);
    }

    [TestMethod]
    public void AfterDetachTheProgramRunsToItsEnd()
    {
        var program = Program(GuestTarget.Arm);
        Gdb();
        using var run = new DebuggedRun(program);
        var output = RunGdb(program, run.Port, "break add_up", "continue", "detach");
        StringAssert.Contains(output, "Breakpoint 1, add_up", output);
        Assert.AreEqual(7, run.WaitForExit(Timeout), "breakpoints go with the debugger\n" + run.Stderr);
    }

    [TestMethod]
    public void ControlCStopsARunningGuestWithSigint()
    {
        var program = Program(GuestTarget.Arm);
        using var run = new DebuggedRun(program, "spin");
        using var gdb = new RawGdbConnection(run.Port);
        StringAssert.StartsWith(gdb.Request("?"), "T05", "stopped before the first instruction");
        gdb.Send("c");
        Thread.Sleep(500);
        gdb.Interrupt();
        StringAssert.StartsWith(gdb.ReadReply(), "T02", "SIGINT");
        Assert.AreEqual(17 * 8, gdb.Request("g").Length, "registers can be read after the interrupt");
        gdb.Send("k");
        Assert.AreEqual(137, run.WaitForExit(Timeout), "killed (128 + SIGKILL)\n" + run.Stderr);
    }

    /// <summary>The protocol by hand, for what gdb -batch cannot do (sending Ctrl-C).</summary>
    internal sealed class RawGdbConnection : IDisposable
    {
        readonly TcpClient client;
        readonly NetworkStream stream;

        public RawGdbConnection(int port)
        {
            client = new TcpClient("127.0.0.1", port);
            stream = client.GetStream();
            stream.ReadTimeout = (int)Timeout.TotalMilliseconds;
        }

        public void Send(string payload)
        {
            int sum = payload.Sum(c => (int)c) & 0xff;
            stream.Write(Encoding.Latin1.GetBytes($"${payload}#{sum:x2}"));
            Assert.AreEqual('+', (char)stream.ReadByte(), "the stub acknowledges a packet");
        }

        public void Interrupt() => stream.WriteByte(0x03);

        public string ReadReply()
        {
            int b;
            while ((b = stream.ReadByte()) != '$') Assert.AreNotEqual(-1, b, "connection closed");
            var sb = new StringBuilder();
            while ((b = stream.ReadByte()) != '#') sb.Append((char)b);
            stream.ReadByte();
            stream.ReadByte();
            stream.WriteByte((byte)'+');
            return sb.ToString();
        }

        public string Request(string payload)
        {
            Send(payload);
            return ReadReply();
        }

        public void Dispose() => client.Dispose();
    }
}
