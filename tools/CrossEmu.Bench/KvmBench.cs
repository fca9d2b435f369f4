using System.Buffers.Binary;
using Spectre.Console;

namespace CrossEmu.Bench;

/// <summary>
/// `crossemu bench` for the KVM accelerator: the CPL3 compute loop of testsuites/system/x86
/// (cpl3-loop.bin) under `crossemu system` against the same loop natively, and the cost of one
/// port-I/O exit (portio.bin). Each guest also runs with its count patched to 0, and that time
/// (VM start-up, the 16-bit to long-mode set-up) is subtracted, so the ratio compares the loops.
/// Where KVM is hardware, a Debian Linux boot to the end of its /init against QEMU with KVM.
/// </summary>
public static class KvmBench
{
    const int ParamOffset = 8; // the u64 each guest image takes its count from (testsuites/system/x86/README.md)
    const ulong LoopIterations = 100_000_000, PortWrites = 100_000;

    public static int Run(IAnsiConsole console, string[] systemPrefix, int runs)
    {
        console.WriteLine();
        console.MarkupLine("[bold]KVM accelerator (x86 guests)[/]");
        string? root = BenchEnvironment.FindRepoRoot();
        if (root == null)
        {
            console.MarkupLine("[red]cannot find the repository for testsuites/system/x86[/]");
            return 2;
        }
        var accel = BenchProcess.Run([.. systemPrefix[..^1], "accel", "--no-speed"], TimeSpan.FromMinutes(1));
        var kind = accel.Stdout.Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.StartsWith("kind:", StringComparison.Ordinal)) ?? "";
        if (accel.ExitCode != 0)
        {
            var verdict = accel.Stdout.Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.StartsWith("verdict:", StringComparison.Ordinal));
            console.MarkupLine($"[yellow]skipped: {Markup.Escape(verdict ?? accel.Describe())}[/]");
            return 0;
        }
        console.MarkupLine($"[grey]{Markup.Escape(kind)}[/]");

        var outDir = Path.Combine(root, "testsuites", "out", "system", "x86");
        if (!File.Exists(Path.Combine(outDir, "cpl3-loop.bin")) || !File.Exists(Path.Combine(outDir, "cpl3-loop-native")))
            BenchProcess.Run(["bash", Path.Combine(root, "testsuites", "system", "x86", "build.sh")], TimeSpan.FromMinutes(2));
        var work = Directory.CreateTempSubdirectory("crossemu-kvm-bench").FullName;
        try
        {
            string Guest(string name, ulong count) => Patched(Path.Combine(outDir, name + ".bin"), count, work);
            string[] System(string image) => [.. systemPrefix, "-M", "x86-pc", "-bios", image, "-m", "64M", "-nographic"];
            const int debugExitOk = 33;

            var guestLoop = Median(runs, System(Guest("cpl3-loop", LoopIterations)), debugExitOk) - Median(runs, System(Guest("cpl3-loop", 0)), debugExitOk);
            var native = Path.Combine(outDir, "cpl3-loop-native");
            var nativeLoop = Median(runs, [native, LoopIterations.ToString()], 0) - Median(runs, [native, "0"], 0);
            var portio = Median(runs, System(Guest("portio", PortWrites)), debugExitOk) - Median(runs, System(Guest("portio", 0)), debugExitOk);

            var table = new Table().AddColumns("measure", "CrossEmu + KVM", "native", "ratio");
            table.AddRow($"CPL3 loop ({LoopIterations:N0} iterations)", Seconds(guestLoop), Seconds(nativeLoop),
                guestLoop is { } g && nativeLoop is { } n && n > 0 ? $"{g / n:F3}x (target <= 1.05)" : "n/a");
            table.AddRow($"port I/O exit round trip ({PortWrites:N0} OUTs)",
                portio is { } p ? $"{p / PortWrites * 1e6:F2} us each" : "failed", "", "");
            console.Write(table);
            if (kind.Contains("Hardware", StringComparison.Ordinal)) LinuxBoot(console, root, systemPrefix, runs);
            else console.MarkupLine("[grey]Linux boot against qemu-system-x86_64 -enable-kvm: only on hardware KVM (a PVM host emulates kernel code)[/]");
            return guestLoop is null || nativeLoop is null || portio is null ? 1 : 0;
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    /// <summary>Boot time to the end of /init (the guest reboots) under CrossEmu and under QEMU with KVM.</summary>
    static void LinuxBoot(IAnsiConsole console, string root, string[] systemPrefix, int runs)
    {
        var dir = Path.Combine(root, "testsuites", "out", "system", "linux");
        string kernel = Path.Combine(dir, "vmlinuz"), initrd = Path.Combine(dir, "initramfs.cpio.gz"), disk = Path.Combine(dir, "disk.img");
        if (!File.Exists(kernel) || !File.Exists(initrd) || !File.Exists(disk))
        {
            console.MarkupLine("[yellow]Linux boot: testsuites/system/linux/build.sh has not built its inputs[/]");
            return;
        }
        const string append = "console=ttyS0 reboot=k panic=-1 quiet";
        var ours = Median(runs, [.. systemPrefix, "-M", "x86-pc", "-kernel", kernel, "-initrd", initrd, "-append", append, "-m", "512M", "-smp", "2",
            "-drive", $"file={disk},if=virtio", "-nographic"], 0);
        var qemu = Median(runs, ["qemu-system-x86_64", "-enable-kvm", "-M", "microvm,x-option-roms=off,rtc=on,pit=on,pic=on,isa-serial=on",
            "-m", "512M", "-smp", "2", "-kernel", kernel, "-initrd", initrd, "-append", append,
            "-nographic", "-no-reboot", "-nodefaults", "-serial", "stdio",
            "-global", "virtio-mmio.force-legacy=false", "-drive", $"if=none,id=d0,file={disk},format=raw", "-device", "virtio-blk-device,drive=d0"], 0);
        console.MarkupLine($"Linux boot to the end of /init: CrossEmu {Seconds(ours)}, QEMU -enable-kvm -M microvm {Seconds(qemu)}" +
                           (ours is { } o && qemu is { } q && q > 0 ? $", ratio {o / q:F2}x (target < 1)" : ""));
    }

    static string Patched(string image, ulong count, string directory)
    {
        var bytes = File.ReadAllBytes(image);
        BinaryPrimitives.WriteUInt64LittleEndian(bytes.AsSpan(ParamOffset), count);
        var path = Path.Combine(directory, $"{Path.GetFileNameWithoutExtension(image)}-{count}.bin");
        File.WriteAllBytes(path, bytes);
        return path;
    }

    /// <summary>The median wall time of <paramref name="runs"/> runs (after a warm-up), or null if one failed.</summary>
    static double? Median(int runs, string[] command, int expectedExit)
    {
        var times = new List<double>();
        for (int i = 0; i <= runs; i++)
        {
            var r = BenchProcess.Run(command, TimeSpan.FromMinutes(5));
            if (!r.Started || r.TimedOut || r.ExitCode != expectedExit) return null;
            if (i > 0) times.Add(r.Elapsed.TotalSeconds);
        }
        return BenchCommand.MedianOf(times);
    }

    static string Seconds(double? s) => s is { } v ? $"{v:F3} s" : "failed";
}
