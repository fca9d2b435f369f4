using System.Diagnostics;

namespace CrossEmu.Bench;

/// <summary>The outcome of one timed process run.</summary>
internal sealed record RunResult(bool Started, int ExitCode, bool TimedOut, TimeSpan Elapsed, string Stdout, string Stderr)
{
    /// <summary>The program's peak resident set size in KiB, when it ran under the peakrss tool.</summary>
    public long? PeakRssKiB { get; init; }

    public bool Succeeded => Started && !TimedOut && ExitCode == 0;

    public string Describe() =>
        !Started ? "could not start: " + Stderr
        : TimedOut ? $"timed out after {Elapsed.TotalSeconds:F0} s"
        : $"exit code {ExitCode}" + (Stderr.Length > 0 ? ": " + FirstLine(Stderr) : "");

    private static string FirstLine(string s)
    {
        s = s.Trim();
        int nl = s.IndexOf('\n');
        return nl < 0 ? s : s[..nl];
    }
}

/// <summary>Starts a process, captures its output and measures its wall-clock time.</summary>
internal static class BenchProcess
{
    /// <summary>
    /// Runs command under peakrss (testsuites/bench/tools/peakrss.c), which reports the program's
    /// peak RSS from wait4; the wrapper's fork and exec cost every runner alike (under 1 ms).
    /// </summary>
    public static RunResult RunMeasuringMemory(string peakRss, IReadOnlyList<string> command, TimeSpan timeout)
    {
        string report = Path.GetTempFileName();
        try
        {
            var result = Run([peakRss, report, .. command], timeout);
            string text = File.ReadAllText(report).Trim();
            return long.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, out long kib) ? result with { PeakRssKiB = kib } : result;
        }
        finally { File.Delete(report); }
    }

    public static RunResult Run(IReadOnlyList<string> command, TimeSpan timeout, string? workingDirectory = null)
    {
        var psi = new ProcessStartInfo(command[0])
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (workingDirectory is not null)
            psi.WorkingDirectory = workingDirectory;
        for (int i = 1; i < command.Count; i++)
            psi.ArgumentList.Add(command[i]);

        using var p = new Process { StartInfo = psi };
        var sw = Stopwatch.StartNew();
        try
        {
            p.Start();
        }
        catch (Exception e) when (e is System.ComponentModel.Win32Exception or InvalidOperationException)
        {
            return new RunResult(false, -1, false, TimeSpan.Zero, "", e.Message);
        }
        p.StandardInput.Close();
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        bool exited = p.WaitForExit(timeout);
        if (!exited)
        {
            try { p.Kill(entireProcessTree: true); } catch (InvalidOperationException) { }
            p.WaitForExit();
        }
        else
        {
            p.WaitForExit(); // also waits for the end of the redirected streams
        }
        sw.Stop();
        return new RunResult(true, exited ? p.ExitCode : -1, !exited, sw.Elapsed, stdout.Result, stderr.Result);
    }

    /// <summary>Full path of an executable on PATH (or the path itself if it exists), else null.</summary>
    public static string? FindExecutable(string name)
    {
        if (name.Contains('/'))
            return File.Exists(name) ? Path.GetFullPath(name) : null;
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = Path.Combine(dir, name);
            if (File.Exists(candidate))
                return candidate;
        }
        return null;
    }

    /// <summary>A command line a POSIX shell would accept.</summary>
    public static string Quote(IEnumerable<string> words) => string.Join(' ', words.Select(QuoteWord));

    private static string QuoteWord(string w) =>
        w.Length > 0 && w.All(c => char.IsAsciiLetterOrDigit(c) || "-_./=:,+@%".Contains(c))
            ? w
            : "'" + w.Replace("'", "'\\''") + "'";
}
