using CrossEmu.Devices.Bus;
using CrossEmu.Devices.Character;
using CrossEmu.Devices.Logging;
using CrossEmu.Devices.Machine;
using CrossEmu.Devices.Memory;
using CrossEmu.Devices.Time;
using CrossEmu.Devices.Virtio;
using CrossEmu.Frontends.X86.Boot;
using CrossEmu.Kvm;
using CrossEmu.Kvm.Probe;
using CrossEmu.Machines.SystemMode.Definition;
using CrossEmu.Machines.SystemMode.X86.Boot;

namespace CrossEmu.Machines.SystemMode.X86;

/// <summary>A problem with what the user asked for (a missing kernel, too little RAM, no KVM): one line, exit 1.</summary>
public sealed class SystemSetupException(string message) : Exception(message);

/// <summary>
/// An x86 machine from its machine file, on KVM: RAM and devices from the file, -drive images on
/// the virtio-mmio transports, the guest image loaded by its boot protocol (Linux bzImage,
/// multiboot, or raw firmware at the reset vector), one host thread per vCPU, and the exit code
/// of how the guest ended. Everything the user gave is checked before /dev/kvm is opened, so
/// bad input gets its own message on any host.
/// </summary>
public sealed class X86PcMachine : IDisposable, IMachineControl
{
    /// <summary>The exit code when a vCPU triple-faults or KVM reports an error.</summary>
    public const int CrashExitCode = 2;

    /// <summary>How a diagnostics line about the host (not the guest) starts, e.g. the PVM warning of <see cref="Run"/>.</summary>
    public const string HostWarningPrefix = "crossemu: warning: ";

    readonly SystemOptions options;
    readonly TextWriter diagnostics;
    readonly List<IDisposable> owned = [];
    readonly List<VirtioMmioTransport> attachedTransports = [];
    BuiltMachine? machine;
    X86EntryState? entry;
    FirmwareImage? firmware;
    KvmMachineRunner? runner;
    KvmRunOutcome? earlyOutcome;

    public int Cpus { get; }
    public ulong MemorySize { get; }
    public MachineDefinition Definition { get; }
    public BuiltMachine Machine => machine ?? throw new InvalidOperationException("not built");
    /// <summary>The kernel command line after the virtio-mmio devices were added (Linux boots only).</summary>
    public string? KernelCommandLine { get; private set; }

    public X86PcMachine(SystemOptions options, ICharBackend console, TextWriter diagnostics, MachineCatalog? catalog = null)
    {
        this.options = options;
        this.diagnostics = diagnostics;
        Definition = LoadDefinition(options.Machine, catalog ?? MachineCatalog.Default);
        if (Definition.Architecture != "x86_64")
            throw new SystemSetupException($"machine '{Definition.Name}' is for {Definition.Architecture}; system mode runs x86_64 machines (on KVM) so far");
        if (options.Accelerator != "kvm")
            throw new SystemSetupException(
                $"-accel {options.Accelerator}: x86 guests run on KVM only (-accel kvm); CrossEmu has no x86 software emulation yet");
        Cpus = options.Cpus ?? Definition.Cpus.Default;
        if (Cpus > Definition.Cpus.Max) throw new SystemSetupException($"-smp {Cpus}: machine '{Definition.Name}' has at most {Definition.Cpus.Max} CPUs");
        MemorySize = options.MemorySize ?? Definition.Memory.DefaultSize;
        if (MemorySize > Definition.Memory.Capacity)
            throw new SystemSetupException($"-m: {AddressMap.FormatSize(MemorySize)} is more than machine '{Definition.Name}' can hold " +
                $"({AddressMap.FormatSize(Definition.Memory.Capacity)})");
        if (options.Kernel == null && options.Bios == null)
            throw new SystemSetupException("nothing to boot: give -kernel (a Linux bzImage or a multiboot image) or -bios (a raw firmware image)");
        if (options.Kernel != null && options.Bios != null)
            throw new SystemSetupException("give either -kernel or -bios, not both (there is no firmware that could load the kernel)");

        try
        {
            Build(console);
        }
        catch
        {
            // The clock's thread, RAM, drive files and devices built so far: nobody else can release them.
            Dispose();
            throw;
        }
    }

    static MachineDefinition LoadDefinition(string name, MachineCatalog catalog)
    {
        try
        {
            var definition = catalog.Load(name, DeviceCatalog.Default);
            CheckIrqs(definition);
            return definition;
        }
        catch (MachineNotFoundException e) { throw new SystemSetupException(e.Message); }
        catch (MachineFileException e) { throw new SystemSetupException($"broken machine file {e.Message}"); }
    }

    /// <summary>A machine file may number IRQs up to 1023, but here they are inputs of KVM's in-kernel I/O APIC.</summary>
    static void CheckIrqs(MachineDefinition definition)
    {
        foreach (var d in definition.Devices)
            if (d.Irq is { } irq && irq >= KvmVm.IrqchipInputs)
                throw new MachineFileException(d.Location,
                    $"device '{d.Name}': irq {irq} is not an input of the I/O APIC " +
                    $"(x86 machines use KVM's in-kernel irqchip: GSI 0 to {KvmVm.IrqchipInputs - 1})");
    }

    void Build(ICharBackend console)
    {
        var log = new DeviceLog { Categories = DeviceLog.FromNames(options.Log) };
        if (log.Categories != LogCategory.None) log.Sink = line => diagnostics.WriteLine(line);
        var clock = new VirtualClock();
        owned.Add(clock);
        var bus = new SystemBus(log);
        try
        {
            machine = MachineBuilder.Build(Definition, MemorySize, bus, new MachineServices(console, bus, clock, log, this).Resolve);
        }
        catch (MachineFileException e) when (e.InnerException is OutOfMemoryException && options.MemorySize != null)
        {
            // The file is fine: the size came from -m.
            throw new SystemSetupException($"-m: this host cannot allocate {AddressMap.FormatSize(MemorySize)} of guest RAM ({e.InnerException.Message})");
        }
        catch (MachineFileException e)
        {
            throw new SystemSetupException($"broken machine file {e.Message}");
        }
        owned.Add(machine);
        AttachDrives();
        LoadGuest();
    }

    /// <summary>Each -drive goes on the next virtio-mmio transport, in the machine file's order.</summary>
    void AttachDrives()
    {
        var transports = Definition.Devices.Where(d => Machine.Devices.GetValueOrDefault(d.Name) is VirtioMmio)
            .Select(d => (Definition: d, Transport: (VirtioMmio)Machine.Devices[d.Name])).ToList();
        if (options.Drives.Count > transports.Count)
            throw new SystemSetupException(
                $"{options.Drives.Count} drives given, but machine '{Definition.Name}' has {transports.Count} virtio-mmio transports");
        for (int i = 0; i < options.Drives.Count; i++)
        {
            var drive = options.Drives[i];
            if (!File.Exists(drive.File)) throw new SystemSetupException($"-drive file={drive.File}: no such file");
            VirtioBlock block;
            try { block = new VirtioBlock(drive.File, drive.ReadOnly); }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException)
            {
                throw new SystemSetupException($"-drive file={drive.File}: {e.Message}");
            }
            owned.Add(block);
            var (definition, transport) = transports[i];
            transport.Attach(block);
            if (definition.Irq is not { } gsi)
                throw new SystemSetupException($"{definition.Location}: virtio-mmio transport '{definition.Name}' has no irq, so Linux could not use it");
            attachedTransports.Add(new VirtioMmioTransport(definition.Address, definition.Size, gsi));
        }
    }

    void LoadGuest()
    {
        var ram = Machine.Bus.Ram;
        try
        {
            if (options.Bios != null)
            {
                if (options.Initrd != null || options.Append != null) throw new SystemSetupException("-initrd and -append need -kernel");
                firmware = FirmwareImage.Load(options.Bios);
                MapFirmware(firmware);
                entry = firmware.Entry;
                return;
            }
            var image = KernelImage.Detect(options.Kernel!);
            if (image.Linux is { } linux)
            {
                var initrd = options.Initrd != null ? LoadInitrd(options.Initrd) : null;
                KernelCommandLine = VirtioMmioCommandLine.Append(options.Append ?? "console=ttyS0", attachedTransports);
                entry = LinuxLoader.Load(ram, linux, KernelCommandLine, Cpus, initrd).Entry;
            }
            else
            {
                if (options.Initrd != null)
                    throw new SystemSetupException($"-initrd: {options.Kernel} is a multiboot image; multiboot modules are not supported");
                entry = MultibootLoader.Load(ram, image.Multiboot!, options.Append ?? "");
            }
        }
        catch (BootImageException e)
        {
            throw new SystemSetupException(e.Message);
        }
    }

    static Initrd LoadInitrd(string path)
    {
        if (!File.Exists(path)) throw new SystemSetupException($"-initrd {path}: no such file");
        return Initrd.FromFile(path);
    }

    /// <summary>
    /// The firmware's top-of-4-GiB copy is ROM on the bus (and a read-only KVM slot); its alias
    /// below 1 MiB lies inside RAM, so it is copied there (writable, unlike a PC's shadowed ROM,
    /// which no guest of ours relies on).
    /// </summary>
    void MapFirmware(FirmwareImage image)
    {
        CheckFirmwareRoom(image);
        Machine.Bus.AddRom("bios", image.High.Address, image.High.Bytes.ToArray());
        var low = image.LowAlias;
        if (!Machine.Bus.Ram.TryGetSpan(low.Address, low.Bytes.Length, out var lowCopy))
            throw new SystemSetupException($"-bios: {AddressMap.FormatSize(MemorySize)} of RAM does not reach 1 MiB, where the firmware's low copy goes");
        low.Bytes.Span.CopyTo(lowCopy);
    }

    /// <summary>The firmware's place below 4 GiB depends on its size: a device or RAM window of the file may lie there.</summary>
    void CheckFirmwareRoom(FirmwareImage image)
    {
        var high = image.High;
        foreach (var region in Machine.Bus.Regions)
        {
            if (region.Kind == RegionKind.Port || region.End <= high.Address || high.End <= region.Start) continue;
            var where = region.Kind == RegionKind.Ram
                ? Definition.Memory.Windows.FirstOrDefault(w => w.Name == region.Name) is { } window ? $"{window.Location}: RAM window '{window.Name}'" : null
                : Definition.Devices.FirstOrDefault(d => d.Name == region.Name) is { } device ? $"{device.Location}: device '{device.Name}'" : null;
            throw new SystemSetupException($"{where ?? $"bus region '{region.Name}'"} (0x{region.Start:x}-0x{region.Last:x}) is in the way of " +
                $"-bios {image.FileName}, whose {AddressMap.FormatSize(high.Size)} go at 0x{high.Address:x}-0x{high.End - 1:x} (just below 4 GiB)");
        }
    }

    /// <summary>Opens KVM, maps memory, creates the vCPUs and runs until the guest ends (or
    /// <paramref name="timeLimit"/> passes: a crash exit); returns the exit code.</summary>
    public int Run(Action<KvmMachineRunner>? started = null, TimeSpan? timeLimit = null)
    {
        KvmDevice device;
        try { device = KvmDevice.Open(); }
        catch (KvmException e)
        {
            // Say what this host has (a module that did not bind, no module...), not only the errno.
            var (kind, detail) = KvmProbe.DetectKind("/sys/module", File.Exists(KvmDevice.DefaultPath), KvmProbe.ReadCpuFlags("/proc/cpuinfo"));
            throw new SystemSetupException(kind is KvmKind.ModuleLoadedNotBound or KvmKind.None ? $"{e.Message}; on this host: {detail}" : e.Message);
        }
        owned.Add(device);
        WarnIfPvm();

        // A host whose KVM lacks something (an in-kernel irqchip or PIT, a memory slot, the entry state: PVM and
        // old or nested KVMs differ) fails here with the ioctl and errno: a message and the KVM-error exit code.
        try
        {
            if (Cpus > device.MaxVcpus) throw new SystemSetupException($"-smp {Cpus}: this host's KVM allows at most {device.MaxVcpus} vCPUs");
            var vm = device.CreateVm(new KvmVmOptions { VcpuCount = Cpus });
            owned.Add(vm);
            foreach (var block in Machine.Ram) vm.AddRam(block);
            if (firmware != null)
            {
                var rom = new GuestRam(firmware.High.Address, (ulong)firmware.High.Bytes.Length);
                owned.Add(rom);
                firmware.High.Bytes.Span.CopyTo(rom.Span(rom.Base, firmware.High.Bytes.Length));
                vm.AddRom(rom);
            }
            Machine.Interrupts.Target = vm;

            var vcpus = Enumerable.Range(0, Cpus).Select(vm.CreateVcpu).ToList();
            KvmEntryState.Apply(vcpus[0], entry!);
            runner = new KvmMachineRunner(vcpus, Machine.Bus);
            owned.Add(runner);
        }
        catch (KvmException e)
        {
            return SetUpFailed(e);
        }
        lock (owned)
            if (earlyOutcome != null) return ExitCodeOf(earlyOutcome);
        runner.Start();
        started?.Invoke(runner);
        return ExitCodeOf(runner.Wait(timeLimit));
    }

    /// <summary>KVM refused part of the machine's set-up: says which ioctl and why, and returns the KVM-error exit code.</summary>
    internal int SetUpFailed(KvmException e)
    {
        diagnostics.WriteLine($"crossemu: KVM could not set up the machine: {e.Message}");
        return CrashExitCode;
    }

    void WarnIfPvm()
    {
        var (kind, _) = KvmProbe.DetectKind("/sys/module", deviceExists: true, KvmProbe.ReadCpuFlags("/proc/cpuinfo"));
        if (kind == KvmKind.Pvm)
            diagnostics.WriteLine(HostWarningPrefix + "this host's KVM is PVM (nested, kvm_pvm): guest kernel-mode code is emulated at about 1 MIPS, " +
                "so kernels boot very slowly (user-mode code runs at native speed)");
    }

    int ExitCodeOf(KvmRunOutcome outcome)
    {
        switch (outcome.Kind)
        {
            case KvmOutcomeKind.PoweredOff: return outcome.ExitCode;
            case KvmOutcomeKind.ResetRequested:
                diagnostics.WriteLine("crossemu: the guest rebooted; ending (as QEMU's -no-reboot)");
                return 0;
            case KvmOutcomeKind.Stopped: return 0;
            case KvmOutcomeKind.Halted:
                diagnostics.WriteLine("crossemu: every vCPU halted with interrupts off; ending");
                return 0;
            default:
                diagnostics.WriteLine($"crossemu: the guest ended: {outcome}");
                return CrashExitCode;
        }
    }

    /// <summary>Ctrl-A X, or a test: ends the run from any thread.</summary>
    public void Stop()
    {
        lock (owned) earlyOutcome ??= new KvmRunOutcome(KvmOutcomeKind.Stopped);
        runner?.Stop();
    }

    void IMachineControl.Reset()
    {
        lock (owned) earlyOutcome ??= new KvmRunOutcome(KvmOutcomeKind.ResetRequested);
        runner?.RequestReset();
    }

    void IMachineControl.PowerOff(int exitCode)
    {
        lock (owned) earlyOutcome ??= new KvmRunOutcome(KvmOutcomeKind.PoweredOff, exitCode);
        runner?.PowerOff(exitCode);
    }

    public void Dispose()
    {
        // Devices outlive the VM here (RAM and devices were built first, so they are disposed last), and some raise
        // lines from their own threads (the console's input reaches the UART on its reader thread): detach the
        // irqchip first, or such a line would reach KVM_IRQ_LINE on a closed VM and throw on that thread.
        if (machine != null) machine.Interrupts.Target = null;
        for (int i = owned.Count - 1; i >= 0; i--) owned[i].Dispose();
        owned.Clear();
    }
}
