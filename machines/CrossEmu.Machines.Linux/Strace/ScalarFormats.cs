using static CrossEmu.Isa.Host.Libc;

namespace CrossEmu.Machines.Linux.Strace;

/// <summary>Numbers, pointers, descriptors and modes: arguments that need no guest memory.</summary>
static class ScalarFormats
{
    public static IEnumerable<ArgumentKind> Kinds =>
    [
        ArgumentKind.Value("int", (_, v) => ((int)v).ToString()),
        ArgumentKind.Value("uint", (_, v) => v.ToString()),
        ArgumentKind.Value("size", (_, v) => v.ToString()),
        ArgumentKind.Value("hex", (_, v) => Hex(v)),
        ArgumentKind.Value("ptr", (_, v) => Quoting.Pointer(v)),
        ArgumentKind.Value("fd", (_, v) => ((int)v).ToString()) with { Descriptor = DescriptorArgument.Host },
        ArgumentKind.Value("dirfd", (_, v) => (int)v == AT_FDCWD ? "AT_FDCWD" : ((int)v).ToString()) with { Descriptor = DescriptorArgument.HostOrCwd },
        // A descriptor number the handler looks up in the guest's table itself (close, dup2's target).
        ArgumentKind.Value("guest_fd", (_, v) => ((int)v).ToString()),
        ArgumentKind.Value("mode", (_, v) => Mode(v)),
        // The pad word that aligns a 64-bit argument to an even register pair.
        new ArgumentKind("pad", (_, _) => null),
        new ArgumentKind("off64", (call, slot) => call.Int64(slot).ToString(), Slots: 2),
        // _llseek's offset: the high word first, whatever the byte order.
        new ArgumentKind("off_hi_lo", (call, slot) => ((long)((ulong)call[slot] << 32 | call[slot + 1])).ToString(), Slots: 2),
    ];

    /// <summary>Permission bits in octal, as chmod takes them: 0644, 022, 000.</summary>
    public static string Mode(long mode) => ("0" + Convert.ToString(mode, 8)).PadLeft(3, '0');

    /// <summary>A number in hex, zero as plain 0 (offsets, masks).</summary>
    public static string Hex(ulong value) => value == 0 ? "0" : $"0x{value:x}";
}
