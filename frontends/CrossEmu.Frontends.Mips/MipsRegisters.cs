using CrossEmu.Isa.Guests;

namespace CrossEmu.Frontends.Mips;

/// <summary>
/// The MIPS32 registers as debuggers and logs see them, under their ABI names (zero, at, v0...),
/// with gdb's traditional numbering and names: r0-r31 (0-31), sr 32, lo 33, hi 34, bad 35,
/// cause 36, pc 37, f0-f31 (38-69), fcsr 70, fir 71, in the features org.gnu.gdb.mips.cpu, .cp0
/// and .fpu, all 32 bits wide (o32, Status.FR = 0). One table for both byte orders.
/// </summary>
public static unsafe class MipsRegisters
{
    const string Cpu = "org.gnu.gdb.mips.cpu", Cp0 = "org.gnu.gdb.mips.cp0", Fpu = "org.gnu.gdb.mips.fpu";
    /// <summary>Status as user code runs: CU1 (FPU usable), user mode (KSU = 2), FR = 0.</summary>
    const uint UserStatus = 0x2000_0010;
    /// <summary>FIR: single, double, word and long formats, no 64-bit FPRs.</summary>
    const uint FpuImplementation = 0x0033_0000;

    public static readonly RegisterTable Table = new("mips", Build());

    static MipsCpuState* S(byte* s) => (MipsCpuState*)s;

    static List<GuestRegister> Build()
    {
        var list = new List<GuestRegister>();
        var layout = MipsRegs.Layout;
        // $zero reads as 0 and ignores writes, as in the ISA.
        list.Add(GuestRegister.FromSlot(layout, MipsRegs.R(0)) with { Read = _ => 0, Write = null, Gdb = new(0, Cpu, "r0") });
        for (int n = 1; n < 32; n++)
            list.Add(GuestRegister.FromSlot(layout, MipsRegs.R(n)) with { Gdb = new(n, Cpu, $"r{n}") });
        list.Add(GuestRegister.FromSlot(layout, MipsRegs.Lo) with { Gdb = new(33, Cpu) });
        list.Add(GuestRegister.FromSlot(layout, MipsRegs.Hi) with { Gdb = new(34, Cpu) });
        list.Add(GuestRegister.ProgramCounter("pc") with { Gdb = new(37, Cpu, Type: "code_ptr") });
        list.Add(Constant("status", UserStatus, new(32, Cp0)));
        list.Add(new GuestRegister("badvaddr", 32, s => S(s)->Header.FaultAddress, null) { Gdb = new(35, Cp0), Log = CpuLogPlacement.Hidden });
        list.Add(Constant("cause", 0, new(36, Cp0)));
        for (int n = 0; n < 32; n++)
            list.Add(GuestRegister.FromSlot(layout, MipsRegs.F(n)) with { Gdb = new(38 + n, Fpu, Type: "ieee_single", Group: "float") });
        list.Add(GuestRegister.FromSlot(layout, MipsRegs.Fcsr) with { Gdb = new(70, Fpu, Group: "float") });
        list.Add(Constant("fir", FpuImplementation, new(71, Fpu, Group: "float")));
        list.Add(GuestRegister.FromSlot(layout, MipsRegs.UserLocal));
        return list;
    }

    /// <summary>A register user mode cannot change, which reads as a fixed value.</summary>
    static GuestRegister Constant(string name, uint value, GdbNumbering gdb) =>
        new(name, 32, _ => value, null) { Gdb = gdb, Log = CpuLogPlacement.Hidden };
}
