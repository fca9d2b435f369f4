namespace CrossEmu.Frontends.Mips;

/// <summary>Which decode table a MIPS32 word belongs to; the lifter and the conformance tools route by it.</summary>
public static class MipsOpcodeSpace
{
    /// <summary>COP1, COP1X, LWC1/LDC1/SWC1/SDC1 and SPECIAL MOVCI: decoded by Fpu/fpu.decode.</summary>
    public static bool IsFpuWord(uint word)
    {
        uint op = word >> 26;
        return op is 0x11 or 0x13 or 0x31 or 0x35 or 0x39 or 0x3D || (op == 0 && (word & 0x3F) == 0x01);
    }
}
