using System.Runtime.InteropServices;
using CrossEmu.Isa.Ir;
using CrossEmu.Isa.State;

namespace CrossEmu.Frontends.Arm;

/// <summary>
/// The ARM (A32) CPU state as generated code sees it. The pc lives in Header.Pc; R[15] is
/// unused (reads of pc in A32 are constants of the lifted instruction). Flags are one byte each.
/// </summary>
[StructLayout(LayoutKind.Sequential)]
public unsafe struct ArmCpuState
{
    public CpuHeader Header;
    public fixed uint R[16];
    public byte N, Z, C, V, Q;
    /// <summary>APSR.GE[3:0] for the parallel add/subtract and SEL instructions.</summary>
    public uint GE;
    /// <summary>CP15 TPIDRURO, the user read-only thread register (set by the set_tls syscall).</summary>
    public uint TpidrUro;

    /// <summary>CPSR as MRS reads it in user mode (ARM state, no Thumb).</summary>
    public uint Cpsr =>
        (uint)(N << 31 | Z << 30 | C << 29 | V << 28 | Q << 27) | (GE & 0xF) << 16 | 0x10;

    /// <summary>Writes the flag bits of a CPSR value (MSR APSR_nzcvqg, signal return).</summary>
    public void SetCpsrFlags(uint cpsr)
    {
        N = (byte)(cpsr >> 31 & 1); Z = (byte)(cpsr >> 30 & 1); C = (byte)(cpsr >> 29 & 1);
        V = (byte)(cpsr >> 28 & 1); Q = (byte)(cpsr >> 27 & 1); GE = cpsr >> 16 & 0xF;
    }
}

/// <summary>The IR register slots of ArmCpuState.</summary>
public static class ArmRegs
{
    public static readonly GuestStateLayout Layout = Build();

    /// <summary>Slot of Rn for n in 0..14.</summary>
    public static int R(int n) => n;
    public static readonly int N = Layout.IndexOf("n"), Z = Layout.IndexOf("z"), C = Layout.IndexOf("c"),
        V = Layout.IndexOf("v"), Q = Layout.IndexOf("q"), GE = Layout.IndexOf("ge"), TpidrUro = Layout.IndexOf("tpidruro");

    static GuestStateLayout Build()
    {
        var l = new GuestStateLayout(Marshal.SizeOf<ArmCpuState>());
        int rBase = (int)Marshal.OffsetOf<ArmCpuState>("R");
        for (int i = 0; i < 15; i++) l.Add(i == 13 ? "sp" : i == 14 ? "lr" : $"r{i}", IrType.I32, rBase + 4 * i);
        foreach (var f in new[] { "N", "Z", "C", "V", "Q" })
            l.Add(f.ToLowerInvariant(), IrType.I1, (int)Marshal.OffsetOf<ArmCpuState>(f));
        l.Add("ge", IrType.I32, (int)Marshal.OffsetOf<ArmCpuState>("GE"));
        l.Add("tpidruro", IrType.I32, (int)Marshal.OffsetOf<ArmCpuState>("TpidrUro"));
        return l;
    }
}
