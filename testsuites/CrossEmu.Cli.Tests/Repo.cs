using System.Diagnostics;
using CrossEmu.Isa.Host;

namespace CrossEmu.Cli.Tests;

/// <summary>Finds the repository, the built CLI and host tools, and runs processes with a timeout.</summary>
static class Repo
{
    public static readonly string Root = FindRoot();

    static string FindRoot()
    {
        for (var d = new DirectoryInfo(AppContext.BaseDirectory); d != null; d = d.Parent)
            if (File.Exists(Path.Combine(d.FullName, "CrossEmu.sln"))) return d.FullName;
        throw new InvalidOperationException("cannot find the repository root (CrossEmu.sln) above " + AppContext.BaseDirectory);
    }

    /// <summary>The CLI built beside this test assembly (the project references it).</summary>
    public static string CliDll => Path.Combine(AppContext.BaseDirectory, "crossemu.dll");

    public static string? FindExecutable(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':')
            .Select(d => Path.Combine(d, name)).FirstOrDefault(File.Exists);

    public sealed record Result(int ExitCode, string Stdout, string Stderr, bool TimedOut);

    public static Result Run(string file, IEnumerable<string> args, string workingDirectory, TimeSpan timeout, string? stdin = null,
        IReadOnlyDictionary<string, string>? environment = null)
    {
        _ = OnlyStdioInherited.Value;
        var psi = new ProcessStartInfo(file)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true,
            UseShellExecute = false,
            // One char per byte, so binary output (gzip) compares exactly.
            StandardOutputEncoding = System.Text.Encoding.Latin1,
            StandardErrorEncoding = System.Text.Encoding.Latin1,
        };
        foreach (var a in args) psi.ArgumentList.Add(a);
        foreach (var (name, value) in environment ?? new Dictionary<string, string>()) psi.Environment[name] = value;
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        if (stdin != null) p.StandardInput.Write(stdin);
        p.StandardInput.Close();
        if (!p.WaitForExit(timeout))
        {
            p.Kill(entireProcessTree: true);
            p.WaitForExit();
            return new Result(-1, stdout.Result, stderr.Result, true);
        }
        p.WaitForExit();
        return new Result(p.ExitCode, stdout.Result, stderr.Result, false);
    }

    // The programs run with 0, 1 and 2 only (testsuites/conformance/README.md: fd_first lists /proc/self/fd):
    // descriptors this test process inherited without close-on-exec (a shell or runner may leak some)
    // are marked close-on-exec once, so that no child sees them; the runner's own use of them is unchanged.
    static readonly Lazy<bool> OnlyStdioInherited = new(() =>
    {
        const int F_GETFD = 1, F_SETFD = 2, FD_CLOEXEC = 1;
        foreach (var entry in Directory.GetFiles("/proc/self/fd"))
            if (int.TryParse(Path.GetFileName(entry), out int fd) && fd > 2)
            {
                int flags = Libc.fcntl(fd, F_GETFD, 0);
                if (flags >= 0 && (flags & FD_CLOEXEC) == 0) Libc.fcntl(fd, F_SETFD, flags | FD_CLOEXEC);
            }
        return true;
    });

    /// <summary>crossemu with the given arguments, run as a user would (dotnet crossemu.dll ...).</summary>
    public static Result CrossEmu(IEnumerable<string> args, string workingDirectory, TimeSpan? timeout = null, string? stdin = null,
        IReadOnlyDictionary<string, string>? environment = null) =>
        Run("dotnet", new[] { CliDll }.Concat(args), workingDirectory, timeout ?? TimeSpan.FromSeconds(120), stdin, environment);

    /// <summary>An expected-output file, read byte for char like process output.</summary>
    public static string ReadExpected(string path) => File.ReadAllText(path, System.Text.Encoding.Latin1);

    public static string TempDirectory()
    {
        var d = Path.Combine(Path.GetTempPath(), "crossemu-test-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(d);
        return d;
    }
}
