using System.Runtime.InteropServices;

namespace CrossEmu.Isa.Host;

/// <summary>Terminals: the ioctl requests the emulator passes on (asm-generic ioctls.h) and isatty.</summary>
public static unsafe partial class Libc
{
    public const uint TCGETS = 0x5401, TCSETS = 0x5402, TCSETSW = 0x5403, TCSETSF = 0x5404, TIOCGPGRP = 0x540f, TIOCSPGRP = 0x5410,
        TIOCGWINSZ = 0x5413, TIOCSWINSZ = 0x5414, FIONREAD = 0x541b, FIONBIO = 0x5421, FIONCLEX = 0x5450, FIOCLEX = 0x5451;

    [LibraryImport(L, SetLastError = true)] public static partial int isatty(int fd);
}
