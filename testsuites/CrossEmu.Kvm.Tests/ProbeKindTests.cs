using CrossEmu.Kvm.Probe;

namespace CrossEmu.Kvm.Tests;

[TestClass]
public sealed class ProbeKindTests
{
    static DirectoryInfo FakeSysModule(params string[] modules)
    {
        var dir = Directory.CreateTempSubdirectory("crossemu-sysmodule-");
        foreach (var m in modules) dir.CreateSubdirectory(m);
        return dir;
    }

    static (KvmKind, string) Detect(bool deviceExists, string[] modules, params string[] flags)
    {
        var dir = FakeSysModule(modules);
        try
        {
            return KvmProbe.DetectKind(dir.FullName, deviceExists, flags.Length == 0 ? null : flags.ToHashSet());
        }
        finally
        {
            dir.Delete(true);
        }
    }

    [TestMethod]
    public void PvmModuleWithoutDeviceIsLoadedButNotBound()
    {
        var (kind, detail) = Detect(false, ["kvm", "kvm_pvm"], "fpu", "sse2");
        Assert.AreEqual(KvmKind.ModuleLoadedNotBound, kind);
        Assert.Contains("kvm_pvm is loaded but did not bind", detail);
    }

    [TestMethod]
    public void PvmModuleWithDeviceIsPvm()
    {
        var (kind, detail) = Detect(true, ["kvm", "kvm_pvm"], "fpu");
        Assert.AreEqual(KvmKind.Pvm, kind);
        Assert.Contains("CPL3", detail);
    }

    [TestMethod]
    [DataRow("kvm_intel", "vmx", "Intel VMX")]
    [DataRow("kvm_amd", "svm", "AMD SVM")]
    public void VendorModuleWithDeviceIsHardware(string module, string flag, string words)
    {
        var (kind, detail) = Detect(true, ["kvm", module], "fpu", flag);
        Assert.AreEqual(KvmKind.Hardware, kind);
        Assert.Contains(words, detail);
    }

    [TestMethod]
    public void VendorAndPvmModulesWithoutTheCpuFeatureIsPvm()
    {
        Assert.AreEqual(KvmKind.Pvm, Detect(true, ["kvm", "kvm_intel", "kvm_pvm"], "fpu").Item1);
        Assert.AreEqual(KvmKind.Hardware, Detect(true, ["kvm", "kvm_intel", "kvm_pvm"], "vmx").Item1);
    }

    [TestMethod]
    public void NoModuleIsNoneAndVendorModuleWithoutDeviceIsNotBound()
    {
        var (kind, detail) = Detect(false, [], "vmx");
        Assert.AreEqual(KvmKind.None, kind);
        Assert.Contains("load kvm_intel or kvm_amd", detail);
        Assert.AreEqual(KvmKind.None, Detect(false, []).Item1);
        Assert.AreEqual(KvmKind.ModuleLoadedNotBound, Detect(false, ["kvm", "kvm_intel"], "vmx").Item1);
        Assert.AreEqual(KvmKind.ModuleLoadedNotBound, Detect(false, ["kvm"]).Item1);
        Assert.AreEqual(KvmKind.Unknown, Detect(true, ["kvm"]).Item1);
    }

    [TestMethod]
    public void TheProbeOnAHostWithoutTheDeviceReportsWhyWithTheKernelLog()
    {
        var dir = FakeSysModule("kvm", "kvm_pvm");
        try
        {
            var cpuinfo = Path.Combine(dir.FullName, "cpuinfo");
            File.WriteAllText(cpuinfo, "processor\t: 0\nflags\t\t: fpu sse2 hypervisor\n");
            var report = KvmProbe.Run(new KvmProbeOptions
            {
                DevicePath = Path.Combine(dir.FullName, "no-kvm"),
                SysModuleDirectory = dir.FullName,
                CpuInfoPath = cpuinfo,
                ReadKernelLog = () => ["kvm-pvm: this kernel is itself a kvm-pvm guest; not binding"],
            });
            Assert.IsFalse(report.DeviceExists);
            Assert.IsFalse(report.Accessible);
            Assert.IsFalse(report.Usable);
            Assert.AreEqual(KvmKind.ModuleLoadedNotBound, report.Kind);
            Assert.Contains("does not exist: this kernel has no KVM", report.OpenError!);
            Assert.IsNull(report.ApiVersion);
            Assert.IsNull(report.Cpl0Speed);
            var lines = report.Lines().ToList();
            Assert.Contains("dmesg: kvm-pvm: this kernel is itself a kvm-pvm guest; not binding", lines);
            Assert.StartsWith("device: ", lines[0]);
            Assert.EndsWith(": missing", lines[0]);
            Assert.IsTrue(lines.Any(l => l.StartsWith("kind: ModuleLoadedNotBound: kvm_pvm is loaded but did not bind", StringComparison.Ordinal)),
                string.Join("\n", lines));
        }
        finally
        {
            dir.Delete(true);
        }
    }

    [TestMethod]
    public void CpuFlagsAreReadFromTheFlagsLine()
    {
        var file = Path.GetTempFileName();
        try
        {
            File.WriteAllText(file, "processor\t: 0\nvendor_id\t: GenuineIntel\nflags\t\t: fpu vme vmx sse2\nbugs\t: spectre\n");
            var flags = KvmProbe.ReadCpuFlags(file);
            Assert.IsNotNull(flags);
            Assert.Contains("vmx", flags);
            Assert.DoesNotContain("spectre", flags);
            Assert.IsNull(KvmProbe.ReadCpuFlags(file + ".missing"));
        }
        finally
        {
            File.Delete(file);
        }
    }

    [TestMethod]
    [DataRow("[    0.333834] kvm-pvm: this kernel is itself a kvm-pvm guest; not binding", true)]
    [DataRow("[    1.000000] kvm_intel: VMX not supported by CPU 0", true)]
    [DataRow("[    1.000000] kvm: disabled by bios", true)]
    [DataRow("[    0.299257] clocksource: Switched to clocksource kvm-clock", false)]
    [DataRow("[    0.081762] Kernel command line: console=ttyS0 clocksource=kvm-clock", false)]
    public void KernelLogKeepsOnlyKvmModuleLines(string line, bool kept) =>
        Assert.AreEqual(kept, KvmProbe.IsKvmModuleLine(line));
}
