namespace CrossEmu.Cli;

/// <summary>
/// `crossemu demo`: runs the embedded ARM demo (source: testsuites/demo/demo.c), an ASCII
/// Mandelbrot, SHA-256 digests and a prime count, then says how much guest code ran and how fast.
/// </summary>
static class DemoCommand
{
    public static int Execute(string[] args)
    {
        var path = Path.Combine(Path.GetTempPath(), $"crossemu-demo-{Environment.ProcessId}.elf");
        using (var resource = typeof(DemoCommand).Assembly.GetManifestResourceStream("demo-arm.elf")
            ?? throw new UserError("the demo program is not embedded in this build"))
        using (var file = File.Create(path))
            resource.CopyTo(file);
        try
        {
            Console.Error.WriteLine("crossemu demo: running an ARM (armel, ARMv5TE) program of ours: testsuites/demo/demo.c");
            RunReport? report = null;
            int status = RunCommand.Run(new RunOptions(), path, args, r => report = r);
            Console.WriteLine();
            Console.WriteLine($"guest exit status {status}; {report!.Instructions:N0} ARM instructions in {report.Wall.TotalSeconds:F2} s: {report.Mips:F0} million guest instructions per second");
            if (report.Stats is { } s)
                Console.WriteLine($"{s.BlocksLifted:N0} guest blocks lifted to IR, {s.RegionsCompiled:N0} hot regions compiled to IL in the background");
            return status;
        }
        finally { File.Delete(path); }
    }
}
