using CrossEmu.Machines.SystemMode.Console;
using CrossEmu.Machines.SystemMode.X86;

namespace CrossEmu.Cli.SystemMode;

/// <summary>`crossemu system`: boots a machine with the serial console on stdio (Ctrl-A X quits).</summary>
static class SystemVerb
{
    public static int Execute(string[] args)
    {
        if (args is ["-h"] or ["--help"] or ["-help"])
        {
            Console.Error.WriteLine("usage: crossemu system [options]\n" + SystemArguments.Usage +
                "\nexit code: the guest's debug-exit status ((v << 1) | 1), 0 for a power-off, reboot or Ctrl-A X, " +
                $"{X86PcMachine.CrashExitCode} for a triple fault or a KVM error, 1 for bad input");
            return 0;
        }
        var options = SystemArguments.Parse(args);
        using var log = options.LogFile != null ? new StreamWriter(options.LogFile) { AutoFlush = true } : null;
        var diagnostics = log ?? Console.Error;
        using var console = new StdioCharBackend();
        try
        {
            using var machine = new X86PcMachine(options, console, diagnostics);
            console.QuitRequested += machine.Stop;
            return machine.Run(started: _ => console.EnterRawMode());
        }
        catch (SystemSetupException e)
        {
            throw new UserError(e.Message);
        }
    }
}
