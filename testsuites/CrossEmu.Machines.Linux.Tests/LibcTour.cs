namespace CrossEmu.Machines.Linux.Tests;

/// <summary>
/// What libc_tour.c prints under Linux, as qemu-user and a real kernel give it: the same on every
/// ISA but for uname's machine and SIGUSR1's number (entries=0: glibc's 32-bit readdir reports
/// EOVERFLOW for the host's 64-bit directory offsets, on a real kernel too).
/// </summary>
static class LibcTour
{
    public static string Expected(string machine, int sigusr1, string exe) => $"""
        argc=1 argv0=set env0=A=1
        tls=6
        size=8 mode=644
        read=line 42
        mmap=line
        entries=0
        gone=1
        big=1
        sorted=1359
        float=3.142
        machine={machine}
        mono=1
        time=1
        segv sig=11 addr=0x10
        recovered
        usr1={sigusr1}
        pipe=pi
        cwd=1
        rlimit=1
        exe=/{Path.GetFileName(exe)}

        """.Replace("\r", "");
}
