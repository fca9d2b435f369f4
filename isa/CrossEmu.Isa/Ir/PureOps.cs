using System.Numerics;

namespace CrossEmu.Isa.Ir;

/// <summary>
/// The reference semantics of every pure op on raw 64-bit words. Constant folding and the
/// interpreter both use it; the IL compiler is checked against it by differential tests.
/// </summary>
public static class PureOps
{
    /// <summary>Evaluates a pure op. For CarryOf32/OverflowOf32, a,b,c are the AddC32's operands.</summary>
    public static ulong Eval(Opcode op, ulong a, ulong b, ulong c)
    {
        uint a32 = (uint)a, b32 = (uint)b;
        int sa = (int)a32, sb = (int)b32;
        switch (op)
        {
            case Opcode.Add32: return a32 + b32;
            case Opcode.Sub32: return a32 - b32;
            case Opcode.Mul32: return a32 * b32;
            case Opcode.And32: return a32 & b32;
            case Opcode.Or32: return a32 | b32;
            case Opcode.Xor32: return a32 ^ b32;
            case Opcode.Not32: return ~a32;
            case Opcode.Neg32: return 0u - a32;
            case Opcode.Shl32: return a32 << (int)(b32 & 31);
            case Opcode.Shr32: return a32 >> (int)(b32 & 31);
            case Opcode.Sar32: return (uint)(sa >> (int)(b32 & 31));
            case Opcode.Ror32: return BitOperations.RotateRight(a32, (int)(b32 & 31));
            case Opcode.Clz32: return (uint)BitOperations.LeadingZeroCount(a32);
            case Opcode.Bswap32: return System.Buffers.Binary.BinaryPrimitives.ReverseEndianness(a32);
            case Opcode.Bswap16: return System.Buffers.Binary.BinaryPrimitives.ReverseEndianness((ushort)a32);
            case Opcode.UDiv32: return b32 == 0 ? 0 : a32 / b32;
            case Opcode.SDiv32: return b32 == 0 ? 0 : (sa == int.MinValue && sb == -1) ? a32 : (uint)(sa / sb);
            case Opcode.URem32: return b32 == 0 ? 0 : a32 % b32;
            case Opcode.SRem32: return b32 == 0 ? 0 : (sb == -1) ? 0 : (uint)(sa % sb);
            case Opcode.AddC32: return (uint)(a32 + b32 + (uint)(c & 1));
            case Opcode.CarryOf32: return ((ulong)a32 + b32 + (c & 1)) >> 32;
            case Opcode.OverflowOf32:
                {
                    uint r = (uint)(a32 + b32 + (uint)(c & 1));
                    return ((a32 ^ r) & (b32 ^ r)) >> 31;
                }
            case Opcode.Add64: return a + b;
            case Opcode.Sub64: return a - b;
            case Opcode.Mul64: return a * b;
            case Opcode.And64: return a & b;
            case Opcode.Or64: return a | b;
            case Opcode.Xor64: return a ^ b;
            case Opcode.Not64: return ~a;
            case Opcode.Neg64: return 0UL - a;
            case Opcode.Shl64: return a << (int)(b & 63);
            case Opcode.Shr64: return a >> (int)(b & 63);
            case Opcode.Sar64: return (ulong)((long)a >> (int)(b & 63));
            case Opcode.UDiv64: return b == 0 ? 0 : a / b;
            case Opcode.SDiv64: return b == 0 ? 0 : ((long)a == long.MinValue && (long)b == -1) ? a : (ulong)((long)a / (long)b);
            case Opcode.URem64: return b == 0 ? 0 : a % b;
            case Opcode.SRem64: return b == 0 || (long)b == -1 ? 0 : (ulong)((long)a % (long)b);
            case Opcode.Clz64: return (ulong)BitOperations.LeadingZeroCount(a);
            case Opcode.Bswap64: return System.Buffers.Binary.BinaryPrimitives.ReverseEndianness(a);
            case Opcode.Eq32: return a32 == b32 ? 1UL : 0;
            case Opcode.Ne32: return a32 != b32 ? 1UL : 0;
            case Opcode.LtS32: return sa < sb ? 1UL : 0;
            case Opcode.LtU32: return a32 < b32 ? 1UL : 0;
            case Opcode.LeS32: return sa <= sb ? 1UL : 0;
            case Opcode.LeU32: return a32 <= b32 ? 1UL : 0;
            case Opcode.Eq64: return a == b ? 1UL : 0;
            case Opcode.Ne64: return a != b ? 1UL : 0;
            case Opcode.LtS64: return (long)a < (long)b ? 1UL : 0;
            case Opcode.LtU64: return a < b ? 1UL : 0;
            case Opcode.LeS64: return (long)a <= (long)b ? 1UL : 0;
            case Opcode.LeU64: return a <= b ? 1UL : 0;
            case Opcode.And1: return a & b & 1;
            case Opcode.Or1: return (a | b) & 1;
            case Opcode.Xor1: return (a ^ b) & 1;
            case Opcode.Not1: return ~a & 1;
            case Opcode.Select1: case Opcode.Select32: case Opcode.Select64: return (a & 1) != 0 ? b : c;
            case Opcode.Bool1To32: return a & 1;
            case Opcode.ZExt8To32: return (byte)a;
            case Opcode.ZExt16To32: return (ushort)a;
            case Opcode.SExt8To32: return (uint)(sbyte)a;
            case Opcode.SExt16To32: return (uint)(short)a;
            case Opcode.ZExt32To64: return a32;
            case Opcode.SExt32To64: return (ulong)(long)sa;
            case Opcode.Lo64To32: return a32;
            case Opcode.Hi64To32: return a >> 32;
            case Opcode.Pair32To64: return a32 | (ulong)b32 << 32;
            default: throw new InvalidOperationException($"{op} is not a pure op");
        }
    }
}
