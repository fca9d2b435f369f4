using CrossEmu.Machines.Linux.Abi;
using static CrossEmu.Isa.Host.Libc;

namespace CrossEmu.Machines.Linux.Strace;

/// <summary>ioctl requests named through the ABI's ToHostIoctl, and the terminal structs they pass.</summary>
static class IoctlFormats
{
    /// <summary>ioctl requests of the host (asm-generic); a guest request is named after ToHostIoctl.</summary>
    static readonly ValueTable HostIoctls = new(("TCGETS", 0x5401), ("TCSETS", 0x5402), ("TCSETSW", 0x5403),
        ("TCSETSF", 0x5404), ("TCGETA", 0x5405), ("TCSETA", 0x5406), ("TCSETAW", 0x5407), ("TCSETAF", 0x5408),
        ("TCSBRK", 0x5409), ("TCXONC", 0x540a), ("TCFLSH", 0x540b), ("TIOCEXCL", 0x540c), ("TIOCNXCL", 0x540d),
        ("TIOCSCTTY", 0x540e), ("TIOCGPGRP", 0x540f), ("TIOCSPGRP", 0x5410), ("TIOCOUTQ", 0x5411), ("TIOCSTI", 0x5412),
        ("TIOCGWINSZ", 0x5413), ("TIOCSWINSZ", 0x5414), ("TIOCMGET", 0x5415), ("TIOCMBIS", 0x5416), ("TIOCMBIC", 0x5417),
        ("TIOCMSET", 0x5418), ("FIONREAD", 0x541b), ("TIOCLINUX", 0x541c), ("TIOCCONS", 0x541d), ("FIONBIO", 0x5421),
        ("TIOCNOTTY", 0x5422), ("TIOCSETD", 0x5423), ("TIOCGETD", 0x5424), ("TIOCGSID", 0x5429),
        ("TIOCGPTN", 0x80045430), ("TIOCSPTLCK", 0x40045431), ("FIONCLEX", 0x5450), ("FIOCLEX", 0x5451), ("FIOASYNC", 0x5452));

    public static IEnumerable<ArgumentKind> Kinds =>
    [
        ArgumentKind.Value("ioctl_request", (call, v) => HostIoctls.Find(call.Abi.ToHostIoctl(v)) ?? $"0x{v:x}"),
        new ArgumentKind("ioctl_arg", IoctlArgument, AfterCall: true),
    ];

    static string? IoctlArgument(StraceCall call, int slot)
    {
        uint address = call[slot];
        uint request = call.Abi.ToHostIoctl(call[slot - 1]);
        bool output = request is TCGETS or TIOCGWINSZ or TIOCGPGRP or FIONREAD;
        if (request is FIOCLEX or FIONCLEX) return null;
        if (address == 0 || (output && !call.Succeeded)) return Quoting.Pointer(address);
        switch (request)
        {
            case >= TCGETS and <= TCSETSF:
                if (call.ReadStruct(address, 16) is not { } t) return Quoting.Pointer(address);
                var ts = call.Struct(t);
                return $"{{c_iflag=0x{ts.Get(Field.U32(0)):x}, c_oflag=0x{ts.Get(Field.U32(4)):x}, " +
                    $"c_cflag=0x{ts.Get(Field.U32(8)):x}, c_lflag=0x{ts.Get(Field.U32(12)):x}, ...}}";
            case TIOCGWINSZ or TIOCSWINSZ:
                if (call.ReadStruct(address, 8) is not { } w) return Quoting.Pointer(address);
                var ws = call.Struct(w);
                return $"{{ws_row={ws.Get(Field.U16(0))}, ws_col={ws.Get(Field.U16(2))}, ws_xpixel={ws.Get(Field.U16(4))}, ws_ypixel={ws.Get(Field.U16(6))}}}";
            case TIOCGPGRP or TIOCSPGRP or FIONREAD or FIONBIO:
                return call.ReadU32(address, out uint v) ? $"[{(int)v}]" : Quoting.Pointer(address);
            default:
                return Quoting.Pointer(address);
        }
    }
}
