using System.Runtime.InteropServices;
using CrossEmu.Isa.Ir;
using CrossEmu.Isa.State;

namespace CrossEmu.Frontends.Mips;

/// <summary>
/// The MIPS32 CPU state as generated code sees it. The pc lives in Header.Pc. R[0] is never
/// written (the lifter reads $zero as the constant 0). The FPU runs with Status.FR = 0 (the o32
/// ABI): F[n] are the 32-bit halves, a double in an even/odd pair has its low word in F[even].
/// </summary>
[StructLayout(LayoutKind.Sequential)]
public unsafe struct MipsCpuState
{
    public CpuHeader Header;
    public fixed uint R[32];
    public uint Hi, Lo;
    public fixed uint F[32];
    /// <summary>FCSR (CP1 control register 31): rounding mode, flags, enables, cause, condition codes.</summary>
    public uint Fcsr;
    /// <summary>UserLocal, the TLS pointer that RDHWR $29 reads (set by set_thread_area).</summary>
    public uint UserLocal;
    /// <summary>A taken-branch condition and a register-jump target, held across the delay slot.</summary>
    public byte BranchCond;
    public uint BranchTarget;

    public const int Zero = 0, V0 = 2, V1 = 3, A0 = 4, A1 = 5, A2 = 6, A3 = 7, T9 = 25, Gp = 28, Sp = 29, Fp = 30, Ra = 31;

    /// <summary>The double held in the even/odd pair starting at F[n] (FR = 0).</summary>
    public ulong GetDouble(int n) => F[n & ~1] | (ulong)F[n | 1] << 32;

    public void SetDouble(int n, ulong v) { F[n & ~1] = (uint)v; F[n | 1] = (uint)(v >> 32); }
}

/// <summary>The IR register slots of MipsCpuState.</summary>
public static class MipsRegs
{
    // (declared before Layout: static fields initialise in order)
    static readonly string[] GprNames =
    [
        "zero", "at", "v0", "v1", "a0", "a1", "a2", "a3", "t0", "t1", "t2", "t3", "t4", "t5", "t6", "t7",
        "s0", "s1", "s2", "s3", "s4", "s5", "s6", "s7", "t8", "t9", "k0", "k1", "gp", "sp", "fp", "ra",
    ];

    public static readonly GuestStateLayout Layout = Build();

    /// <summary>Slot of GPR n (1..31); $zero has a slot too but the lifter never uses it.</summary>
    public static int R(int n) => n;
    /// <summary>Slot of the 32-bit FPR half n (0..31).</summary>
    public static int F(int n) => FBase + n;

    static readonly int FBase = Layout.IndexOf("f0");
    public static readonly int Hi = Layout.IndexOf("hi"), Lo = Layout.IndexOf("lo"), Fcsr = Layout.IndexOf("fcsr"),
        UserLocal = Layout.IndexOf("userlocal"), BranchCond = Layout.IndexOf("bcond"), BranchTarget = Layout.IndexOf("btarget");

    public static string GprName(int n) => GprNames[n];

    static GuestStateLayout Build()
    {
        var l = new GuestStateLayout(Marshal.SizeOf<MipsCpuState>());
        int off(string field) => (int)Marshal.OffsetOf<MipsCpuState>(field);
        for (int i = 0; i < 32; i++) l.Add(GprNames[i], IrType.I32, off("R") + 4 * i);
        l.Add("hi", IrType.I32, off("Hi"));
        l.Add("lo", IrType.I32, off("Lo"));
        for (int i = 0; i < 32; i++) l.Add($"f{i}", IrType.I32, off("F") + 4 * i);
        l.Add("fcsr", IrType.I32, off("Fcsr"));
        l.Add("userlocal", IrType.I32, off("UserLocal"));
        l.Add("bcond", IrType.I1, off("BranchCond"));
        l.Add("btarget", IrType.I32, off("BranchTarget"));
        return l;
    }
}
