using static CrossEmu.Isa.Host.Libc;

namespace CrossEmu.Machines.Linux.Tests.Support;

/// <summary>Points host fd 1 at a file while a guest runs (the guest's 0-2 are copies of the host's, made when its process starts), then restores it.
/// Tests using it must not run in parallel with each other: one lock serialises them.</summary>
sealed class StdoutRedirect : IDisposable
{
    static readonly object Gate = new();
    readonly int saved;

    StdoutRedirect(string path)
    {
        Console.Out.Flush();
        saved = fcntl(1, F_DUPFD_CLOEXEC, 3);   // CLOEXEC: a child another test starts must not keep it
        int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0x1a4 /* 0644 */);
        dup2(fd, 1);
        close(fd);
    }

    public static StdoutRedirect To(string path)
    {
        Monitor.Enter(Gate);
        return new StdoutRedirect(path);
    }

    public void Dispose()
    {
        dup2(saved, 1);
        close(saved);
        Monitor.Exit(Gate);
    }
}
