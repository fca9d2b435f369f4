using CrossEmu.Frontends.Mips;

namespace CrossEmu.Machines.Debugging.Gdb;

/// <summary>
/// MIPS32 for gdb, in its traditional numbering: r0-r31 (0-31), sr 32, lo 33, hi 34, bad 35,
/// cause 36, pc 37, f0-f31 (38-69), fcsr 70, fir 71, in the features org.gnu.gdb.mips.cpu, .cp0
/// and .fpu, all 32 bits wide (o32, Status.FR = 0). Values travel in the target's byte order.
/// </summary>
public static unsafe class MipsGdbRegisters
{
    const string Cpu = "org.gnu.gdb.mips.cpu", Cp0 = "org.gnu.gdb.mips.cp0", Fpu = "org.gnu.gdb.mips.fpu";
    /// <summary>Status as user code runs: CU1 (FPU usable), user mode (KSU = 2), FR = 0.</summary>
    const uint UserStatus = 0x2000_0010;
    /// <summary>FIR: single, double, word and long formats, no 64-bit FPRs.</summary>
    const uint FpuImplementation = 0x0033_0000;

    public static readonly GdbRegisterMap BigEndian = new("mips", bigEndian: true, Build());
    public static readonly GdbRegisterMap LittleEndian = new("mips", bigEndian: false, Build());

    static MipsCpuState* S(byte* s) => (MipsCpuState*)s;

    static List<GdbRegister> Build()
    {
        var list = new List<GdbRegister>();
        for (int i = 0; i < 32; i++)
        {
            int n = i;
            // $zero reads as 0 and ignores writes, as in the ISA.
            list.Add(new(n, Cpu, $"r{n}", null, s => n == 0 ? 0 : S(s)->R[n], n == 0 ? null : (s, v) => S(s)->R[n] = v));
        }
        list.Add(new(33, Cpu, "lo", null, s => S(s)->Lo, (s, v) => S(s)->Lo = v));
        list.Add(new(34, Cpu, "hi", null, s => S(s)->Hi, (s, v) => S(s)->Hi = v));
        list.Add(new(37, Cpu, "pc", "code_ptr", s => S(s)->Header.Pc, (s, v) => S(s)->Header.Pc = v));
        list.Add(new(32, Cp0, "status", null, _ => UserStatus, null));
        list.Add(new(35, Cp0, "badvaddr", null, s => S(s)->Header.FaultAddress, null));
        list.Add(new(36, Cp0, "cause", null, _ => 0, null));
        for (int i = 0; i < 32; i++)
        {
            int n = i;
            list.Add(new(38 + n, Fpu, $"f{n}", "ieee_single", s => S(s)->F[n], (s, v) => S(s)->F[n] = v, "float"));
        }
        list.Add(new(70, Fpu, "fcsr", null, s => S(s)->Fcsr, (s, v) => S(s)->Fcsr = v, "float"));
        list.Add(new(71, Fpu, "fir", null, _ => FpuImplementation, null, "float"));
        return list;
    }
}
