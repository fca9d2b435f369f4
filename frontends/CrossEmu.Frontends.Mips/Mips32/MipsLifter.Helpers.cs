using CrossEmu.Isa.Ir;
using CrossEmu.Isa.State;

namespace CrossEmu.Frontends.Mips.Mips32;

internal sealed partial class MipsLifter
{
    static Value Imm32(uint v) => IrBuilder.Imm32(v);
    static Value Imm32(int v) => IrBuilder.Imm32(v);
    static Value Imm64(ulong v) => IrBuilder.Imm64(v);
    static Value Imm64(long v) => IrBuilder.Imm64((ulong)v);

    // ------------------------------------------------------------------ registers

    /// <summary>GPR n; $zero reads as 0.</summary>
    Value R(int n) => n == 0 ? Imm32(0) : b.GetReg32(MipsRegs.R(n));

    /// <summary>GPR n = v; writes to $zero are dropped.</summary>
    void SetR(int n, Value v)
    {
        if (n != 0) b.SetReg32(v, MipsRegs.R(n));
    }

    // ------------------------------------------------------------------ memory in the guest's byte order

    /// <summary>Loads size bytes (1, 2, 4) at addr, extended to 32 bits (signed or not).</summary>
    Value Load(int size, bool signed, Value addr)
    {
        switch (size)
        {
            case 1: return signed ? b.Load8S(addr) : b.Load8U(addr);
            case 2:
                if (!bigEndian) return signed ? b.Load16S(addr) : b.Load16U(addr);
                var h = b.Bswap16(b.Load16U(addr));
                return signed ? b.SExt16To32(h) : h;
            default:
                var w = b.Load32(addr);
                return bigEndian ? b.Bswap32(w) : w;
        }
    }

    /// <summary>Stores the low size bytes (1, 2, 4) of v at addr.</summary>
    void Store(int size, Value addr, Value v)
    {
        switch (size)
        {
            case 1: b.Store8(addr, v); break;
            case 2: b.Store16(addr, bigEndian ? b.Bswap16(v) : v); break;
            default: b.Store32(addr, bigEndian ? b.Bswap32(v) : v); break;
        }
    }

    /// <summary>The doubleword at addr as a 64-bit value (the word at the lower address is the high half in big endian).</summary>
    Value Load64(Value addr)
    {
        var d = b.Load64(addr);
        return bigEndian ? b.Bswap64(d) : d;
    }

    void Store64(Value addr, Value v) => b.Store64(addr, bigEndian ? b.Bswap64(v) : v);

    // ------------------------------------------------------------------ exceptions

    /// <summary>Leaves to the runtime with an exception of the current instruction.</summary>
    void Raise(ExitReason reason, Value arg)
    {
        b.ExitTrap(arg, (long)reason, FaultPc);
        endsBlock = true;
    }

    /// <summary>Raises the exception only when cond holds; otherwise execution goes on.</summary>
    void RaiseIf(Value cond, ExitReason reason, Value arg)
    {
        // no label: register values and access groups carry on past the check
        b.ExitTrapIf(arg, cond, (long)reason, FaultPc);
    }
}
