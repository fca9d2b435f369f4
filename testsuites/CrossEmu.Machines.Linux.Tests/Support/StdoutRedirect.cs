using System.Runtime.InteropServices;

namespace CrossEmu.Machines.Linux.Tests.Support;

/// <summary>Points host fd 1 at a file while a guest runs (guest fds are host fds), then restores it.
/// Tests using it must not run in parallel with each other: one lock serialises them.</summary>
sealed partial class StdoutRedirect : IDisposable
{
    static readonly object Gate = new();
    readonly int saved;

    [LibraryImport("libc", StringMarshalling = StringMarshalling.Utf8)] private static partial int open(string path, int flags, int mode);
    [LibraryImport("libc")] private static partial int dup(int fd);
    [LibraryImport("libc")] private static partial int dup2(int fd, int fd2);
    [LibraryImport("libc")] private static partial int close(int fd);

    StdoutRedirect(string path)
    {
        Console.Out.Flush();
        saved = dup(1);
        int fd = open(path, 0x241 /* O_WRONLY|O_CREAT|O_TRUNC */, 0x1a4);
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
