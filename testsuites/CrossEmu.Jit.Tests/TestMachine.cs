using System.Runtime.InteropServices;
using CrossEmu.Isa.Ir;
using CrossEmu.Isa.Memory;
using CrossEmu.Isa.State;

namespace CrossEmu.Jit.Tests;

/// <summary>A small made-up guest for engine tests: 8 32-bit registers, 2 64-bit ones, 4 flags.</summary>
[StructLayout(LayoutKind.Sequential)]
public unsafe struct TestState
{
    public CpuHeader Header;
    public fixed uint R[8];
    public fixed ulong X[2];
    public fixed byte F[4];
}

public sealed unsafe class TestMachine : IDisposable
{
    public static readonly GuestStateLayout Layout = BuildLayout();
    public static int R(int n) => n;
    public static int X(int n) => 8 + n;
    public static int F(int n) => 10 + n;

    public readonly GuestMemory Memory = new();
    public TestState* State;

    public TestMachine()
    {
        State = (TestState*)NativeMemory.AllocZeroed((nuint)sizeof(TestState));
        Memory.Map(0x10000, 0x10000, PagePermissions.ReadWrite);
    }

    public void Dispose()
    {
        NativeMemory.Free(State);
        Memory.Dispose();
    }

    static GuestStateLayout BuildLayout()
    {
        var l = new GuestStateLayout(sizeof(TestState));
        int r = (int)Marshal.OffsetOf<TestState>("R"), x = (int)Marshal.OffsetOf<TestState>("X"), f = (int)Marshal.OffsetOf<TestState>("F");
        for (int i = 0; i < 8; i++) l.Add($"r{i}", IrType.I32, r + 4 * i);
        for (int i = 0; i < 2; i++) l.Add($"x{i}", IrType.I64, x + 8 * i);
        for (int i = 0; i < 4; i++) l.Add($"f{i}", IrType.I1, f + i);
        return l;
    }

    public byte[] Snapshot() => new ReadOnlySpan<byte>(State, sizeof(TestState)).ToArray();
    public void Restore(byte[] s) => s.CopyTo(new Span<byte>(State, sizeof(TestState)));
}
