using CrossEmu.Isa.Guests;

namespace CrossEmu.Frontends.Arm;

/// <summary>
/// The A32 registers as debuggers and logs see them, named as the state layout names them:
/// r0-r12, sp, lr, pc and cpsr in gdb's org.gnu.gdb.arm.core numbering (0-16; cpsr right after pc
/// so `g` carries no holes), then what only `-d cpu` shows (the TLS register, the flags).
/// </summary>
public static unsafe class ArmRegisters
{
    const string Core = "org.gnu.gdb.arm.core";

    public static readonly RegisterTable Table = new("arm", Build());

    static List<GuestRegister> Build()
    {
        var list = new List<GuestRegister>();
        var layout = ArmRegs.Layout;
        for (int n = 0; n < 15; n++)
            list.Add(GuestRegister.FromSlot(layout, ArmRegs.R(n)) with { Gdb = new(n, Core, Type: n == 13 ? "data_ptr" : null) });
        // R[15] is unused: the pc is the header's, and A32 code is always at a word boundary.
        list.Add(GuestRegister.ProgramCounter("pc", (s, v) => ((ArmCpuState*)s)->Header.Pc = (uint)v & ~3u) with { Gdb = new(15, Core, Type: "code_ptr") });
        list.Add(new GuestRegister("cpsr", 32, s => ((ArmCpuState*)s)->Cpsr, (s, v) => ((ArmCpuState*)s)->SetCpsrFlags((uint)v)) { Gdb = new(16, Core) });
        list.Add(GuestRegister.FromSlot(layout, ArmRegs.TpidrUro));
        foreach (int flag in new[] { ArmRegs.N, ArmRegs.Z, ArmRegs.C, ArmRegs.V, ArmRegs.Q })
            list.Add(GuestRegister.FromSlot(layout, flag));
        return list;
    }
}
