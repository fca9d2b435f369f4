using System.Runtime.InteropServices;
using System.Text;
using CrossEmu.Devices.Bus;
using CrossEmu.Isa.Host;
using CrossEmu.Kvm.Native;

namespace CrossEmu.Kvm;

/// <summary>
/// One virtual CPU: its descriptor and kvm_run mapping, register access, and <see cref="RunOnce"/>, which enters the
/// guest and serves port-I/O and MMIO exits through an <see cref="IIoDispatcher"/>. <see cref="RunOnce"/> belongs to
/// one thread at a time; <see cref="Kick"/> may be called from any thread.
/// </summary>
public sealed unsafe class KvmVcpu : IRunnableVcpu, IDisposable
{
    readonly KvmVm vm;
    readonly KvmFd fd;
    readonly object threadGate = new();
    nint run;
    readonly int runSize;
    nuint boundThread;
    bool threadBound;

    public int Id { get; }

    /// <summary>MSRs of <see cref="BootMsrs"/> that this host's KVM refused (left at their reset values).</summary>
    public IReadOnlyList<uint> RefusedBootMsrs { get; }

    internal KvmVcpu(KvmVm vm, int id)
    {
        this.vm = vm;
        Id = id;
        fd = new KvmFd(vm.CreateVcpuFd(id));
        try
        {
            runSize = vm.VcpuMmapSize;
            run = Libc.mmap(0, (nuint)runSize, Libc.PROT_READ | Libc.PROT_WRITE, Libc.MAP_SHARED, fd.Value, 0);
            if (run == Libc.MAP_FAILED)
            {
                run = 0;
                throw new KvmException("mmap of kvm_run", Marshal.GetLastPInvokeError());
            }
            SetCpuid(CpuidFixup.ForVcpu(vm.SupportedCpuid, id, vm.Options.VcpuCount));
            RefusedBootMsrs = SetMsrsBestEffort(BootMsrs.Entries);
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    /// <summary>The shared kvm_run page.</summary>
    public ref KvmRun RunState => ref *(KvmRun*)(run != 0 ? run : throw new ObjectDisposedException(nameof(KvmVcpu)));

    public KvmRegs GetRegs() => fd.Get<KvmRegs>(KvmIoctl.GetRegs);

    public void SetRegs(in KvmRegs regs) => fd.Set(KvmIoctl.SetRegs, regs);

    public KvmSregs GetSregs() => fd.Get<KvmSregs>(KvmIoctl.GetSregs);

    public void SetSregs(in KvmSregs sregs) => fd.Set(KvmIoctl.SetSregs, sregs);

    public KvmFpu GetFpu() => fd.Get<KvmFpu>(KvmIoctl.GetFpu);

    public void SetFpu(in KvmFpu fpu) => fd.Set(KvmIoctl.SetFpu, fpu);

    public uint GetMpState() => fd.Get<KvmMpState>(KvmIoctl.GetMpState).MpState;

    /// <summary>KVM_SET_MP_STATE (needs the in-kernel irqchip): e.g. <see cref="KvmConst.MpStateRunnable"/> to start an AP directly.</summary>
    public void SetMpState(uint state) => fd.Set(KvmIoctl.SetMpState, new KvmMpState { MpState = state });

    public KvmLapicState GetLapic() => fd.Get<KvmLapicState>(KvmIoctl.GetLapic);

    public void SetLapic(in KvmLapicState lapic) => fd.Set(KvmIoctl.SetLapic, lapic);

    const int ApicLvtLint0 = 0x350, ApicLvtLint1 = 0x360;
    const uint DeliveryModeMask = 0x700, DeliveryExtInt = 0x700, DeliveryNmi = 0x400;

    /// <summary>
    /// Wires the in-kernel local APIC's LINT0 to the PIC (ExtINT) and LINT1 to NMI, as a PC BIOS leaves them, for a
    /// guest started without firmware (a Linux kernel loaded directly). Needs the in-kernel irqchip.
    /// </summary>
    public void ConfigureLegacyLint()
    {
        var lapic = GetLapic();
        uint* regs = (uint*)lapic.Regs;
        regs[ApicLvtLint0 / 4] = (regs[ApicLvtLint0 / 4] & ~DeliveryModeMask) | DeliveryExtInt;
        regs[ApicLvtLint1 / 4] = (regs[ApicLvtLint1 / 4] & ~DeliveryModeMask) | DeliveryNmi;
        SetLapic(lapic);
    }

    /// <summary>KVM_SET_CPUID2 with exactly these entries.</summary>
    public void SetCpuid(ReadOnlySpan<KvmCpuidEntry2> entries)
    {
        using var arg = new FlexibleArrayArgument<KvmCpuid2, KvmCpuidEntry2>(entries.Length);
        arg.Header->Nent = (uint)entries.Length;
        entries.CopyTo(arg.Entries(entries.Length));
        fd.Ioctl(KvmIoctl.SetCpuid2, arg.Address);
    }

    /// <summary>KVM_SET_MSRS; returns how many entries (from the first) the kernel accepted.</summary>
    public int SetMsrs(ReadOnlySpan<KvmMsrEntry> entries)
    {
        if (entries.IsEmpty) return 0;
        using var arg = new FlexibleArrayArgument<KvmMsrs, KvmMsrEntry>(entries.Length);
        arg.Header->Nmsrs = (uint)entries.Length;
        entries.CopyTo(arg.Entries(entries.Length));
        return fd.Ioctl(KvmIoctl.SetMsrs, arg.Address);
    }

    /// <summary>KVM_GET_MSRS for these indices; the values of MSRs the kernel could not read are absent.</summary>
    public Dictionary<uint, ulong> GetMsrs(ReadOnlySpan<uint> indices)
    {
        var result = new Dictionary<uint, ulong>();
        if (indices.IsEmpty) return result;
        using var arg = new FlexibleArrayArgument<KvmMsrs, KvmMsrEntry>(indices.Length);
        arg.Header->Nmsrs = (uint)indices.Length;
        var entries = arg.Entries(indices.Length);
        for (int i = 0; i < indices.Length; i++) entries[i].Index = indices[i];
        int n = fd.Ioctl(KvmIoctl.GetMsrs, arg.Address);
        for (int i = 0; i < n && i < entries.Length; i++) result[entries[i].Index] = entries[i].Data;
        return result;
    }

    /// <summary>Sets each MSR it can; KVM_SET_MSRS stops at the first one it refuses, so the rest are retried after it.</summary>
    public IReadOnlyList<uint> SetMsrsBestEffort(IReadOnlyList<KvmMsrEntry> entries)
    {
        var refused = new List<uint>();
        var rest = entries.ToArray().AsSpan();
        while (!rest.IsEmpty)
        {
            int accepted = SetMsrs(rest);
            if (accepted >= rest.Length) break;
            refused.Add(rest[accepted].Index);
            rest = rest[(accepted + 1)..];
        }
        return refused;
    }

    /// <summary>
    /// Enters the guest once (KVM_RUN) and serves the exit. Port I/O (including string I/O of several items) goes to
    /// <see cref="IIoDispatcher.ReadPort"/>/<see cref="IIoDispatcher.WritePort"/>, MMIO to
    /// <see cref="IIoDispatcher.ReadMemory"/>/<see cref="IIoDispatcher.WriteMemory"/>; both report
    /// <see cref="VcpuExitKind.Handled"/>. Exceptions of the dispatcher propagate.
    /// </summary>
    public VcpuExit RunOnce(IIoDispatcher io)
    {
        int r = fd.TryIoctl(KvmIoctl.Run, 0, out int errno);
        if (r < 0)
        {
            if (errno is Errno.EINTR or Errno.EAGAIN) return new VcpuExit(VcpuExitKind.Interrupted, KvmExit.Intr);
            throw new KvmException("KVM_RUN", errno, $"vCPU {Id}\n{RegisterDump()}");
        }
        nint page = run;
        if (page == 0) throw new ObjectDisposedException(nameof(KvmVcpu));
        return ExitDispatch.Serve((byte*)page, runSize, io, Id, RegisterDump);
    }

    /// <summary>The registers for an error message (or why they could not be read).</summary>
    public string RegisterDump()
    {
        try
        {
            return GetRegs() + "\n" + GetSregs();
        }
        catch (KvmException e)
        {
            return $"(registers unavailable: {e.Message})";
        }
    }

    /// <summary>Records the calling thread as the one running this vCPU, so <see cref="Kick"/> can signal it.</summary>
    public void BindToCurrentThread()
    {
        _ = VcpuKickSignal.Number; // install the handler before the thread can be kicked
        lock (threadGate)
        {
            boundThread = Libc.pthread_self();
            threadBound = true;
        }
    }

    /// <summary>Forgets the running thread; call before that thread ends (a signal to an ended thread is undefined).</summary>
    public void UnbindThread()
    {
        lock (threadGate)
        {
            threadBound = false;
            boundThread = 0;
        }
    }

    /// <summary>
    /// Makes the vCPU leave KVM_RUN soon, from any thread: sets kvm_run.immediate_exit (so a KVM_RUN that has not
    /// started yet returns EINTR at once) and signals the running thread (so one in progress returns EINTR).
    /// The flag stays set until <see cref="ClearKick"/>.
    /// </summary>
    public void Kick()
    {
        if (run == 0) return;
        Volatile.Write(ref RunState.ImmediateExit, 1);
        lock (threadGate)
        {
            if (threadBound && boundThread != Libc.pthread_self()) VcpuKickSignal.Send(boundThread);
        }
    }

    public void ClearKick()
    {
        if (run != 0) Volatile.Write(ref RunState.ImmediateExit, 0);
    }

    public void Dispose()
    {
        UnbindThread();
        nint r = Interlocked.Exchange(ref run, 0);
        if (r != 0) Libc.munmap(r, (nuint)runSize);
        fd.Dispose();
    }
}
