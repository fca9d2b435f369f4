namespace CrossEmu.Cli;

/// <summary>
/// `crossemu demo`: runs the embedded demo program (source: testsuites/demo/demo.c: an ASCII
/// Mandelbrot, SHA-256 digests and a prime count) built for ARM and then for MIPS (mipsel), and
/// after each says how much guest code ran and how fast.
/// </summary>
static class DemoCommand
{
    sealed record Demo(string Resource, string Description);

    static readonly Demo[] Demos =
    [
        new("demo-arm.elf", "an ARM (armel, ARMv5TE) program"),
        new("demo-mipsel.elf", "a MIPS (mipsel, MIPS32r2) program"),
    ];

    public static int Execute(string[] args)
    {
        int worst = 0;
        for (int i = 0; i < Demos.Length; i++)
        {
            if (i > 0) Console.WriteLine();
            int status = Run(Demos[i], args);
            worst = Math.Max(worst, status);
        }
        return worst;
    }

    static int Run(Demo demo, string[] args)
    {
        var path = Path.Combine(Path.GetTempPath(), $"crossemu-{Environment.ProcessId}-{demo.Resource}");
        using (var resource = typeof(DemoCommand).Assembly.GetManifestResourceStream(demo.Resource)
            ?? throw new UserError($"the demo program {demo.Resource} is not embedded in this build"))
        using (var file = File.Create(path))
            resource.CopyTo(file);
        try
        {
            Console.Error.WriteLine($"crossemu demo: running {demo.Description} of ours: testsuites/demo/demo.c");
            RunReport? report = null;
            int status = RunCommand.Run(new RunOptions(), path, args, r => report = r);
            Console.WriteLine();
            Console.WriteLine($"guest exit status {status}; {report!.Instructions:N0} {report.Isa} instructions in {report.Wall.TotalSeconds:F2} s: " +
                $"{report.Mips:F0} million guest instructions per second");
            if (report.Stats is { } s)
                Console.WriteLine($"{s.BlocksLifted:N0} guest blocks lifted to IR, {s.RegionsCompiled:N0} hot regions compiled to IL in the background");
            return status;
        }
        finally { File.Delete(path); }
    }
}
