using CrossEmu.Testing;
using CrossEmu.Isa;
using CrossEmu.Isa.Ir;
using CrossEmu.Isa.Memory;
using CrossEmu.Isa.State;
using CrossEmu.Jit;

namespace CrossEmu.Frontends.Mips.Tests.Fpu;

/// <summary>
/// Runs a case's words from Code (data words at Data) block by block until the pc passes the
/// last word or an exit other than Jump, in either tier and byte order; checks each lifted
/// block with the IR verifier.
/// </summary>
static unsafe class FpuMachine
{
    public const uint Code = 0x10000, Data = 0x20000;

    public sealed record Outcome(ExitReason Reason, uint Pc, uint ExitArg, uint[] F, uint[] R, uint Fcsr, uint[] Mem);

    public static Outcome Run(uint[] words, FpuCase.State init, bool bigEndian, bool compiled)
    {
        using var mem = new GuestMemory();
        mem.Map(Code, GuestMemory.PageSize, PagePermissions.All);
        mem.Map(Data, GuestMemory.PageSize, PagePermissions.All);
        TestMemory.Place(mem, Code, words, bigEndian);
        TestMemory.Place(mem, Data, init.Mem, bigEndian);

        var state = new MipsCpuState();
        for (int n = 0; n < 32; n++) { state.F[n] = init.F[n]; state.R[n] = init.R[n]; }
        state.R[0] = 0;
        state.Fcsr = init.Fcsr;
        state.Header.Pc = Code;

        var frontend = new MipsFrontend(bigEndian);
        uint end = Code + 4u * (uint)words.Length;
        var reason = ExitReason.Jump;
        for (int blocks = 0; blocks < 64 && state.Header.Pc != end && reason == ExitReason.Jump; blocks++)
        {
            uint pc = state.Header.Pc;
            var block = frontend.Lift(pc, new ExecutableCodeReader(mem), Math.Max(1, (int)((end - pc) / 4)));
            IrVerifier.Assert(block, MipsRegs.Layout);
            reason = compiled
                ? BlockRunner.Compile(block, MipsRegs.Layout, (byte*)&state, mem)
                : BlockRunner.Interpret(block, MipsRegs.Layout, (byte*)&state, mem);
        }

        var m = new uint[init.Mem.Length];
        for (int i = 0; i < m.Length; i++) mem.TryReadU32(Data + 4u * (uint)i, bigEndian, out m[i]);
        var f = new uint[32];
        var r = new uint[32];
        for (int n = 0; n < 32; n++) { f[n] = state.F[n]; r[n] = state.R[n]; }
        return new Outcome(reason, state.Header.Pc, state.Header.ExitArg, f, r, state.Fcsr, m);
    }
}
