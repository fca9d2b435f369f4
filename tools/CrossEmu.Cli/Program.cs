namespace CrossEmu.Cli;

static class Program
{
    const string Usage = """
        usage: crossemu <command> [options]

          run [-L sysroot] [-0 argv0] [-E VAR=val] [-U VAR] [-d items] [-D logfile] [-strace] [-g port]
              [--interp] [--stats] [--profile] prog [args...]
                        run a foreign Linux program (architecture from its ELF header);
                        -g waits for gdb on 127.0.0.1:port before the first instruction;
                        --profile prints where the time went (start-up, lifting, interpreter...)
          binfmt install [--arch arm,mips,mipsel] [-L root] [--credentials] [--name-prefix P] [--interpreter-dir DIR]
          binfmt status | uninstall [--arch ...] [--name-prefix P]
                        register CrossEmu with the kernel's binfmt_misc (as root), so that ./prog
                        runs a foreign program directly; status also lists other entries (qemu-user's)
                        that claim the same programs
          demo          run the embedded demo program, for ARM and then for MIPS (mipsel)
          bench [--runs N] [--filter NAME] [--arch arm,mips,mipsel] [--baseline OTHER/crossemu] [--real] [--profile]
                        CrossEmu against qemu-user and native (and another build) on the
                        benchmark programs
          conformance [--isa arm|mips|mipsel[,..]] [--seed N] [--count N] [--junit FILE]
                      [--decoder] [--differential] [--workdir DIR]
                        cross-check the decoders against Capstone and execution against
                        qemu-user (no step flag: every step; exit 1 on failures)
          system [-M machine] [-accel kvm] [-kernel bzImage] [-initrd file] [-append cmdline]
                 [-bios file] [-m 512M] [-smp N] [-drive file=disk.img,if=virtio[,readonly=on]]
                 [-nographic] [-d unimp,guest_errors] [-D logfile]
                        boot a machine (x86-pc on KVM); serial console on stdio, Ctrl-A X quits
          machines [NAME]
                        list the machine files, or show one machine's address map
          accel         what this host's KVM is (hardware, PVM or missing) and measured guest speed
        """;

    static int Main(string[] args)
    {
        if (args.Length == 0 || args[0] is "-h" or "--help" or "help")
        {
            Console.Error.WriteLine(Usage);
            return args.Length == 0 ? 1 : 0;
        }
        var rest = args[1..];
        try
        {
            return args[0] switch
            {
                "run" => RunCommand.Execute(rest),
                "binfmt" => Binfmt.BinfmtVerb.Execute(rest),
                "demo" => DemoCommand.Execute(rest),
                "bench" => BenchVerb.Execute(rest),
                "conformance" => ConformanceVerb.Execute(rest),
                "system" => SystemMode.SystemVerb.Execute(rest),
                "machines" => SystemMode.MachinesVerb.Execute(rest),
                "accel" => SystemMode.AccelVerb.Execute(rest),
                Machines.Linux.Processes.ForkSpawner.ForkChildVerb => ForkChildCommand.Execute(rest),
                _ => UnknownCommand(args[0]),
            };
        }
        catch (UserError e)
        {
            Console.Error.WriteLine($"crossemu: {e.Message}");
            return 1;
        }
    }

    static int UnknownCommand(string name)
    {
        Console.Error.WriteLine($"crossemu: unknown command '{name}'\n{Usage}");
        return 1;
    }
}

/// <summary>A problem with what the user asked for: reported as one line, exit code 1.</summary>
sealed class UserError(string message) : Exception(message);
