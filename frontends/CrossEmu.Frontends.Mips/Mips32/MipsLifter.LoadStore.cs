using CrossEmu.Isa.Ir;
using CrossEmu.Isa.State;

namespace CrossEmu.Frontends.Mips.Mips32;

/// <summary>
/// Byte, halfword and word loads and stores, offset(base) addressing, in the guest's byte order.
/// A halfword or word access to a misaligned address raises AlignmentFault with the address
/// (qemu-user delivers SIGBUS) before anything is read or written.
/// </summary>
internal sealed partial class MipsLifter
{
    /// <summary>
    /// Raises AlignmentFault when offset(base) is not a multiple of size; false when it always
    /// raises (the instruction is over). The caller computes the address again afterwards:
    /// values do not live across the check's label.
    /// </summary>
    bool CheckAligned(int rs, int offset, int size)
    {
        if (size == 1) return true;
        Value addr = Address(rs, offset);
        if (addr.IsConstant)
        {
            if ((addr.Constant & (uint)(size - 1)) == 0) return true;
            Raise(ExitReason.AlignmentFault, addr);
            return false;
        }
        RaiseIf(b.Ne32(b.And32(addr, Imm32(size - 1)), Imm32(0)), ExitReason.AlignmentFault, addr);
        return true;
    }

    bool LoadInto(int rt, int rs, int offset, int size, bool signed)
    {
        if (CheckAligned(rs, offset, size)) SetR(rt, Load(size, signed, Address(rs, offset)));
        return true;
    }

    bool StoreFrom(int rt, int rs, int offset, int size)
    {
        if (CheckAligned(rs, offset, size)) Store(size, Address(rs, offset), R(rt));
        return true;
    }

    // lb rt, offset(base)
    public bool Trans_LB(ref Mips32Arg_rri a) => LoadInto(a.rt, a.rs, a.imm, 1, signed: true);
    // lbu rt, offset(base)
    public bool Trans_LBU(ref Mips32Arg_rri a) => LoadInto(a.rt, a.rs, a.imm, 1, signed: false);
    // lh rt, offset(base)
    public bool Trans_LH(ref Mips32Arg_rri a) => LoadInto(a.rt, a.rs, a.imm, 2, signed: true);
    // lhu rt, offset(base)
    public bool Trans_LHU(ref Mips32Arg_rri a) => LoadInto(a.rt, a.rs, a.imm, 2, signed: false);
    // lw rt, offset(base)
    public bool Trans_LW(ref Mips32Arg_rri a) => LoadInto(a.rt, a.rs, a.imm, 4, signed: false);
    // sb rt, offset(base)
    public bool Trans_SB(ref Mips32Arg_rri a) => StoreFrom(a.rt, a.rs, a.imm, 1);
    // sh rt, offset(base)
    public bool Trans_SH(ref Mips32Arg_rri a) => StoreFrom(a.rt, a.rs, a.imm, 2);
    // sw rt, offset(base)
    public bool Trans_SW(ref Mips32Arg_rri a) => StoreFrom(a.rt, a.rs, a.imm, 4);
}
