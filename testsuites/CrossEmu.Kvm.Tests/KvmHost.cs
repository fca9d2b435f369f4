using CrossEmu.Devices.Memory;
using CrossEmu.Frontends.X86.Boot;
using CrossEmu.Kvm.Native;
using CrossEmu.Kvm.Probe;
using Iced.Intel;

namespace CrossEmu.Kvm.Tests;

/// <summary>Opens /dev/kvm for the tests that need it, or reports them inconclusive with the reason.</summary>
internal static class KvmHost
{
    public static KvmDevice OpenOrInconclusive()
    {
        if (!File.Exists(KvmDevice.DefaultPath))
        {
            var (_, detail) = KvmProbe.DetectKind("/sys/module", false, KvmProbe.ReadCpuFlags("/proc/cpuinfo"));
            Assert.Inconclusive($"no /dev/kvm: {detail}");
        }
        try
        {
            return KvmDevice.Open();
        }
        catch (KvmException e)
        {
            Assert.Inconclusive($"/dev/kvm is not usable: {e.Message}");
            throw;
        }
    }

    /// <summary>What provides this host's KVM (hardware, PVM, ...), from /sys/module and the CPU flags.</summary>
    public static KvmKind Kind =>
        KvmProbe.DetectKind("/sys/module", File.Exists(KvmDevice.DefaultPath), KvmProbe.ReadCpuFlags("/proc/cpuinfo")).Kind;

    public static byte[] Assemble(int bitness, ulong address, Action<Assembler> build)
    {
        var a = new Assembler(bitness);
        build(a);
        using var stream = new MemoryStream();
        a.Assemble(new StreamCodeWriter(stream), address);
        return stream.ToArray();
    }

    /// <summary>Real mode at 0000:<paramref name="ip"/> with data segments at 0 and the stack at 0x8000.</summary>
    public static X86EntryState RealMode(ushort ip) => X86EntryState.RealMode(0, ip) with { Rsp = 0x8000 };

    /// <summary>Sets a vCPU to <see cref="RealMode"/> at 0000:<paramref name="ip"/>.</summary>
    public static void EnterRealMode(KvmVcpu vcpu, ushort ip, Action<KvmRegs>? adjust = null)
    {
        KvmEntryState.Apply(vcpu, RealMode(ip));
    }
}

/// <summary>A small VM for one test: RAM at 0, vCPUs, a fake bus; disposed as a whole.</summary>
internal sealed class TestVm : IDisposable
{
    public KvmDevice Device { get; }
    public GuestRam Ram { get; }
    public KvmVm Vm { get; }
    readonly List<GuestRam> extra = [];

    public TestVm(ulong ramSize = 0x10_0000, KvmVmOptions? options = null)
    {
        Device = KvmHost.OpenOrInconclusive();
        Ram = new GuestRam(0, ramSize);
        Vm = Device.CreateVm(options ?? new KvmVmOptions { InKernelIrqchip = false, InKernelPit = false });
        Vm.AddRam(Ram);
    }

    public GuestRam AddRom(ulong address, ulong size, ReadOnlySpan<byte> contents)
    {
        var rom = new GuestRam(address, size);
        contents.CopyTo(rom.Span(address, contents.Length));
        extra.Add(rom);
        Vm.AddRom(rom);
        return rom;
    }

    public void Load(ulong address, byte[] code) => code.CopyTo(Ram.Span(address, code.Length));

    public KvmRunOutcome Run(IReadOnlyList<KvmVcpu> vcpus, FakeIo io, Action<KvmMachineRunner>? whileRunning = null)
    {
        using var runner = new KvmMachineRunner(vcpus, io);
        runner.Start();
        whileRunning?.Invoke(runner);
        return runner.Wait(TimeSpan.FromSeconds(20));
    }

    /// <summary>Runs vCPU 0 from <paramref name="entry"/> until the run ends, asserts that it halted, and returns what it did on the bus.</summary>
    public FakeIo RunUntilHalted(X86EntryState entry, FakeIo? io = null)
    {
        io ??= new FakeIo();
        var vcpu = Vm.CreateVcpu(0);
        KvmEntryState.Apply(vcpu, entry);
        var outcome = Run([vcpu], io);
        Assert.AreEqual(KvmOutcomeKind.Halted, outcome.Kind, outcome.ToString());
        return io;
    }

    public void Dispose()
    {
        Vm.Dispose();
        Device.Dispose();
        Ram.Dispose();
        foreach (var r in extra) r.Dispose();
    }
}
