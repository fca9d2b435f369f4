using CrossEmu.Guests;
using CrossEmu.Isa.Host;
using CrossEmu.Jit;
using CrossEmu.Machines.Linux;
using CrossEmu.Machines.Linux.Processes;
using Microsoft.Win32.SafeHandles;

namespace CrossEmu.Cli;

/// <summary>
/// `crossemu fork-child IMAGE-FD MEMORY-FD` (not for users): the child half of a guest fork. The parent
/// CrossEmu started this process with the guest's copy in two descriptors (ForkSpawner); it runs the
/// guest on, and dies the way the guest dies so that the parent's wait4 sees the same status.
/// </summary>
static class ForkChildCommand
{
    public static int Execute(string[] args)
    {
        if (args.Length != 2 || !int.TryParse(args[0], out int imageFd) || !int.TryParse(args[1], out int memoryFd))
            throw new UserError($"{ForkSpawner.ForkChildVerb}: started by a guest's fork, with two descriptors");
        ForkImage image;
        using (var stream = new FileStream(new SafeFileHandle(imageFd, ownsHandle: true), FileAccess.Read))
            image = ForkImage.Read(stream);
        var options = new UserModeOptions
        {
            Guests = GuestIsas.Registry,
            ProgramPath = image.ExecutablePath,
            Sysroot = image.Sysroot,
            Log = image.Log,
            Strace = image.Strace,
            EmulatorCommand = SelfCommand.Prefix(),
            OwnsHostProcess = true,
            Engine = new EngineOptions { Log = image.Log, LogWriter = Console.Error, InterpretOnly = image.InterpretOnly },
        };
        var runner = new UserModeRunner();
        int status = runner.RunForkChild(options, image, memoryFd);
        if (runner.KilledBy is int signal)
        {
            Console.Out.Flush();
            Console.Error.Flush();
            HostDeath.DieBy(signal);
        }
        return status;
    }
}
