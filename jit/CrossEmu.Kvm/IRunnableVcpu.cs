using CrossEmu.Devices.Bus;

namespace CrossEmu.Kvm;

/// <summary>What <see cref="KvmMachineRunner"/> needs of a vCPU (a <see cref="KvmVcpu"/>; a fake in the runner's tests).</summary>
internal interface IRunnableVcpu
{
    int Id { get; }

    VcpuExit RunOnce(IIoDispatcher io);

    void BindToCurrentThread();

    void UnbindThread();

    void Kick();

    void ClearKick();
}
