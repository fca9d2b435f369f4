using CrossEmu.Kvm.Probe;

namespace CrossEmu.Cli.SystemMode;

/// <summary>`crossemu accel`: what this host's KVM is and how fast guest code runs on it.</summary>
static class AccelVerb
{
    public static int Execute(string[] args)
    {
        bool measure = !args.Contains("--no-speed");
        if (args.Any(a => a != "--no-speed")) throw new UserError("accel: the only option is --no-speed");
        var report = KvmProbe.Run(new KvmProbeOptions { MeasureSpeed = measure });
        Console.WriteLine("KVM accelerator (x86 guests on this x86-64 host)");
        foreach (var line in report.Lines()) Console.WriteLine("  " + line);
        Console.WriteLine("  verdict: " + Verdict(report));
        // 0: KVM usable; 3: not usable here (so scripts and tests can tell without parsing).
        return report.Usable ? 0 : 3;
    }

    static string Verdict(KvmProbeReport r) => r.Kind switch
    {
        _ when !r.Usable => "x86 guests cannot run on this host: " +
            (r.Kind is KvmKind.ModuleLoadedNotBound or KvmKind.None ? r.KindDetail : r.OpenError ?? r.KindDetail),
        KvmKind.Hardware => "hardware KVM: x86 guests run at native speed in kernel and user mode",
        KvmKind.Pvm => "PVM (nested KVM): guest user-mode (CPL3) code runs natively, kernel-mode (CPL0) code is emulated and slow, so Linux boots stall",
        _ => "KVM works, of an unknown kind",
    };
}
