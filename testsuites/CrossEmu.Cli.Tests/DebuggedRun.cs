using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace CrossEmu.Cli.Tests;

/// <summary>
/// `crossemu run -g PORT prog args` on a free loopback port, started and waited for until it
/// listens (it says so on stderr). Disposing kills it, so a test never leaves one behind.
/// </summary>
sealed class DebuggedRun : IDisposable
{
    Process process = null!;
    TaskCompletionSource listening = null!;
    readonly System.Text.StringBuilder stderr = new();

    public DebuggedRun(string program, params string[] args) : this([], program, args) { }

    /// <param name="runOptions">crossemu run options before the program (-L sysroot).</param>
    public DebuggedRun(string[] runOptions, string program, string[] args)
    {
        // A port free a moment ago can be taken meanwhile (another test's outgoing connection gets
        // it as its ephemeral port): then crossemu says so and exits, and another port is tried.
        for (int attempt = 1; ; attempt++)
        {
            Port = FreePort();
            Start(runOptions, program, args);
            var exited = process.WaitForExitAsync();
            Task.WaitAny([listening.Task, exited], TimeSpan.FromSeconds(60));
            if (listening.Task.IsCompleted) return;
            string said = Stderr;
            Dispose();
            if (attempt < 3 && said.Contains("Address already in use")) continue;
            Assert.Fail("crossemu -g did not start listening: " + said);
        }
    }

    void Start(string[] runOptions, string program, string[] args)
    {
        lock (stderr) stderr.Clear();
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        listening = started;
        var psi = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true, UseShellExecute = false,
        };
        foreach (var a in new[] { Repo.CliDll, "run", "-g", Port.ToString() }.Concat(runOptions).Append(program).Concat(args)) psi.ArgumentList.Add(a);
        process = Process.Start(psi)!;
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data == null) return;
            lock (stderr) stderr.AppendLine(e.Data);
            if (e.Data.Contains("waiting for gdb")) started.TrySetResult();
        };
        process.OutputDataReceived += (_, _) => { };
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();
    }

    public int Port { get; private set; }

    public string Stderr { get { lock (stderr) return stderr.ToString(); } }

    /// <summary>The exit code, or null when it has not ended within the timeout.</summary>
    public int? WaitForExit(TimeSpan timeout) => process.WaitForExit(timeout) ? process.ExitCode : null;

    public void Dispose()
    {
        if (!process.HasExited) process.Kill(entireProcessTree: true);
        process.WaitForExit();
        process.Dispose();
    }

    /// <summary>A port nobody listens on now (the kernel's pick for port 0).</summary>
    static int FreePort()
    {
        var l = new TcpListener(IPAddress.Loopback, 0);
        l.Start();
        int port = ((IPEndPoint)l.LocalEndpoint).Port;
        l.Stop();
        return port;
    }
}
