using System.Numerics;
using System.Runtime.CompilerServices;

namespace CrossEmu.Jit.Compiler;

/// <summary>
/// Ops the IL compiler lowers to a call rather than to an opcode sequence. Small and
/// aggressively inlined, so RyuJIT folds them into the region's code. Public because compiled
/// regions live in a dynamic assembly.
/// </summary>
public static class IlOps
{
    const MethodImplOptions Inline = MethodImplOptions.AggressiveInlining;

    [MethodImpl(Inline)] public static int Carry32(uint a, uint b, int c) => (int)(((ulong)a + b + (uint)c) >> 32);
    [MethodImpl(Inline)] public static int Overflow32(uint a, uint b, int c) { uint r = a + b + (uint)c; return (int)(((a ^ r) & (b ^ r)) >> 31); }
    [MethodImpl(Inline)] public static uint Ror32(uint a, int n) => BitOperations.RotateRight(a, n);
    [MethodImpl(Inline)] public static uint Clz32(uint a) => (uint)BitOperations.LeadingZeroCount(a);
    [MethodImpl(Inline)] public static ulong Clz64(ulong a) => (ulong)BitOperations.LeadingZeroCount(a);
    [MethodImpl(Inline)] public static uint Bswap32(uint a) => System.Buffers.Binary.BinaryPrimitives.ReverseEndianness(a);
    [MethodImpl(Inline)] public static uint Bswap16(uint a) => System.Buffers.Binary.BinaryPrimitives.ReverseEndianness((ushort)a);
    [MethodImpl(Inline)] public static ulong Bswap64(ulong a) => System.Buffers.Binary.BinaryPrimitives.ReverseEndianness(a);
    [MethodImpl(Inline)] public static uint UDiv32(uint a, uint b) => b == 0 ? 0 : a / b;
    [MethodImpl(Inline)] public static int SDiv32(int a, int b) => b == 0 ? 0 : (b == -1 ? -a : a / b);
    [MethodImpl(Inline)] public static uint URem32(uint a, uint b) => b == 0 ? 0 : a % b;
    [MethodImpl(Inline)] public static int SRem32(int a, int b) => b == 0 || b == -1 ? 0 : a % b;
    [MethodImpl(Inline)] public static ulong UDiv64(ulong a, ulong b) => b == 0 ? 0 : a / b;
    [MethodImpl(Inline)] public static long SDiv64(long a, long b) => b == 0 ? 0 : (b == -1 ? -a : a / b);
    [MethodImpl(Inline)] public static ulong URem64(ulong a, ulong b) => b == 0 ? 0 : a % b;
    [MethodImpl(Inline)] public static long SRem64(long a, long b) => b == 0 || b == -1 ? 0 : a % b;
    [MethodImpl(Inline)] public static int Select32(int c, int a, int b) => c != 0 ? a : b;
    [MethodImpl(Inline)] public static long Select64(int c, long a, long b) => c != 0 ? a : b;
}
