using System.Diagnostics;
using CrossEmu.Devices.Character;

namespace CrossEmu.Machines.SystemMode.Console;

/// <summary>
/// The machine's serial console on the host's stdin and stdout. When stdin is a terminal it is put
/// in raw mode (so Ctrl-C reaches the guest and keys arrive one by one) and restored on Dispose;
/// Ctrl-A X asks the machine to stop (<see cref="QuitRequested"/>).
/// </summary>
public sealed class StdioCharBackend : ICharBackend, IDisposable
{
    readonly Stream stdout = global::System.Console.OpenStandardOutput();
    readonly object receiveGate = new();
    readonly List<byte> pending = [];
    readonly ConsoleEscape escape = new();
    string? savedTerminal;
    Func<ReadOnlySpan<byte>, int>? receiver;
    Thread? reader;

    /// <summary>Raised (on the reader thread) when the user types Ctrl-A X.</summary>
    public event Action? QuitRequested;

    /// <summary>Raw mode on the terminal (when stdin is one) until Dispose: called once the machine is about to run.</summary>
    public void EnterRawMode()
    {
        if (savedTerminal != null || global::System.Console.IsInputRedirected) return;
        savedTerminal = Stty("-g")?.Trim() is { Length: > 0 } s && Stty("raw -echo") != null ? s : null;
    }

    public void Write(ReadOnlySpan<byte> data)
    {
        lock (stdout)
        {
            stdout.Write(data);
            stdout.Flush();
        }
    }

    public void Attach(Func<ReadOnlySpan<byte>, int> deviceReceiver)
    {
        receiver = deviceReceiver;
        if (reader != null) return;
        reader = new Thread(ReadInput) { IsBackground = true, Name = "console input" };
        reader.Start();
    }

    public void ReceiverReady() => Deliver();

    void ReadInput()
    {
        var stdin = global::System.Console.OpenStandardInput();
        var buffer = new byte[256];
        var toGuest = new List<byte>();
        while (true)
        {
            int n;
            try { n = stdin.Read(buffer); }
            catch (IOException) { return; }
            if (n <= 0) return;
            toGuest.Clear();
            var command = escape.Feed(buffer.AsSpan(0, n), toGuest);
            lock (receiveGate) pending.AddRange(toGuest);
            Deliver();
            if (command == ConsoleCommand.Help) Write(global::System.Text.Encoding.ASCII.GetBytes(ConsoleEscape.HelpText));
            if (command == ConsoleCommand.Quit) { QuitRequested?.Invoke(); return; }
        }
    }

    void Deliver()
    {
        lock (receiveGate)
        {
            if (receiver == null || pending.Count == 0) return;
            var taken = receiver(global::System.Runtime.InteropServices.CollectionsMarshal.AsSpan(pending));
            pending.RemoveRange(0, Math.Clamp(taken, 0, pending.Count));
        }
    }

    public void Dispose()
    {
        if (savedTerminal != null) Stty(savedTerminal);
        savedTerminal = null;
    }

    /// <summary>Runs stty on the controlling terminal; null when that fails (no terminal, no stty).</summary>
    static string? Stty(string arguments)
    {
        try
        {
            var info = new ProcessStartInfo("stty", arguments.Split(' ')) { RedirectStandardOutput = true, UseShellExecute = false };
            info.Environment["LC_ALL"] = "C";
            using var p = Process.Start(info);
            if (p == null) return null;
            var output = p.StandardOutput.ReadToEnd();
            p.WaitForExit();
            return p.ExitCode == 0 ? output : null;
        }
        catch (global::System.ComponentModel.Win32Exception)
        {
            return null;
        }
    }
}
