using System.Diagnostics;
using CrossEmu.Devices.Bus;
using CrossEmu.Devices.Memory;
using CrossEmu.Isa.Host;
using CrossEmu.Kvm.Native;

namespace CrossEmu.Kvm.Probe;

/// <summary>Where the probe looks, and how long it may measure (tests point the paths at fakes).</summary>
public sealed record KvmProbeOptions
{
    public string DevicePath { get; init; } = KvmDevice.DefaultPath;
    public string SysModuleDirectory { get; init; } = "/sys/module";
    public string CpuInfoPath { get; init; } = "/proc/cpuinfo";
    /// <summary>Reads the kernel log's KVM lines; null when unreadable. Default: `dmesg`, 2 s at most.</summary>
    public Func<IReadOnlyList<string>?> ReadKernelLog { get; init; } = KvmProbe.ReadDmesg;
    public bool MeasureSpeed { get; init; } = true;
    /// <summary>Loop iterations (2 instructions each) at CPL0: about 1 s where CPL0 is emulated at 1 MIPS.</summary>
    public long Cpl0Iterations { get; init; } = 500_000;
    public long Cpl3Iterations { get; init; } = 50_000_000;
    /// <summary>The longest one measurement may take before the guest is stopped.</summary>
    public TimeSpan TimeLimit { get; init; } = TimeSpan.FromSeconds(5);
}

/// <summary>
/// `crossemu accel`: whether /dev/kvm is there and usable, what provides it (hardware, PVM, a module that did not
/// bind), and a measured guest speed at CPL0 and CPL3. Never throws for a missing or broken KVM, never hangs.
/// </summary>
public static class KvmProbe
{
    public static KvmProbeReport Run(KvmProbeOptions? options = null)
    {
        options ??= new KvmProbeOptions();
        bool exists = File.Exists(options.DevicePath); // true for a character device too
        var (kind, detail) = DetectKind(options.SysModuleDirectory, exists, ReadCpuFlags(options.CpuInfoPath));
        IReadOnlyList<string> log = [];
        if (kind is KvmKind.ModuleLoadedNotBound or KvmKind.None)
        {
            try { log = options.ReadKernelLog() ?? []; }
            catch (Exception) { log = []; }
        }
        var report = new KvmProbeReport { DevicePath = options.DevicePath, DeviceExists = exists, Kind = kind, KindDetail = detail, KernelLog = log };

        KvmDevice device;
        try
        {
            device = KvmDevice.Open(options.DevicePath);
        }
        catch (KvmException e)
        {
            return report with { Accessible = e.Errno is not (Errno.EACCES or Errno.EPERM or Errno.ENOENT) && exists, OpenError = e.Message };
        }
        using (device)
        {
            report = report with
            {
                DeviceExists = true,
                Accessible = true,
                ApiVersion = device.ApiVersion,
                MaxVcpus = device.MaxVcpus,
                ReadonlyMemory = device.Has(KvmCap.ReadonlyMem),
                ImmediateExit = device.Has(KvmCap.ImmediateExit),
            };
            if (!options.MeasureSpeed) return report;
            try
            {
                var (cpl0, cpl3) = MeasureGuestSpeed(device, options);
                return report with { Cpl0Speed = cpl0, Cpl3Speed = cpl3 };
            }
            catch (Exception e) when (e is KvmException or InvalidOperationException or ArgumentException)
            {
                return report with { SpeedError = e.Message };
            }
        }
    }

    /// <summary>Which module provides (or failed to provide) KVM, from /sys/module and the CPU flags.</summary>
    public static (KvmKind Kind, string Detail) DetectKind(string sysModuleDirectory, bool deviceExists, IReadOnlySet<string>? cpuFlags)
    {
        bool Loaded(string module) => Directory.Exists(Path.Combine(sysModuleDirectory, module));
        bool intel = Loaded("kvm_intel"), amd = Loaded("kvm_amd"), pvm = Loaded("kvm_pvm"), core = Loaded("kvm");
        bool vmx = cpuFlags?.Contains("vmx") == true, svm = cpuFlags?.Contains("svm") == true;
        string flags = cpuFlags == null ? "CPU flags unknown" : vmx ? "the CPU has VMX" : svm ? "the CPU has SVM" : "the CPU shows neither VMX nor SVM";

        if (deviceExists)
        {
            if (intel && (vmx || !pvm)) return (KvmKind.Hardware, $"kvm_intel (Intel VMX); {flags}");
            if (amd && (svm || !pvm)) return (KvmKind.Hardware, $"kvm_amd (AMD SVM); {flags}");
            if (pvm) return (KvmKind.Pvm, $"kvm_pvm (PVM: guest code at CPL3 runs natively, at CPL0 it is emulated); {flags}");
            return (KvmKind.Unknown, $"a KVM device, but none of kvm_intel, kvm_amd, kvm_pvm in {sysModuleDirectory}; {flags}");
        }
        if (pvm) return (KvmKind.ModuleLoadedNotBound,
            "kvm_pvm is loaded but did not bind, so there is no /dev/kvm (it refuses to run inside a kernel that is itself a PVM guest)");
        if (intel || amd) return (KvmKind.ModuleLoadedNotBound,
            $"{(intel ? "kvm_intel" : "kvm_amd")} is loaded but there is no /dev/kvm (virtualisation disabled in firmware or by the hypervisor?); {flags}");
        if (core) return (KvmKind.ModuleLoadedNotBound,
            $"the kvm core module is loaded without a vendor module: load kvm_intel or kvm_amd; {flags}");
        return (KvmKind.None,
            $"no KVM module is loaded; {flags}" + (vmx || svm ? " (load kvm_intel or kvm_amd)" : " (enable nested virtualisation for this VM)"));
    }

    /// <summary>The flags line of /proc/cpuinfo, or null when unreadable.</summary>
    public static IReadOnlySet<string>? ReadCpuFlags(string cpuInfoPath)
    {
        try
        {
            foreach (var line in File.ReadLines(cpuInfoPath))
                if (line.StartsWith("flags", StringComparison.Ordinal) && line.Contains(':'))
                    return line[(line.IndexOf(':') + 1)..].Split(' ', StringSplitOptions.RemoveEmptyEntries).ToHashSet();
            return null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>The last few kernel log lines about KVM through `dmesg` (2 s at most), or null when dmesg is not readable.</summary>
    /// <summary>A kernel-log line from a KVM module (kvm, kvm_intel, kvm_amd, kvm-pvm), not one
    /// that merely mentions kvm-clock or a command line.</summary>
    public static bool IsKvmModuleLine(string line) =>
        global::System.Text.RegularExpressions.Regex.IsMatch(line, @"\]\s*(kvm|kvm_intel|kvm_amd|kvm-pvm|kvm_pvm)\s*:",
            global::System.Text.RegularExpressions.RegexOptions.IgnoreCase);

    public static IReadOnlyList<string>? ReadDmesg()
    {
        try
        {
            var psi = new ProcessStartInfo("dmesg") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            using var p = Process.Start(psi);
            if (p == null) return null;
            var output = p.StandardOutput.ReadToEndAsync();
            if (!p.WaitForExit(2000))
            {
                try { p.Kill(); } catch (InvalidOperationException) { }
                return null;
            }
            if (p.ExitCode != 0 || !output.Wait(1000)) return null;
            return output.Result.Split('\n')
                .Where(IsKvmModuleLine)
                .Select(l => l.Trim())
                .TakeLast(3)
                .ToArray();
        }
        catch (Exception e) when (e is System.ComponentModel.Win32Exception or IOException or InvalidOperationException)
        {
            return null;
        }
    }

    /// <summary>Runs <see cref="SpeedGuest"/> on one vCPU; each phase is stopped (kick) when it exceeds the time limit.</summary>
    public static (KvmSpeed Cpl0, KvmSpeed Cpl3) MeasureGuestSpeed(KvmDevice device, KvmProbeOptions options)
    {
        using var ram = new GuestRam(0, SpeedGuest.RamSize);
        SpeedGuest.Load(ram, SpeedGuest.Assemble(options.Cpl0Iterations, options.Cpl3Iterations));
        using var vm = device.CreateVm(new KvmVmOptions { InKernelIrqchip = false, InKernelPit = false });
        vm.AddRam(ram);
        var vcpu = vm.CreateVcpu(0);
        KvmEntryState.Apply(vcpu, SpeedGuest.EntryState);

        var ports = new TimestampPorts();
        using var runner = new KvmMachineRunner([vcpu], ports);
        runner.Start();
        try
        {
            var cpl0 = Phase(ports, runner, SpeedGuest.PortCpl0Start, SpeedGuest.PortCpl0End, options.Cpl0Iterations, options.TimeLimit);
            var cpl3 = cpl0.InstructionsPerSecond == null
                ? new KvmSpeed(null, 0, TimeSpan.Zero, "not measured (the CPL0 phase did not finish)")
                : Phase(ports, runner, SpeedGuest.PortCpl3Start, SpeedGuest.PortCpl3End, options.Cpl3Iterations, options.TimeLimit);
            return (cpl0, cpl3);
        }
        finally
        {
            runner.Stop();
            if (!runner.Completion.Wait(TimeSpan.FromSeconds(5)))
                throw new InvalidOperationException("the probe's vCPU thread did not leave KVM_RUN after a kick");
        }
    }

    static KvmSpeed Phase(TimestampPorts ports, KvmMachineRunner runner, ushort startPort, ushort endPort, long iterations, TimeSpan limit)
    {
        long instructions = iterations * SpeedGuest.InstructionsPerIteration;
        if (!ports.WaitFor(startPort, limit, runner))
            return new KvmSpeed(null, instructions, limit, Why(runner, $"the guest did not reach the start of the phase within {limit.TotalSeconds:F0} s"));
        if (!ports.WaitFor(endPort, limit, runner))
            return new KvmSpeed(null, instructions, limit,
                Why(runner, $"slower than {instructions / limit.TotalSeconds / 1e6:F2} M instructions/s " +
                    $"({instructions:N0} did not finish in {limit.TotalSeconds:F0} s)"));
        var elapsed = Stopwatch.GetElapsedTime(ports.Timestamp(startPort), ports.Timestamp(endPort));
        return new KvmSpeed(instructions / Math.Max(elapsed.TotalSeconds, 1e-9), instructions, elapsed);
    }

    static string Why(KvmMachineRunner runner, string fallback) =>
        runner.Completion.IsCompleted ? $"the guest stopped: {runner.Completion.Result}" : fallback;

    /// <summary>Records when each port was first written, on the vCPU thread.</summary>
    sealed class TimestampPorts : IIoDispatcher
    {
        readonly long[] stamps = new long[256];
        readonly object gate = new();

        public long Timestamp(ushort port) => Volatile.Read(ref stamps[port & 0xFF]);

        public bool WaitFor(ushort port, TimeSpan limit, KvmMachineRunner runner)
        {
            var deadline = Stopwatch.GetTimestamp() + (long)(limit.TotalSeconds * Stopwatch.Frequency);
            lock (gate)
            {
                while (Timestamp(port) == 0)
                {
                    if (runner.Completion.IsCompleted) return false;
                    long left = deadline - Stopwatch.GetTimestamp();
                    if (left <= 0) return false;
                    Monitor.Wait(gate, TimeSpan.FromMilliseconds(Math.Min(50, left * 1000.0 / Stopwatch.Frequency + 1)));
                }
                return true;
            }
        }

        public void WritePort(ushort port, AccessWidth width, ulong value)
        {
            long now = Stopwatch.GetTimestamp();
            if (port is >= SpeedGuest.PortCpl0Start and <= SpeedGuest.PortCpl3End && Timestamp(port) == 0)
            {
                Volatile.Write(ref stamps[port], now);
                lock (gate) Monitor.PulseAll(gate);
            }
        }

        public ulong ReadPort(ushort port, AccessWidth width) => width.Mask();

        public ulong ReadMemory(ulong address, AccessWidth width) => width.Mask();

        public void WriteMemory(ulong address, AccessWidth width, ulong value) { }
    }
}
