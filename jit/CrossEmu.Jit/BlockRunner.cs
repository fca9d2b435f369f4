using CrossEmu.Isa.Ir;
using CrossEmu.Isa.Ir.Passes;
using CrossEmu.Isa.Memory;
using CrossEmu.Isa.State;
using CrossEmu.Jit.Compiler;
using CrossEmu.Jit.Interpreter;
using CrossEmu.Jit.Runtime;

namespace CrossEmu.Jit;

/// <summary>
/// Runs one IR block once on a state, through either tier. For tests: per-instruction tests run
/// every lifted block through both and compare, which is the interpreter-versus-compiler check.
/// </summary>
public static unsafe class BlockRunner
{
    /// <summary>Tier 0, on the block exactly as given.</summary>
    public static ExitReason Interpret(IrBlock block, GuestStateLayout layout, byte* state, IGuestMemory memory)
    {
        IrVerifier.Assert(block, layout);
        return new IrInterpreter(layout, memory).Run(block, IrInterpreter.LabelTable(block), state);
    }

    /// <summary>
    /// Tier 1: a copy of the block goes through the passes and the IL compiler, then runs once.
    /// With liftAt, accesses share group checks as in the engine, and when one fails (ExitReason
    /// .Deoptimize) the block lifted at the reported pc runs on in the interpreter, as the engine does.
    /// registersInLocals forces how the compiler holds guest registers (default: as the engine decides).
    /// </summary>
    public static ExitReason Compile(IrBlock block, GuestStateLayout layout, byte* state, IGuestMemory memory,
        Func<uint, IrBlock>? liftAt = null, bool? registersInLocals = null)
    {
        var copy = PassPipeline.OptimizedCopy(block, layout);
        var region = new Region();
        region.Blocks.Add(copy);
        var targets = new CompileTargets
        {
            Memory = memory, MemoryId = GuestAccess.Register(memory),
            AccessGroupsAllowedAt = liftAt != null ? _ => true : null,
            RegistersInLocals = registersInLocals,
        };
        var compiled = RegionCompiler.Compile(region, layout, targets);
        var reason = (ExitReason)((delegate*<byte*, int, int>)compiled.Function)(state, (int)block.GuestPc);
        GC.KeepAlive(compiled);   // its collectible code must outlive the call
        if (reason != ExitReason.Deoptimize || liftAt == null) return reason;
        return Interpret(liftAt(((CpuHeader*)state)->Pc), layout, state, memory);   // as lifted, as the engine interprets
    }
}
