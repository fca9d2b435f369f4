using System.Buffers.Binary;
using System.Diagnostics;
using System.Text;

// Not "...Tests.System...": a namespace segment named System would hide the System namespace in this project.
namespace CrossEmu.Machines.SystemMode.Tests.X86.Guests;

/// <summary>What one bare-metal x86 guest (testsuites/system/x86/NAME.S) prints on the UART and how it ends.</summary>
/// <param name="Name">the image is testsuites/out/system/x86/NAME.bin</param>
/// <param name="Serial">the whole serial output of a successful run with the image as built (lines end in "\n")</param>
/// <param name="DebugExitValue">the value written to the debug-exit port at 0x501</param>
/// <param name="Cpus">vCPUs the machine needs (smp starts APIC ID 1)</param>
/// <param name="NeedsDisk">a virtio-blk device with an image made by <see cref="X86Guests.CreateDisk"/></param>
public sealed record X86GuestExpectation(string Name, string Serial, int DebugExitValue, int Cpus = 1, bool NeedsDisk = false)
{
    /// <summary>The machine's exit status, QEMU isa-debug-exit style: (value &lt;&lt; 1) | 1.</summary>
    public int ExitStatus => X86Guests.ExitStatus(DebugExitValue);
}

/// <summary>The x86 test guests' expected results, in one place for the QEMU cross-check and for CrossEmu's
/// own x86-pc runs (KVM): <c>X86Guests.Expected["hello"]</c>.  The guests need the x86 reset state (real mode,
/// CS base 0xFFFF0000, IP 0xFFF0), the image mapped at 4 GiB - 64 KiB, RAM from 0 (2 MiB is enough, the tests
/// give 64 MiB), a 16550 at 0x3F8, debug-exit at 0x501; see testsuites/system/x86/README.md for the rest.</summary>
public static class X86Guests
{
    public const int ImageSize = 0x10000;
    /// <summary>Image offset of "XEGUEST1", followed (at <see cref="ParamOffset"/>) by the u64 parameter.</summary>
    public const int MagicOffset = 0;
    public const string Magic = "XEGUEST1";
    /// <summary>Image offset of the u64 the host may patch: cpl3-loop's iterations, portio's OUT count.</summary>
    public const int ParamOffset = 8;

    public const int ExitOk = 0x10, ExitFail = 0x11;
    public const int VirtioNoDevice = 0x12, VirtioFeatures = 0x13, VirtioIo = 0x14, VirtioCompare = 0x15;
    public static int ExitStatus(int debugExitValue) => (debugExitValue << 1) | 1;

    /// <summary>What the test puts at the start of sector 0; the guest prints these 16 bytes.</summary>
    public const string Sector0Text = "CrossEmu-virtio!";
    public const int DiskSize = 0x10000;
    /// <summary>Byte i of what virtio-blk writes to sector 1.</summary>
    public static byte Sector1Pattern(int i) => (byte)((i & 0xFF) ^ 0xA5);

    public const ulong Cpl3LoopDefaultIterations = 100_000_000;
    public const ulong Cpl3LoopDefaultChecksum = 0x0d807d025ac605e5;
    public const ulong PortIoDefaultCount = 100_000;
    public const int PortIoPort = 0x510;

    public static readonly IReadOnlyDictionary<string, X86GuestExpectation> Expected = new[]
    {
        new X86GuestExpectation("hello",
            "hello from long mode\nmode: 64-bit long mode (EFER.LMA=1, CR0.PG=1, CR4.PAE=1)\n", ExitOk),
        new X86GuestExpectation("virtio-blk",
            $"virtio-blk: sector 0: {Sector0Text}\nvirtio-blk ok\n", ExitOk, NeedsDisk: true),
        new X86GuestExpectation("smp",
            "smp: starting cpu 1\ncpu 1 up\nsmp ok: 2 cpus\n", ExitOk, Cpus: 2),
        new X86GuestExpectation("irq",
            "irq: pic and pit programmed\nirq ok: 5 timer interrupts\nirq ok: uart thre interrupt\n", ExitOk),
        new X86GuestExpectation("cpl3-loop", Cpl3LoopSerial(Cpl3LoopDefaultIterations, Cpl3LoopDefaultChecksum), ExitOk),
        new X86GuestExpectation("cpl3-ports",
            "cpl3-ports: entering ring 3\ncpl 3: com1 granted\ncpl 3: port 0x80 denied: #GP(0) at the out\n", ExitOk),
        new X86GuestExpectation("portio", PortIoSerial(PortIoDefaultCount), ExitOk),
    }.ToDictionary(e => e.Name);

    public static string Cpl3LoopSerial(ulong iterations, ulong checksum) =>
        $"cpl3-loop: entering ring 3\ncpl 3, iterations {iterations}\nchecksum {checksum:x16}\n";

    public static string PortIoSerial(ulong count) => $"portio: {count} out to port 0x510\nportio done\n";

    /// <summary>The compute loop of testsuites/system/x86/loop.inc, in C# (100M iterations take ~0.3 s).</summary>
    public static ulong Cpl3LoopChecksum(ulong iterations)
    {
        ulong x = 0x9E3779B97F4A7C15;
        for (ulong n = iterations; n != 0; n--)
        {
            x = x * 0x5851F42D4C957F2D + n;
            x ^= x >> 29;
        }
        return x;
    }

    // ---- files ----

    public static string RepoRoot
    {
        get
        {
            for (var d = new DirectoryInfo(AppContext.BaseDirectory); d != null; d = d.Parent)
                if (File.Exists(Path.Combine(d.FullName, "CrossEmu.sln"))) return d.FullName;
            throw new InvalidOperationException("no CrossEmu.sln above " + AppContext.BaseDirectory);
        }
    }

    public static string SourceDir => Path.Combine(RepoRoot, "testsuites", "system", "x86");
    public static string OutDir => Path.Combine(RepoRoot, "testsuites", "out", "system", "x86");
    public static string ImagePath(string name) => Path.Combine(OutDir, name + ".bin");
    public static string NativeLoopPath => Path.Combine(OutDir, "cpl3-loop-native");

    static readonly Lazy<string?> BuildProblem = new(RunBuildScript);

    /// <summary>Runs build.sh once per test run (it rebuilds only stale outputs); Inconclusive when as or ld is
    /// missing, a failure when the build fails.</summary>
    public static void EnsureBuilt()
    {
        string? problem = BuildProblem.Value;
        if (problem != null && problem.StartsWith("SKIP", StringComparison.Ordinal)) Assert.Inconclusive(problem);
        if (problem != null) Assert.Fail(problem);
    }

    static string? RunBuildScript()
    {
        foreach (var tool in new[] { "as", "ld" })
            if (Which(tool) == null) return $"SKIP: the host '{tool}' is not installed (apt-get install binutils)";
        var (code, output) = RunTool("bash", [Path.Combine(SourceDir, "build.sh")], TimeSpan.FromMinutes(2));
        if (code != 0) return $"testsuites/system/x86/build.sh failed ({code}):\n{output}";
        var missing = Expected.Keys.Select(ImagePath).Append(NativeLoopPath).Where(p => !File.Exists(p)).ToList();
        return missing.Count == 0 ? null : $"build.sh left out {string.Join(", ", missing)}:\n{output}";
    }

    /// <summary>A copy of the image with the u64 at <see cref="ParamOffset"/> replaced.</summary>
    public static string PatchedCopy(string name, ulong param, string directory)
    {
        byte[] image = File.ReadAllBytes(ImagePath(name));
        BinaryPrimitives.WriteUInt64LittleEndian(image.AsSpan(ParamOffset), param);
        string path = Path.Combine(directory, $"{name}-{param}.bin");
        File.WriteAllBytes(path, image);
        return path;
    }

    /// <summary>A raw disk of <see cref="DiskSize"/> bytes: sector 0 starts with <see cref="Sector0Text"/>, the rest is zero.</summary>
    public static string CreateDisk(string path)
    {
        byte[] disk = new byte[DiskSize];
        Encoding.ASCII.GetBytes(Sector0Text).CopyTo(disk, 0);
        File.WriteAllBytes(path, disk);
        return path;
    }

    public static string? Which(string tool) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Select(d => Path.Combine(d, tool)).FirstOrDefault(File.Exists);

    public static (int ExitCode, string Output) RunTool(string tool, IEnumerable<string> arguments, TimeSpan timeout)
    {
        var r = Run(tool, arguments, timeout);
        return (r.ExitCode, r.Stdout + r.Stderr);
    }

    /// <summary>Runs a program with stdin closed; kills it after <paramref name="timeout"/> (TimedOut, exit code -1).</summary>
    public static ProcessResult Run(string program, IEnumerable<string> arguments, TimeSpan timeout)
    {
        var psi = new ProcessStartInfo(program)
        {
            RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true,
        };
        foreach (var a in arguments) psi.ArgumentList.Add(a);
        var clock = Stopwatch.StartNew();
        using var p = Process.Start(psi)!;
        p.StandardInput.Close();
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        bool exited = p.WaitForExit(timeout);
        if (!exited)
        {
            p.Kill(entireProcessTree: true);
            p.WaitForExit();
        }
        else p.WaitForExit(); // drains the redirected streams
        return new ProcessResult(exited ? p.ExitCode : -1, !exited, stdout.Result, stderr.Result, clock.Elapsed);
    }
}

public sealed record ProcessResult(int ExitCode, bool TimedOut, string Stdout, string Stderr, TimeSpan Elapsed);
