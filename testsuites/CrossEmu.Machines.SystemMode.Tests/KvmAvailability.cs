using CrossEmu.Kvm;
using CrossEmu.Kvm.Probe;

namespace CrossEmu.Machines.SystemMode.Tests;

/// <summary>Whether this host can run KVM guests, and if not, the reason a skipped test reports.</summary>
static class KvmAvailability
{
    static readonly Lazy<string?> Problem = new(() =>
    {
        try
        {
            using var device = KvmDevice.Open();
            return null;
        }
        catch (KvmException e)
        {
            var (_, detail) = KvmProbe.DetectKind("/sys/module", File.Exists(KvmDevice.DefaultPath), KvmProbe.ReadCpuFlags("/proc/cpuinfo"));
            return $"no usable KVM here: {e.Message}; {detail}";
        }
    });

    public static void Require()
    {
        if (Problem.Value is { } reason) Assert.Inconclusive(reason);
    }
}
