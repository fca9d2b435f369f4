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
    /// The address, after a check that raises AlignmentFault when it is not a multiple of size.
    /// The check is an ExitTrapIf, so the address value goes on being used after it.
    /// </summary>
    Value Aligned(Value addr, int size)
    {
        bool knownAligned = size == 1 || (addr.IsConstant && (addr.Constant & (uint)(size - 1)) == 0);
        if (!knownAligned) RaiseIf(b.Ne32(b.And32(addr, Imm32(size - 1)), Imm32(0)), ExitReason.AlignmentFault, addr);
        return addr;
    }

    bool LoadInto(int rt, int rs, int offset, int size, bool signed)
    {
        SetR(rt, Load(size, signed, Aligned(Address(rs, offset), size)));
        return true;
    }

    bool StoreFrom(int rt, int rs, int offset, int size)
    {
        Store(size, Aligned(Address(rs, offset), size), R(rt));
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
