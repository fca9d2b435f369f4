using System.Diagnostics;
using CrossEmu.Devices.Bus;

namespace CrossEmu.Kvm;

/// <summary>
/// Runs a VM's vCPUs, one host thread each, until one of them ends the machine (power-off, reset, triple fault,
/// error) or someone stops it from any thread (<see cref="Stop"/>, <see cref="PowerOff"/>, <see cref="RequestReset"/>:
/// what an IMachineControl implementation and the console's Ctrl-A X call). The first outcome wins; every vCPU is
/// then kicked out of KVM_RUN and its thread ends. A runner runs once.
/// </summary>
public sealed class KvmMachineRunner : IDisposable
{
    readonly IReadOnlyList<IRunnableVcpu> vcpus;
    readonly IIoDispatcher io;
    readonly Thread[] threads;
    readonly TaskCompletionSource<KvmRunOutcome> completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    readonly object gate = new();
    KvmRunOutcome? outcome;
    int halted, ended, started;

    /// <param name="vcpus">The vCPUs, their registers already set (the APs of an SMP guest wait for INIT/SIPI in the kernel).</param>
    /// <param name="io">Where port-I/O and MMIO exits go: the machine's bus.</param>
    public KvmMachineRunner(IReadOnlyList<KvmVcpu> vcpus, IIoDispatcher io)
        : this(vcpus.Cast<IRunnableVcpu>().ToArray(), io)
    {
    }

    internal KvmMachineRunner(IReadOnlyList<IRunnableVcpu> vcpus, IIoDispatcher io)
    {
        if (vcpus.Count == 0) throw new ArgumentException("no vCPUs to run", nameof(vcpus));
        this.vcpus = vcpus;
        this.io = io;
        threads = new Thread[vcpus.Count];
        for (int i = 0; i < vcpus.Count; i++)
        {
            var vcpu = vcpus[i];
            threads[i] = new Thread(() => VcpuThread(vcpu)) { IsBackground = true, Name = $"kvm vcpu {vcpu.Id}" };
        }
    }

    /// <summary>Completes with the outcome once every vCPU thread has ended.</summary>
    public Task<KvmRunOutcome> Completion => completion.Task;

    /// <summary>True once an outcome is decided (threads may still be leaving KVM_RUN).</summary>
    public bool IsStopping => Volatile.Read(ref outcome) != null;

    public void Start()
    {
        if (Interlocked.Exchange(ref started, 1) != 0) throw new InvalidOperationException("the runner has already been started");
        // A previous run (before a reset) leaves immediate_exit set; clear it unless this run is already over.
        if (Volatile.Read(ref outcome) == null)
            foreach (var v in vcpus) v.ClearKick();
        if (Volatile.Read(ref outcome) != null) KickAll();
        foreach (var t in threads) t.Start();
    }

    /// <summary>Starts (when not started) and waits for the outcome; after <paramref name="timeout"/>
    /// the machine is stopped with <see cref="KvmOutcomeKind.TimedOut"/>.</summary>
    public KvmRunOutcome Wait(TimeSpan? timeout = null)
    {
        if (Volatile.Read(ref started) == 0) Start();
        if (timeout is { } t && !Completion.Wait(t))
            End(new KvmRunOutcome(KvmOutcomeKind.TimedOut));
        return Completion.GetAwaiter().GetResult();
    }

    /// <summary>Stops the machine from any thread (also from a device handler on a vCPU thread).</summary>
    public void Stop() => End(new KvmRunOutcome(KvmOutcomeKind.Stopped));

    /// <summary>The guest powered off with <paramref name="exitCode"/> (an exit device, ACPI power-off).</summary>
    public void PowerOff(int exitCode) => End(new KvmRunOutcome(KvmOutcomeKind.PoweredOff, exitCode));

    /// <summary>The guest asked for a reset (port 0xCF9, the keyboard controller's reset line).</summary>
    public void RequestReset() => End(new KvmRunOutcome(KvmOutcomeKind.ResetRequested));

    /// <summary>Ends the run with this outcome unless another was decided first; kicks every vCPU.</summary>
    public void End(KvmRunOutcome result)
    {
        lock (gate)
        {
            if (outcome != null) return;
            Volatile.Write(ref outcome, result);
        }
        KickAll();
        if (Volatile.Read(ref started) == 0) completion.TrySetResult(result);
        else StartKickWatchdog();
    }

    void KickAll()
    {
        foreach (var v in vcpus) v.Kick();
    }

    // A kick that lands between a thread's check of the outcome and its KVM_RUN is caught by immediate_exit; on a
    // kernel without KVM_CAP_IMMEDIATE_EXIT it could be lost, so signals are repeated until every thread has left.
    void StartKickWatchdog()
    {
        var watchdog = new Thread(() =>
        {
            var sw = Stopwatch.StartNew();
            while (!Completion.IsCompleted && sw.Elapsed < TimeSpan.FromMinutes(1))
            {
                Completion.Wait(TimeSpan.FromMilliseconds(20));
                if (!Completion.IsCompleted) KickAll();
            }
        }) { IsBackground = true, Name = "kvm kick watchdog" };
        watchdog.Start();
    }

    void VcpuThread(IRunnableVcpu vcpu)
    {
        vcpu.BindToCurrentThread();
        try
        {
            while (Volatile.Read(ref outcome) == null)
            {
                var exit = vcpu.RunOnce(io);
                switch (exit.Kind)
                {
                    case VcpuExitKind.Handled:
                    case VcpuExitKind.Interrupted:
                        continue;
                    case VcpuExitKind.Halted:
                        // Without an in-kernel irqchip nothing can wake a halted vCPU; the machine is halted
                        // when all of them are.
                        if (Interlocked.Increment(ref halted) == vcpus.Count) End(new KvmRunOutcome(KvmOutcomeKind.Halted, Vcpu: vcpu.Id));
                        return;
                    case VcpuExitKind.TripleFault:
                        End(new KvmRunOutcome(KvmOutcomeKind.TripleFault, Vcpu: vcpu.Id, Message: exit.Message));
                        return;
                    case VcpuExitKind.SystemShutdown:
                        End(new KvmRunOutcome(KvmOutcomeKind.PoweredOff, 0, vcpu.Id));
                        return;
                    case VcpuExitKind.SystemReset:
                        End(new KvmRunOutcome(KvmOutcomeKind.ResetRequested, Vcpu: vcpu.Id));
                        return;
                    case VcpuExitKind.SystemCrash:
                        End(new KvmRunOutcome(KvmOutcomeKind.Crashed, Vcpu: vcpu.Id, Message: exit.Message));
                        return;
                    default:
                        End(new KvmRunOutcome(KvmOutcomeKind.Error, Vcpu: vcpu.Id, Message: exit.Message));
                        return;
                }
            }
        }
        catch (Exception e)
        {
            End(new KvmRunOutcome(KvmOutcomeKind.Error, Vcpu: vcpu.Id, Message: e.Message, Exception: e));
        }
        finally
        {
            vcpu.UnbindThread();
            if (Interlocked.Increment(ref ended) == vcpus.Count)
            {
                // Every thread has left: the outcome is the decided one (or halted/stopped when none was).
                KvmRunOutcome final;
                lock (gate)
                {
                    outcome ??= new KvmRunOutcome(KvmOutcomeKind.Stopped);
                    final = outcome;
                }
                completion.TrySetResult(final);
            }
        }
    }

    /// <summary>Stops the machine if it runs and waits for the vCPU threads (up to 10 s).</summary>
    public void Dispose()
    {
        if (Volatile.Read(ref started) == 0) return;
        Stop();
        Completion.Wait(TimeSpan.FromSeconds(10));
    }
}
