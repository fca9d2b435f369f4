using System.Diagnostics;
using CrossEmu.Isa.Host;

namespace CrossEmu.Cli.Tests;

/// <summary>
/// Real shells as guests: Debian's bash-static (armel) runs a script with pipes, command substitution,
/// `read` from a pipe and a SIGINT trap like qemu-arm runs it; signals sent to CrossEmu from another
/// process run the guest's traps; a fatal signal ends a guest blocked in read.
/// </summary>
[TestClass]
public sealed class GuestProcessTests
{
    static string Bash => Path.Combine(Repo.Root, "testsuites", "out", "bash", "armel", "bin", "bash-static");
    static string Busybox => Path.Combine(Repo.Root, "testsuites", "out", "busybox", "armel", "bin", "busybox");

    const string BashScript = """
        trap 'echo "caught SIGINT"; got=1' INT
        count() { local n=0; while read -r line; do n=$((n+1)); done; echo "$n"; }
        lines=$(printf 'a\nb\nc\n' | count)
        echo "lines=$lines"
        printf '1 2\n3 4\n' | while read -r x y; do echo "sum $((x+y))"; done
        words=( $(echo one two three) )
        echo "words=${#words[@]} last=${words[2]}"
        read -r first rest <<< "alpha beta gamma"
        echo "first=$first rest=$rest"
        kill -INT $$
        echo "after kill got=$got"
        echo "$(echo nested $(echo deep))"
        exit 4
        """;

    [TestMethod]
    public void BashStaticRunsAScriptLikeQemu()
    {
        if (!File.Exists(Bash)) Assert.Inconclusive($"{Bash} is missing: testsuites/fetch-busybox.sh could not fetch bash-static:armel");
        var qemu = GuestTarget.Arm.RequireQemu();
        var dir = Repo.TempDirectory();
        File.WriteAllText(Path.Combine(dir, "script.sh"), BashScript);
        var ours = Repo.CrossEmu(["run", Bash, "script.sh"], dir, TimeSpan.FromMinutes(2));
        var theirs = Repo.Run(qemu, [Bash, "script.sh"], dir, TimeSpan.FromMinutes(2));
        Assert.IsFalse(ours.TimedOut, "CrossEmu did not finish");
        Assert.AreEqual(4, theirs.ExitCode, theirs.Stderr);
        Assert.AreEqual(theirs.ExitCode, ours.ExitCode, ours.Stderr);
        Assert.AreEqual(theirs.Stdout, ours.Stdout);
    }

    static readonly string[] Trapped = ["HUP", "USR1", "USR2", "ALRM", "TERM", "INT", "QUIT", "PROF"];

    [TestMethod]
    public void SignalsFromAnotherProcessRunTheGuestsTraps()
    {
        if (!File.Exists(Busybox)) Assert.Inconclusive($"{Busybox} is missing (testsuites/fetch-busybox.sh)");
        string traps = string.Concat(Trapped.Select(s => $"trap 'n=$((n+1)); echo got {s}' {s}; "));
        string script = $"n=0; {traps}echo ready; while [ $n -lt {Trapped.Length} ]; do sleep 0.05; done; echo all";
        using var p = StartCrossEmu(Busybox, "sh", "-c", script);
        WaitForLine(p, "ready");
        var numbers = Trapped.Select(HostNumber).ToList();
        foreach (int signal in numbers)
        {
            Assert.AreEqual(0, Libc.kill(p.Id, signal));
            Thread.Sleep(150);   // standard signals do not queue: give each time to be taken
        }
        Assert.IsTrue(p.WaitForExit(30_000), "the guest did not see every signal");
        var output = p.StandardOutput.ReadToEnd();
        Assert.AreEqual(0, p.ExitCode, p.StandardError.ReadToEnd());
        // Signals that arrive together are trapped in signal-number order (the shell's), so compare as sets.
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.AreEqual("all", lines[^1]);
        CollectionAssert.AreEquivalent(Trapped.Select(s => $"got {s}").ToArray(), lines[..^1]);
    }

    [TestMethod]
    public void SigtermEndsAGuestBlockedInRead()
    {
        if (!File.Exists(Busybox)) Assert.Inconclusive($"{Busybox} is missing (testsuites/fetch-busybox.sh)");
        using var p = StartCrossEmu(Busybox, "sh", "-c", "echo ready; read x; echo not reached");
        WaitForLine(p, "ready");
        Assert.AreEqual(0, Libc.kill(p.Id, HostSignals.SIGTERM));
        Assert.IsTrue(p.WaitForExit(30_000), "SIGTERM did not end a guest blocked in read");
        Assert.AreEqual(128 + HostSignals.SIGTERM, p.ExitCode);
        Assert.AreEqual("", p.StandardOutput.ReadToEnd());
    }

    static int HostNumber(string name) => name switch
    {
        "HUP" => HostSignals.SIGHUP, "USR1" => HostSignals.SIGUSR1, "USR2" => HostSignals.SIGUSR2, "ALRM" => HostSignals.SIGALRM,
        "TERM" => HostSignals.SIGTERM, "INT" => HostSignals.SIGINT, "QUIT" => HostSignals.SIGQUIT, "PROF" => HostSignals.SIGPROF,
        _ => throw new ArgumentException(name),
    };

    static Process StartCrossEmu(params string[] guest)
    {
        var psi = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true, UseShellExecute = false,
            WorkingDirectory = Repo.TempDirectory(),
        };
        psi.ArgumentList.Add(Repo.CliDll);
        psi.ArgumentList.Add("run");
        foreach (var a in guest) psi.ArgumentList.Add(a);
        return Process.Start(psi)!;
    }

    /// <summary>Reads stdout until the line (the guest has installed its traps); fails after 60 s.</summary>
    static void WaitForLine(Process p, string line)
    {
        var read = p.StandardOutput.ReadLineAsync();
        if (!read.Wait(TimeSpan.FromSeconds(60)) || read.Result != line)
        {
            p.Kill(entireProcessTree: true);
            Assert.Fail($"the guest did not print '{line}' (stderr: {p.StandardError.ReadToEnd()})");
        }
    }
}
