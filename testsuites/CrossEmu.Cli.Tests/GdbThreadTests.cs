using System.Text.RegularExpressions;
using static CrossEmu.Cli.Tests.GdbTests;

namespace CrossEmu.Cli.Tests;

/// <summary>
/// gdb-multiarch against `crossemu run -g PORT` of testsuites/conformance/gdb/gdbthreads.c (main and three
/// pthreads, each calling work(index) once): every thread is listed, has its own registers, stops at a
/// breakpoint, and all of them stop together.
/// </summary>
[TestClass]
public sealed partial class GdbThreadTests
{
    [TestMethod]
    [DataRow("arm")]
    [DataRow("mipsel")]
    [DataRow("mips")]
    public void EveryThreadIsListedHasItsRegistersAndStopsAtTheBreakpoint(string target)
    {
        var program = Program(GuestTarget.Named(target), "gdbthreads");
        Gdb();
        using var run = new DebuggedRun(program);
        var output = RunGdb(program, run.Port, "break work", "continue", "info threads", "thread apply all print $sp",
            "bt", "thread 1", "bt", "continue", "continue", "continue");
        var hits = Hits().Matches(output).Select(m => m.Groups[1].Value).Order().ToList();
        CollectionAssert.AreEqual(new[] { "0", "1", "2" }, hits, "each thread stops at work once, with its own index\n" + output);
        StringAssert.Matches(output, ThreadFour(), "info threads lists main and the three workers\n" + output);
        var stacks = StackPointers().Matches(output).Select(m => m.Groups[1].Value).Distinct().ToList();
        Assert.HasCount(4, stacks, "a stack pointer of each thread's own\n" + output);
        StringAssert.Contains(output, "in worker (arg=", "bt of the thread at the breakpoint\n" + output);
        // The main thread waits in pthread_barrier_wait or pthread_join (gdb's MIPS unwinder may not get out of libc).
        var main = Regex.Match(output, @"Switching to thread 1 .*\n((#\d.*\n)+)");
        Assert.IsTrue(main.Success && main.Groups[1].Value.Contains("#0 ") && !main.Groups[1].Value.Contains("work ("), "bt of the main thread\n" + output);
        StringAssert.Contains(output, "exited with code 011]", output);
        Assert.AreEqual(9, run.WaitForExit(GdbTests.Timeout), run.Stderr);
    }

    /// <summary>Ctrl-C stops every thread: the counter the workers increment stays put while gdb looks, and moves
    /// again once they are let go.</summary>
    [TestMethod]
    [DataRow("arm")]
    [DataRow("mipsel")]
    public void ControlCStopsEveryThread(string target)
    {
        var program = Program(GuestTarget.Named(target), "gdbthreads");
        var symbol = Repo.Run(Gdb(), ["-batch", "-nx", program, "-ex", "print &counter"], Path.GetTempPath(), GdbTests.Timeout);
        var address = Regex.Match(symbol.Stdout, @"(0x[0-9a-f]+) <counter>");
        Assert.IsTrue(address.Success, symbol.Stdout + symbol.Stderr);
        string readCounter = $"m{address.Groups[1].Value[2..]},4";
        using var run = new DebuggedRun(program, "spin");
        using var gdb = new RawGdbConnection(run.Port);
        StringAssert.StartsWith(gdb.Request("?"), "T05", "stopped before the first instruction");
        string counted = "00000000", stop = "";
        for (int attempt = 0; attempt < 20 && counted == "00000000"; attempt++)
        {
            gdb.Send("vCont;c");
            Thread.Sleep(500);
            gdb.Interrupt();
            stop = gdb.ReadReply();
            counted = gdb.Request(readCounter);
        }
        Assert.AreNotEqual("00000000", counted, "the workers count");
        StringAssert.StartsWith(stop, "T02thread:", "SIGINT, naming a thread");
        var threads = gdb.Request("qfThreadInfo")[1..].Split(',');
        Assert.HasCount(4, threads, "main and three workers");
        Assert.AreEqual("l", gdb.Request("qsThreadInfo"));
        CollectionAssert.Contains(threads, stop["T02thread:".Length..].TrimEnd(';'));
        Thread.Sleep(300);
        Assert.AreEqual(counted, gdb.Request(readCounter), "no thread runs while stopped");
        foreach (var t in threads)
        {
            Assert.AreEqual("OK", gdb.Request("Hg" + t));
            Assert.AreEqual("OK", gdb.Request("T" + t));
            Assert.IsGreaterThanOrEqualTo(16 * 8, gdb.Request("g").Length, "registers of thread " + t);
        }
        gdb.Send("vCont;c");
        Thread.Sleep(300);
        gdb.Interrupt();
        StringAssert.StartsWith(gdb.ReadReply(), "T02");
        Assert.AreNotEqual(counted, gdb.Request(readCounter), "the threads ran again");
        gdb.Send("k");
        Assert.AreEqual(137, run.WaitForExit(GdbTests.Timeout), "killed (128 + SIGKILL)\n" + run.Stderr);
    }

    [GeneratedRegex(@"hit Breakpoint 1, work \(index=(\d)\)")]
    private static partial Regex Hits();

    [GeneratedRegex(@"\n\*? +4 +Thread ")]
    private static partial Regex ThreadFour();

    [GeneratedRegex(@"\$\d+ = \(void \*\) (0x[0-9a-f]+)")]
    private static partial Regex StackPointers();
}
