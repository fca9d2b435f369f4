using CrossEmu.Isa.Ir;

namespace CrossEmu.Frontends.Arm.A32;

/// <summary>Branches: B, BL, BX, BXJ, BLX (register and immediate).</summary>
internal sealed partial class A32Lifter
{
    /// <summary>The target of an immediate branch: pc + 8 + 4 * imm24.</summary>
    uint BranchTarget(int imm) => pc + 8 + (uint)(imm << 2);

    // b <label>
    public bool Trans_B(ref A32Arg_branch a)
    {
        b.ExitJump(BranchTarget(a.imm));
        endsBlock = true;
        return true;
    }

    // bl <label>
    public bool Trans_BL(ref A32Arg_branch a)
    {
        SetR(14, Imm32(pc + 4));
        b.ExitJump(BranchTarget(a.imm));
        endsBlock = true;
        return true;
    }

    // bx rm (bx lr is a return)
    public bool Trans_BX(ref A32Arg_BX a)
    {
        SetPc(R(a.rm), a.rm == 14 ? ExitKind.Return : ExitKind.Plain);
        return true;
    }

    // bxj rm: no Jazelle, so it behaves as bx
    public bool Trans_BXJ(ref A32Arg_BXJ a)
    {
        SetPc(R(a.rm), a.rm == 14 ? ExitKind.Return : ExitKind.Plain);
        return true;
    }

    // blx rm
    public bool Trans_BLX_r(ref A32Arg_BLX_r a)
    {
        if (IsPc(a.rm)) return false;
        Value target = R(a.rm);
        SetR(14, Imm32(pc + 4));
        SetPc(target, ExitKind.Call);
        return true;
    }

    // blx <label>: always switches to Thumb state, not supported yet
    public bool Trans_BLX_i(ref A32UncondArg_BLX_i a)
    {
        ThumbUnsupported();
        return true;
    }
}
