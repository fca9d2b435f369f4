using CrossEmu.Cli.Binfmt;
using CrossEmu.Guests;
using CrossEmu.Machines.Linux.Abi;
using CrossEmu.Machines.Linux.Elf;

namespace CrossEmu.Cli.Tests;

/// <summary>`crossemu binfmt` without the kernel: the registration lines, what their magic recognises, the launcher, the options.</summary>
[TestClass]
public sealed class BinfmtTests
{
    static BinfmtMagic Magic(string arch) => BinfmtMagic.ForElf(GuestIsas.Registry.Get(arch).Elf);

    static BinfmtEntry Entry(string arch, bool credentials = false) =>
        new($"crossemu-{arch}", Magic(arch), "/opt/crossemu/launcher", BinfmtEntry.FlagsFor(credentials));

    static string Escaped(string hex) => string.Concat(Convert.FromHexString(hex).Select(b => $"\\x{b:x2}"));

    [TestMethod]
    public void TheArmLineIsTheElfHeaderEscapedByteByByte() =>
        Assert.AreEqual(
            @":crossemu-arm:M:0:\x7f\x45\x4c\x46\x01\x01\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x02\x00\x28\x00:" +
            @"\xff\xff\xff\xff\xff\xff\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\xfe\xff\xff\xff:/opt/crossemu/launcher:PF",
            Entry("arm").RegisterLine());

    /// <summary>
    /// ELF32, the ISA's byte order, ET_EXEC or ET_DYN (bit 0 not compared), its e_machine in that byte order;
    /// version, OS ABI and padding not compared (the loader ignores them). As the kernel lists magic and mask.
    /// </summary>
    [TestMethod]
    [DataRow("arm", "7f454c4601010000000000000000000002002800", "ffffffffffff00000000000000000000feffffff")]
    [DataRow("mips", "7f454c4601020000000000000000000000020008", "ffffffffffff00000000000000000000fffeffff")]
    [DataRow("mipsel", "7f454c4601010000000000000000000002000800", "ffffffffffff00000000000000000000feffffff")]
    public void EachArchitectureRegistersItsElfHeader(string arch, string magic, string mask)
    {
        Assert.AreEqual($":crossemu-{arch}:M:0:{Escaped(magic)}:{Escaped(mask)}:/opt/crossemu/launcher:PF", Entry(arch).RegisterLine());
        StringAssert.EndsWith(Entry(arch, credentials: true).RegisterLine(), ":/opt/crossemu/launcher:PCF");
    }

    static Dictionary<string, byte[]> BuiltPrograms()
    {
        var files = GuestTarget.All.ToDictionary(t => t.Name, t => Path.Combine(ConformanceSet.BinaryDir(t), "args"));
        if (files.Values.FirstOrDefault(f => !File.Exists(f)) is { } missing)
            Assert.Inconclusive($"{missing} is not built (testsuites/conformance/build.sh arm mips mipsel)");
        return files.ToDictionary(f => f.Key, f => File.ReadAllBytes(f.Value));
    }

    /// <summary>Each magic recognises the programs the loader gives its ISA, and neither the other ISAs' nor the host's.</summary>
    [TestMethod]
    public void EachMagicRecognisesItsOwnProgramsOnly()
    {
        var programs = BuiltPrograms();
        var host = File.ReadAllBytes("/bin/true");
        foreach (var arch in programs.Keys)
        {
            foreach (var (other, bytes) in programs)
            {
                Assert.AreEqual(other, LinuxGuests.ForElf(GuestIsas.Registry, ElfFile.Parse(bytes, other)).Name, "the loader's choice");
                Assert.AreEqual(other == arch, Magic(arch).Matches(bytes), $"the {arch} magic on the {other} program");
            }
            Assert.IsFalse(Magic(arch).Matches(host), $"the {arch} magic on the host's /bin/true (x86-64)");
        }
    }

    /// <summary>Position-independent programs (ET_DYN) are recognised too; objects, core files and ELF64 are not.</summary>
    [TestMethod]
    public void ExecutablesAndSharedObjectsOnly()
    {
        var header = BuiltPrograms()["arm"][..52];
        byte[] With(int at, int value) { var h = (byte[])header.Clone(); h[at] = (byte)value; return h; }
        Assert.IsTrue(Magic("arm").Matches(With(16, ElfConstants.TypeDyn)));
        Assert.IsFalse(Magic("arm").Matches(With(16, ElfConstants.TypeRel)));
        Assert.IsFalse(Magic("arm").Matches(With(16, ElfConstants.TypeCore)));
        Assert.IsFalse(Magic("arm").Matches(With(4, ElfConstants.ClassElf64)));
        Assert.IsTrue(Magic("arm").Matches(With(7, 3)), "any OS ABI (3: GNU)");
    }

    /// <summary>qemu-user-binfmt's entries as the kernel lists them: qemu-arm claims ARM programs, qemu-aarch64 none of ours.</summary>
    [TestMethod]
    public void EntriesAreReadAsTheKernelListsThemAndCompeteWhereTheirMagicOverlaps()
    {
        var qemuArm = BinfmtMisc.Parse("qemu-arm", "enabled\ninterpreter /usr/libexec/qemu-binfmt/arm-binfmt-P\nflags: POCF\noffset 0\n" +
            "magic 7f454c4601010100000000000000000002002800\nmask ffffffffffffff00fffffffffffffffffeffffff\n");
        Assert.AreEqual(("qemu-arm", true, "/usr/libexec/qemu-binfmt/arm-binfmt-P", "POCF"),
            (qemuArm.Name, qemuArm.Enabled, qemuArm.Interpreter, qemuArm.Flags));
        Assert.IsTrue(qemuArm.Magic!.Overlaps(Magic("arm")));
        Assert.IsFalse(qemuArm.Magic.Overlaps(Magic("mips")));
        Assert.IsFalse(qemuArm.Magic.Overlaps(Magic("mipsel")));

        var aarch64 = BinfmtMisc.Parse("qemu-aarch64", "disabled\ninterpreter /usr/bin/qemu-aarch64\nflags: \noffset 0\n" +
            "magic 7f454c460201010000000000000000000200b700\nmask ffffffffffffff00fffffffffffffffffeffffff\n");
        Assert.IsFalse(aarch64.Enabled);
        Assert.AreEqual("", aarch64.Flags);
        Assert.IsFalse(GuestTarget.All.Any(t => aarch64.Magic!.Overlaps(Magic(t.Name))));

        var byExtension = BinfmtMisc.Parse("wine", "enabled\ninterpreter /usr/bin/wine\nflags: \nextension .exe\n");
        Assert.IsNull(byExtension.Magic, "an extension entry matches by name, not by content");
    }

    [TestMethod]
    public void AnUnmountedDirectorySaysHowToMountIt()
    {
        var empty = Repo.TempDirectory();
        var e = Assert.ThrowsExactly<UserError>(() => new BinfmtMisc(empty).RequireMounted());
        Assert.AreEqual($"binfmt: binfmt_misc is not mounted at {empty} (as root: mount -t binfmt_misc binfmt_misc {empty})", e.Message);
    }

    [TestMethod]
    public void EntriesAreEveryFileButRegisterAndStatus()
    {
        var dir = Repo.TempDirectory();
        File.WriteAllText(Path.Combine(dir, "register"), "");
        File.WriteAllText(Path.Combine(dir, "status"), "enabled\n");
        File.WriteAllText(Path.Combine(dir, "crossemu-arm"), "enabled\ninterpreter /x/crossemu-arm\nflags: PF\noffset 0\n" +
            "magic 7f454c4601010000000000000000000002002800\nmask ffffffffffff00000000000000000000feffffff\n");
        var misc = new BinfmtMisc(dir);
        Assert.IsTrue(misc.IsMounted && misc.Enabled);
        var entry = misc.Entries().Single();
        Assert.AreEqual(("crossemu-arm", "PF", "/x/crossemu-arm"), (entry.Name, entry.Flags, entry.Interpreter));
        CollectionAssert.AreEqual(Magic("arm").Magic, entry.Magic!.Magic);
        CollectionAssert.AreEqual(Magic("arm").Mask, entry.Magic.Mask);
        Assert.IsNull(misc.Find("crossemu-mips"));
    }

    /// <summary>The launcher turns the kernel's `launcher path argv0 args...` into `crossemu run -L root -0 argv0 -- path args...`.</summary>
    [TestMethod]
    public void TheLauncherPassesTheKernelsArgumentsToRun()
    {
        var dir = Repo.TempDirectory();
        var launcher = Path.Combine(dir, "crossemu-arm");
        BinfmtLauncher.Write(launcher, BinfmtLauncher.Script(["/usr/bin/printf", "[%s]"], "/it's a root"));
        var r = Repo.Run(launcher, ["./prog", "argv zero", "a b", "-c"], dir, TimeSpan.FromSeconds(10));
        Assert.AreEqual(0, r.ExitCode, r.Stderr);
        Assert.AreEqual("[run][-L][/it's a root][-0][argv zero][--][./prog][a b][-c]", r.Stdout);

        var plain = Path.Combine(dir, "sub", "crossemu-mips");
        BinfmtLauncher.Write(plain, BinfmtLauncher.Script(["/usr/bin/printf", "[%s]"], null));
        Assert.AreEqual("[run][-0][p][--][/abs/p]", Repo.Run(plain, ["/abs/p", "p"], dir, TimeSpan.FromSeconds(10)).Stdout);
    }

    [TestMethod]
    public void UninstallDeletesOnlyLaunchersItWrote()
    {
        var dir = Repo.TempDirectory();
        var launcher = Path.Combine(dir, "crossemu-arm");
        BinfmtLauncher.Write(launcher, BinfmtLauncher.Script(["/bin/true"], null));
        var other = Path.Combine(dir, "qemu-arm");
        File.WriteAllText(other, "#!/bin/sh\nexec qemu-arm \"$@\"\n");
        BinfmtLauncher.DeleteIfOurs(launcher);
        BinfmtLauncher.DeleteIfOurs(other);
        Assert.IsFalse(File.Exists(launcher));
        Assert.IsTrue(File.Exists(other));
    }

    [TestMethod]
    public void InstallOptions()
    {
        var o = BinfmtArguments.Parse(["install", "--arch", "arm,mipsel", "-L/sys/root", "--credentials", "--name-prefix=t1", "--interpreter-dir", "/d"]);
        Assert.AreEqual("install", o.Action);
        CollectionAssert.AreEqual(new[] { "arm", "mipsel" }, o.Arches);
        Assert.AreEqual(("/sys/root", true, "t1", "/d"), (o.Sysroot, o.Credentials, o.NamePrefix, o.InterpreterDirectory));
        Assert.AreEqual("crossemu", BinfmtArguments.Parse(["status"]).NamePrefix);
    }

    [TestMethod]
    [DataRow(new string[0], "say what to do: install, status, uninstall")]
    [DataRow(new[] { "register" }, "unknown action 'register'")]
    [DataRow(new[] { "install", "status" }, "unexpected 'status'")]
    [DataRow(new[] { "install", "--arch" }, "--arch needs a value")]
    [DataRow(new[] { "install", "--credentials=yes" }, "--credentials takes no value")]
    [DataRow(new[] { "install", "-x" }, "unknown option '-x'")]
    [DataRow(new[] { "status", "-L", "/" }, "-L is an install option, not a status one")]
    public void BadArgumentsSayWhatIsWrong(string[] args, string message)
    {
        var e = Assert.ThrowsExactly<UserError>(() => BinfmtArguments.Parse(args));
        StringAssert.Contains(e.Message, message);
    }

    [TestMethod]
    public void AnUnknownArchitectureIsOneLine()
    {
        var r = Repo.CrossEmu(["binfmt", "status", "--arch", "sparc64"], Repo.TempDirectory());
        Assert.AreEqual(1, r.ExitCode);
        Assert.AreEqual("crossemu: binfmt: unknown architecture 'sparc64' (known: arm, mips, mipsel)\n", r.Stderr);
    }
}
