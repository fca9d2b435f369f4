using System.Diagnostics;
using CrossEmu.Isa.Host;
using CrossEmu.Machines.Linux.Signals;
using Gee.External.Capstone;
using Gee.External.Capstone.X86;
using static CrossEmu.Isa.Host.HostSignals;

namespace CrossEmu.Machines.Linux.Tests;

/// <summary>
/// Host signals sent to this test host reach a HostSignalForwarder's callback with their sender, code, value and
/// child status, in order, through floods, without ending or stopping the process; Dispose puts the previous
/// handlers back. The signals are real: kill, sigqueue and pthread_kill to this process, children that signal
/// their parent or exit, and the host's interval timer.
/// </summary>
[TestClass]
[DoNotParallelize] // host signal handlers belong to the whole process, and one forwarder runs at a time
public sealed unsafe class HostSignalForwarderTests
{
    public TestContext TestContext { get; set; } = null!;

    /// <summary>How long to wait before calling a missing event a failure; never a timing requirement.</summary>
    static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    static readonly int Self = Environment.ProcessId;
    static readonly int RealTimeMin = Libc.__libc_current_sigrtmin();

    /// <summary>The events a forwarder delivered, for a test thread to wait on.</summary>
    sealed class Recorder
    {
        readonly List<HostSignalEvent> events = [];

        public void Add(HostSignalEvent arrival)
        {
            lock (events)
            {
                events.Add(arrival);
                Monitor.PulseAll(events);
            }
        }

        public List<HostSignalEvent> All { get { lock (events) return [.. events]; } }

        /// <summary>The events once done says they are enough, waiting for more until then.</summary>
        public List<HostSignalEvent> WaitUntil(Func<List<HostSignalEvent>, bool> done, string what)
        {
            var waited = Stopwatch.StartNew();
            lock (events)
            {
                while (!done(events))
                {
                    if (waited.Elapsed > Patience) Assert.Fail($"no {what} among {events.Count} events");
                    Monitor.Wait(events, TimeSpan.FromMilliseconds(100));
                }
                return [.. events];
            }
        }

        public HostSignalEvent WaitFor(Func<HostSignalEvent, bool> match, string what) => WaitUntil(l => l.Any(match), what).First(match);

        public HostSignalEvent WaitFor(int signal) => WaitFor(e => e.Signal == signal, $"signal {signal}");

        public List<HostSignalEvent> WaitForCount(int count) => WaitUntil(l => l.Count >= count, $"{count} events");
    }

    /// <summary>Sends a signal to the calling thread: its handler has run when this returns.</summary>
    static void SendToThisThread(int signal) => Assert.AreEqual(0, Libc.pthread_kill(Libc.pthread_self(), signal));

    static Process StartShell(string script) =>
        Process.Start(new ProcessStartInfo("/bin/sh", ["-c", script]) { UseShellExecute = false })!;

    [TestMethod]
    public void KillToSelfArrivesOnceWithOurPidUidAndSiUser()
    {
        var log = new Recorder();
        using var forwarder = HostSignalForwarder.Start([SIGUSR1, SIGUSR2], log.Add);
        Assert.AreEqual(0, Libc.kill(Self, SIGUSR1));
        Assert.AreEqual(new HostSignalEvent(SIGUSR1, SI_USER, Self, Libc.getuid()), log.WaitFor(SIGUSR1));

        Assert.AreEqual(0, Libc.kill(Self, SIGUSR2)); // comes after every earlier event
        log.WaitFor(SIGUSR2);
        Assert.AreEqual(1, log.All.Count(e => e.Signal == SIGUSR1));
        Assert.AreEqual(0, forwarder.Dropped);
    }

    [TestMethod]
    public void SigqueueCarriesItsValue()
    {
        var log = new Recorder();
        using var forwarder = HostSignalForwarder.Start([SIGUSR2, RealTimeMin + 1], log.Add);
        Assert.AreEqual(0, Libc.sigqueue(Self, SIGUSR2, 12345));
        Assert.AreEqual(new HostSignalEvent(SIGUSR2, SI_QUEUE, Self, Libc.getuid(), Value: 12345), log.WaitFor(SIGUSR2));
        Assert.AreEqual(0, Libc.sigqueue(Self, RealTimeMin + 1, -7));
        Assert.AreEqual(new HostSignalEvent(RealTimeMin + 1, SI_QUEUE, Self, Libc.getuid(), Value: -7), log.WaitFor(RealTimeMin + 1));
    }

    [TestMethod]
    public void DifferentSignalsArriveInTheOrderTheyWereSent()
    {
        int[] signals = [SIGHUP, SIGUSR1, SIGUSR2, SIGWINCH, SIGURG, RealTimeMin + 3];
        var log = new Recorder();
        using var forwarder = HostSignalForwarder.Start(signals, log.Add);
        var sent = new List<int>();
        for (int round = 0; round < 100; round++)
            foreach (int signal in signals)
            {
                SendToThisThread(signal);
                sent.Add(signal);
            }
        var events = log.WaitForCount(sent.Count);
        CollectionAssert.AreEqual(sent, events.Select(e => e.Signal).ToList());
        Assert.IsTrue(events.All(e => e.Code == SI_TKILL && e.Pid == Self), "tgkill from this process");
    }

    [TestMethod]
    public void SignalFromAChildCarriesTheChildsPid()
    {
        var log = new Recorder();
        using var forwarder = HostSignalForwarder.Start([SIGUSR2], log.Add);
        using var child = StartShell("kill -USR2 $PPID");
        var arrival = log.WaitFor(SIGUSR2);
        Assert.AreEqual(new HostSignalEvent(SIGUSR2, SI_USER, child.Id, Libc.getuid()), arrival);
        Assert.IsTrue(child.WaitForExit(Patience));
    }

    [TestMethod]
    public void ChildExitArrivesAsSigchldWithItsExitStatusAndProcessStillReapsIt()
    {
        // Process installs the runtime's SIGCHLD handler on first use; that must happen before the forwarder takes
        // SIGCHLD, or the runtime's would go on top of ours. The user runtime does not use Process.
        using (var warmUp = StartShell("exit 0")) Assert.IsTrue(warmUp.WaitForExit(Patience));

        var log = new Recorder();
        Process child;
        using (var forwarder = HostSignalForwarder.Start([SIGCHLD], log.Add))
        {
            child = StartShell("exit 7");
            var arrival = log.WaitFor(e => e.Signal == SIGCHLD && e.Pid == child.Id, "the child's SIGCHLD");
            Assert.AreEqual(CLD_EXITED, arrival.Code);
            Assert.AreEqual(7, arrival.Status);
            Assert.AreEqual(Libc.getuid(), arrival.Uid);
        }
        // Dispose raised SIGCHLD for the restored runtime handler, which reaps the child it missed.
        using (child)
        {
            Assert.IsTrue(child.WaitForExit(Patience), "Process sees the exit after the forwarder is gone");
            Assert.AreEqual(7, child.ExitCode);
        }
    }

    [TestMethod]
    public void SigintAndSigtermNoLongerEndTheProcess()
    {
        var log = new Recorder();
        using var forwarder = HostSignalForwarder.Start([SIGINT, SIGTERM], log.Add);
        Assert.AreEqual(0, Libc.kill(Self, SIGINT));
        Assert.AreEqual(new HostSignalEvent(SIGINT, SI_USER, Self, Libc.getuid()), log.WaitFor(SIGINT));
        Assert.AreEqual(0, Libc.kill(Self, SIGTERM));
        Assert.AreEqual(new HostSignalEvent(SIGTERM, SI_USER, Self, Libc.getuid()), log.WaitFor(SIGTERM));
    }

    [TestMethod]
    public void StopSignalsArriveAsEventsWithoutStoppingTheProcess()
    {
        var log = new Recorder();
        using var forwarder = HostSignalForwarder.Start([SIGTSTP, SIGTTIN, SIGTTOU], log.Add);
        foreach (int signal in new[] { SIGTSTP, SIGTTIN, SIGTTOU })
        {
            Assert.AreEqual(0, Libc.kill(Self, signal));
            log.WaitFor(signal);
        }
    }

    /// <summary>
    /// A flood ends with a marker signal numbered above the flood's: Linux takes the lowest pending signal first, so
    /// when the marker arrives no flood signal is left pending to meet the restored default action after Dispose.
    /// The marker, SIGURG, is ignored by default anyway.
    /// </summary>
    static long CountFlood(int flood, Action send, out long dropped)
    {
        long count = 0;
        var marker = new ManualResetEventSlim();
        using var forwarder = HostSignalForwarder.Start([flood, SIGURG], e =>
        {
            if (e.Signal == flood) Interlocked.Increment(ref count);
            else marker.Set();
        });
        send();
        Assert.AreEqual(0, Libc.kill(Self, SIGURG));
        Assert.IsTrue(marker.Wait(Patience), "the dispatcher still runs after the flood");
        dropped = forwarder.Dropped;
        return Interlocked.Read(ref count);
    }

    [TestMethod]
    public void AnIntervalTimerFloodIsHandledAndTheProcessLives()
    {
        long alarms = CountFlood(SIGALRM, () =>
        {
            // SIGALRM every 50 µs for a second; the kernel merges those that find one pending.
            var every50us = new HostItimerval { Interval = new() { Microseconds = 50 }, Value = new() { Microseconds = 50 } };
            var off = new HostItimerval();
            Assert.AreEqual(0, Libc.setitimer(Libc.ITIMER_REAL, &every50us, null));
            Thread.Sleep(1000);
            Assert.AreEqual(0, Libc.setitimer(Libc.ITIMER_REAL, &off, null));
        }, out long dropped);
        TestContext.WriteLine($"{alarms} SIGALRM handled, {dropped} dropped");
        Assert.IsGreaterThan(0L, alarms);
    }

    [TestMethod]
    public void AFloodFromAnotherProcessIsHandled()
    {
        long received = CountFlood(SIGUSR2, () =>
        {
            using var child = StartShell("i=0; while [ $i -lt 20000 ]; do kill -USR2 $PPID || exit 1; i=$((i+1)); done");
            Assert.IsTrue(child.WaitForExit(Patience));
            Assert.AreEqual(0, child.ExitCode, "every kill succeeded");
        }, out long dropped);
        TestContext.WriteLine($"{received} of 20000 SIGUSR2 handled (merged while pending), {dropped} dropped");
        Assert.IsGreaterThan(0L, received);
    }

    [TestMethod]
    public void AFullQueueCountsDropsAndLosesNothingElse()
    {
        long received = 0;
        var release = new ManualResetEventSlim();
        using var forwarder = HostSignalForwarder.Start([SIGUSR1], _ =>
        {
            if (Interlocked.Increment(ref received) == 1) release.Wait(); // the consumer falls behind
        });
        int sent = HostSignalForwarder.QueueCapacity + 1000;
        for (int i = 0; i < sent; i++) SendToThisThread(SIGUSR1); // one handler run each
        Assert.IsGreaterThanOrEqualTo(sent - HostSignalForwarder.QueueCapacity - 1L, forwarder.Dropped);

        release.Set();
        var deadline = Stopwatch.StartNew();
        while (Interlocked.Read(ref received) + forwarder.Dropped < sent && deadline.Elapsed < Patience) Thread.Sleep(10);
        Assert.AreEqual(sent, Interlocked.Read(ref received) + forwarder.Dropped, "every arrival delivered or counted");
    }

    static HostSigaction Query(int signal)
    {
        HostSigaction action = default;
        Assert.AreEqual(0, Libc.sigaction(signal, null, &action));
        return action;
    }

    static void AssertSame(HostSigaction expected, HostSigaction actual, string what)
    {
        Assert.AreEqual(expected.Handler, actual.Handler, $"{what}: handler");
        Assert.AreEqual(expected.Flags, actual.Flags, $"{what}: flags");
        Assert.AreEqual(expected.Restorer, actual.Restorer, $"{what}: restorer");
        // The kernel's mask is 64 bits; glibc copies the rest of sigset_t from its own uninitialised stack.
        Assert.AreEqual(expected.Mask[0], actual.Mask[0], $"{what}: mask");
    }

    [TestMethod]
    public void DisposeRestoresThePreviousSigactionExactly()
    {
        // A previous disposition with every field set, and the runtime's own SIGINT handler.
        HostSigaction ignoring = default, original = default;
        ignoring.Handler = 1; // SIG_IGN
        ignoring.Flags = (int)(SA_RESTART | SA_NODEFER);
        ignoring.Mask[0] = 1UL << (SIGTERM - 1) | 1UL << (SIGHUP - 1);
        Assert.AreEqual(0, Libc.sigaction(SIGUSR1, &ignoring, &original));
        try
        {
            var usr1Before = Query(SIGUSR1);
            var intBefore = Query(SIGINT);
            using (var forwarder = HostSignalForwarder.Start([SIGUSR1, SIGINT], _ => { }))
            {
                var ours = Query(SIGUSR1);
                Assert.AreNotEqual(usr1Before.Handler, ours.Handler);
                Assert.AreEqual(SA_SIGINFO | SA_RESTART | SA_ONSTACK, (uint)ours.Flags & (SA_SIGINFO | SA_RESTART | SA_ONSTACK | SA_NODEFER));
                Assert.AreEqual(ours.Handler, Query(SIGINT).Handler);
            }
            AssertSame(usr1Before, Query(SIGUSR1), "SIGUSR1");
            AssertSame(intBefore, Query(SIGINT), "SIGINT");
        }
        finally
        {
            Libc.sigaction(SIGUSR1, &original, null);
        }
    }

    [TestMethod]
    public void OneForwarderRunsAtATime()
    {
        var first = HostSignalForwarder.Start([SIGUSR1], _ => { });
        Assert.ThrowsExactly<InvalidOperationException>(() => HostSignalForwarder.Start([SIGUSR2], _ => { }));
        first.Dispose();
        HostSignalForwarder.Start([SIGUSR2], _ => { }).Dispose();
    }

    [TestMethod]
    public void ForwardableLeavesOutUncatchableFaultAndRuntimeSignals()
    {
        // SIGRTMAX interrupts a guest thread's blocking host call (Threads.CallInterrupter).
        int[] excluded = [SIGKILL, SIGSTOP, SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGTRAP, 32, 33, RealTimeMin, Libc.__libc_current_sigrtmax()];
        int[] included = [SIGHUP, SIGINT, SIGQUIT, SIGABRT, SIGPIPE, SIGTERM, SIGCHLD, SIGCONT, SIGTSTP, SIGTTIN, SIGTTOU, SIGWINCH,
            SIGIO, SIGSYS, RealTimeMin + 1, Libc.__libc_current_sigrtmax() - 1];
        foreach (int signal in excluded) Assert.IsFalse(HostSignalForwarder.IsForwardable(signal), $"signal {signal}");
        foreach (int signal in included) Assert.IsTrue(HostSignalForwarder.IsForwardable(signal), $"signal {signal}");
        Assert.AreEqual(31 - 7 + Libc.__libc_current_sigrtmax() - RealTimeMin - 1, HostSignalForwarder.Forwardable.Count);
        Assert.ThrowsExactly<ArgumentException>(() => HostSignalForwarder.Start([SIGSEGV], _ => { }));
    }

    [TestMethod]
    public void HandlerBytesDisassembleToTheirListing()
    {
        using var capstone = CapstoneDisassembler.CreateX86Disassembler(X86DisassembleMode.Bit64);
        nint control = unchecked((nint)0x7f12_3456_7000);
        var listing = HostSignalHandlerCode.Listing(control, 42);
        var decoded = capstone.Disassemble(HostSignalHandlerCode.Bytes(control, 42), 0);
        Assert.HasCount(listing.Length, decoded);
        for (int i = 0; i < listing.Length; i++)
        {
            Assert.AreEqual(listing[i].Bytes.Length, decoded[i].Bytes.Length, listing[i].Assembly);
            Assert.AreEqual(listing[i].Assembly, $"{decoded[i].Mnemonic} {decoded[i].Operand}".Trim());
        }
    }
}
