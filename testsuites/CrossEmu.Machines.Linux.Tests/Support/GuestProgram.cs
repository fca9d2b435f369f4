using CrossEmu.Guests;

namespace CrossEmu.Machines.Linux.Tests.Support;

/// <summary>Runs whole guest programs through UserModeRunner, as `crossemu run` does, and captures what they print.</summary>
static class GuestProgram
{
    /// <summary>Runs exe with args in the environment A=1 B=two; returns its exit code, its stdout and the emulator's log.</summary>
    public static (int Code, string Stdout, string Log) Run(string exe, string[]? args = null, string? sysroot = null)
    {
        var log = new StringWriter();
        string outFile = Path.GetTempFileName();
        int code;
        // The guest writes to host fd 1: point it at a file for the duration of the run.
        using (StdoutRedirect.To(outFile))
            code = new UserModeRunner().Run(new UserModeOptions
            {
                Guests = GuestIsas.Registry,
                ProgramPath = exe, Arguments = args ?? [], Environment = ["A=1", "B=two"], Sysroot = sysroot,
                LogWriter = log, ErrorWriter = log,
            });
        string stdout = File.ReadAllText(outFile);
        File.Delete(outFile);
        return (code, stdout, log.ToString());
    }
}
