using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;

namespace CrossEmu.Machines.Linux.Tests.Support;

/// <summary>Builds small ARM programs with Debian's arm-linux-gnueabi-gcc at test time (cached by source hash).</summary>
static class ArmToolchain
{
    public const string Gcc = "arm-linux-gnueabi-gcc";
    static readonly string CacheDir = Path.Combine(Path.GetTempPath(), "crossemu-machines-tests", Environment.UserName);
    static readonly object Gate = new();

    public static bool IsAvailable => Which(Gcc) != null;

    public static string? Which(string tool) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':')
            .Select(d => Path.Combine(d, tool)).FirstOrDefault(File.Exists);

    /// <summary>Compiles C (or, with extension ".S", assembly) source to an executable and returns its path;
    /// Inconclusive without the compiler.</summary>
    public static string Compile(string source, string flags = "-static -O1", string extension = ".c")
    {
        if (!IsAvailable) Assert.Inconclusive($"{Gcc} is not installed (apt-get install gcc-arm-linux-gnueabi)");
        string hash = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(flags + extension + "\n" + source)))[..16];
        string exe = Path.Combine(CacheDir, hash);
        lock (Gate)
        {
            if (File.Exists(exe)) return exe;
            Directory.CreateDirectory(CacheDir);
            string src = exe + extension;
            File.WriteAllText(src, source);
            var (code, output) = RunTool(Gcc, $"{flags} -o {exe}.tmp {src}");
            if (code != 0) Assert.Fail($"{Gcc} failed:\n{output}");
            File.Move(exe + ".tmp", exe, overwrite: true);
            return exe;
        }
    }

    public static (int ExitCode, string Output) RunTool(string tool, string arguments)
    {
        var psi = new ProcessStartInfo(tool, arguments) { RedirectStandardOutput = true, RedirectStandardError = true };
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        p.WaitForExit();
        return (p.ExitCode, stdout.Result + stderr.Result);
    }
}
