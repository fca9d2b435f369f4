using System.Security.Cryptography;
using System.Text;

namespace CrossEmu.Machines.Linux.Tests.Support;

/// <summary>Builds small MIPS programs with Debian's mips(el)-linux-gnu-gcc at test time (cached by source
/// hash), and runs them under qemu-mips(el) for reference output.</summary>
static class MipsToolchain
{
    static readonly string CacheDir = Path.Combine(Path.GetTempPath(), "crossemu-machines-tests", Environment.UserName);
    static readonly object Gate = new();

    public static string Gcc(bool bigEndian) => bigEndian ? "mips-linux-gnu-gcc" : "mipsel-linux-gnu-gcc";
    public static string Qemu(bool bigEndian) => bigEndian ? "qemu-mips" : "qemu-mipsel";
    public static string Sysroot(bool bigEndian) => bigEndian ? "/usr/mips-linux-gnu" : "/usr/mipsel-linux-gnu";

    /// <summary>Compiles C source and returns the executable's path; Inconclusive without the compiler.</summary>
    public static string Compile(string source, bool bigEndian, string flags = "-static -O1")
    {
        string gcc = Gcc(bigEndian);
        if (ArmToolchain.Which(gcc) == null) Assert.Inconclusive($"{gcc} is not installed (apt-get install gcc-{(bigEndian ? "mips" : "mipsel")}-linux-gnu)");
        string hash = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(gcc + flags + "\n" + source)))[..16];
        string exe = Path.Combine(CacheDir, "mips-" + hash);
        lock (Gate)
        {
            if (File.Exists(exe)) return exe;
            Directory.CreateDirectory(CacheDir);
            string src = exe + ".c";
            File.WriteAllText(src, source);
            var (code, output) = ArmToolchain.RunTool(gcc, $"{flags} -o {exe}.tmp {src} -lm");
            if (code != 0) Assert.Fail($"{gcc} failed:\n{output}");
            File.Move(exe + ".tmp", exe, overwrite: true);
            return exe;
        }
    }

    /// <summary>stdout of the program under qemu-user, or null when qemu is not installed.</summary>
    public static string? RunUnderQemu(string exe, bool bigEndian)
    {
        string qemu = Qemu(bigEndian);
        if (ArmToolchain.Which(qemu) == null) return null;
        var psi = new global::System.Diagnostics.ProcessStartInfo(qemu, exe) { RedirectStandardOutput = true, RedirectStandardError = true };
        using var p = global::System.Diagnostics.Process.Start(psi)!;
        string stdout = p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        return stdout;
    }
}
