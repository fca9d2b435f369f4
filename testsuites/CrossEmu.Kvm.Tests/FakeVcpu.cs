using CrossEmu.Devices.Bus;

namespace CrossEmu.Kvm.Tests;

/// <summary>
/// A vCPU for the runner's tests: each RunOnce takes the next scripted step; with no step left it "runs the guest"
/// until kicked, as KVM_RUN does, and then reports an interruption.
/// </summary>
internal sealed class FakeVcpu(int id, params Func<IIoDispatcher, VcpuExit>[] steps) : IRunnableVcpu
{
    readonly ManualResetEventSlim kicked = new();
    int next;

    public int Id => id;
    public int Binds;
    public int Unbinds;
    public int Kicks;
    public int Clears;
    public int Runs;

    public VcpuExit RunOnce(IIoDispatcher io)
    {
        Interlocked.Increment(ref Runs);
        if (kicked.IsSet) return new VcpuExit(VcpuExitKind.Interrupted, Native.KvmExit.Intr);
        if (next < steps.Length) return steps[next++](io);
        kicked.Wait(TimeSpan.FromSeconds(30));
        return new VcpuExit(VcpuExitKind.Interrupted, Native.KvmExit.Intr);
    }

    public void BindToCurrentThread() => Interlocked.Increment(ref Binds);

    public void UnbindThread() => Interlocked.Increment(ref Unbinds);

    public void Kick()
    {
        Interlocked.Increment(ref Kicks);
        kicked.Set();
    }

    public void ClearKick()
    {
        Interlocked.Increment(ref Clears);
        kicked.Reset();
    }
}
