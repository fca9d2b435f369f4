using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace CrossEmu.Testing;

/// <summary>
/// Values as the host's C headers define them, for tests that check C# declarations against C: a C program
/// including the headers prints one "name=value" line per expression, gcc compiles it, and the lines come back
/// as a dictionary.
/// </summary>
public static class CHeaderValues
{
    /// <summary>gcc (or cc) on PATH, or null when there is no C compiler.</summary>
    public static string? Compiler { get; } = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':')
        .SelectMany(d => new[] { Path.Combine(d, "gcc"), Path.Combine(d, "cc") }).FirstOrDefault(File.Exists);

    /// <summary>Each expression's value by name. A value with an IfDefined macro the headers do not define is left out.</summary>
    public static Dictionary<string, long> Read(IEnumerable<string> headers, IEnumerable<(string Name, string Expression, string? IfDefined)> values)
    {
        if (Compiler == null) Assert.Inconclusive("no C compiler (gcc) on PATH: cannot read the C headers");
        var source = new StringBuilder("#define _GNU_SOURCE\n#include <stdio.h>\n#include <stddef.h>\n");
        foreach (var header in headers) source.AppendLine($"#include <{header}>");
        source.AppendLine("int main(void) {");
        foreach (var (name, expression, ifDefined) in values)
        {
            if (ifDefined != null) source.AppendLine($"#ifdef {ifDefined}");
            source.AppendLine($"  printf(\"%s=%lld\\n\", \"{name}\", (long long)({expression}));");
            if (ifDefined != null) source.AppendLine("#endif");
        }
        source.AppendLine("  return 0;\n}");

        var dir = Directory.CreateTempSubdirectory("crossemu-c-headers-");
        try
        {
            var c = Path.Combine(dir.FullName, "values.c");
            var exe = Path.Combine(dir.FullName, "values");
            File.WriteAllText(c, source.ToString());
            var (rc, _, errors) = Run(Compiler, $"-O0 -o {exe} {c}");
            Assert.AreEqual(0, rc, $"gcc failed:\n{errors}");
            (rc, var output, errors) = Run(exe, "");
            Assert.AreEqual(0, rc, errors);
            return output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split('=', 2))
                .ToDictionary(p => p[0], p => long.Parse(p[1], CultureInfo.InvariantCulture));
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    static (int Rc, string Output, string Errors) Run(string file, string arguments)
    {
        var psi = new ProcessStartInfo(file, arguments) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        using var p = Process.Start(psi)!;
        var output = p.StandardOutput.ReadToEndAsync();
        var errors = p.StandardError.ReadToEndAsync();
        if (!p.WaitForExit(60_000))
        {
            p.Kill();
            Assert.Fail($"{file} did not finish in 60 s");
        }
        return (p.ExitCode, output.Result, errors.Result);
    }
}
