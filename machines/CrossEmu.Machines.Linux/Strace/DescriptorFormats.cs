using CrossEmu.Machines.Linux.Abi;

namespace CrossEmu.Machines.Linux.Strace;

/// <summary>The descriptor pair of pipe and the single integers a call writes back ([3], [4096]).</summary>
static class DescriptorFormats
{
    public static IEnumerable<ArgumentKind> Kinds =>
    [
        ArgumentKind.Out("out_fds", (call, slot) => call.ReadStruct(call[slot], 8) is { } b
            ? $"[{(int)call.Struct(b).Get(Field.U32(0))}, {(int)call.Struct(b).Get(Field.U32(4))}]" : Quoting.Pointer(call[slot])),
        ArgumentKind.Out("out_int", (call, slot) => call.ReadU32(call[slot], out uint v) ? $"[{(int)v}]" : Quoting.Pointer(call[slot])),
        ArgumentKind.Out("out_i64", (call, slot) => call.ReadStruct(call[slot], 8) is { } b
            ? $"[{(long)call.Struct(b).Get(Field.U64(0))}]" : Quoting.Pointer(call[slot])),
    ];
}
