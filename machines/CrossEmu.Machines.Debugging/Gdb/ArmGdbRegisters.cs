using CrossEmu.Frontends.Arm;

namespace CrossEmu.Machines.Debugging.Gdb;

/// <summary>
/// ARM (A32) for gdb: the org.gnu.gdb.arm.core feature, r0-r12, sp, lr, pc (gdb 0-15) and cpsr
/// (16; numbered right after pc so `g` carries no holes). Little endian, like the armel ABI.
/// </summary>
public static unsafe class ArmGdbRegisters
{
    const string Core = "org.gnu.gdb.arm.core";

    public static readonly GdbRegisterMap Map = new("arm", bigEndian: false, Build());

    static List<GdbRegister> Build()
    {
        var list = new List<GdbRegister>();
        for (int i = 0; i < 15; i++)
        {
            int n = i;
            string name = n switch { 13 => "sp", 14 => "lr", _ => $"r{n}" };
            string? type = n switch { 13 => "data_ptr", _ => null };
            list.Add(new(n, Core, name, type, s => ((ArmCpuState*)s)->R[n], (s, v) => ((ArmCpuState*)s)->R[n] = v));
        }
        // R[15] is unused: the pc is the header's, A32 code always at a word boundary.
        list.Add(new(15, Core, "pc", "code_ptr", s => ((ArmCpuState*)s)->Header.Pc, (s, v) => ((ArmCpuState*)s)->Header.Pc = v & ~3u));
        list.Add(new(16, Core, "cpsr", null, s => ((ArmCpuState*)s)->Cpsr, (s, v) => ((ArmCpuState*)s)->SetCpsrFlags(v)));
        return list;
    }
}
