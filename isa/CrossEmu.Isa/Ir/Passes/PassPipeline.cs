using CrossEmu.Isa.State;

namespace CrossEmu.Isa.Ir.Passes;

/// <summary>The passes a block goes through before it is compiled, in order.</summary>
public static class PassPipeline
{
    /// <summary>
    /// An optimised, verified copy of the block; the block itself is left as it is (the engine's
    /// interpreter runs lifted blocks unoptimised, possibly while the compile thread copies them).
    /// </summary>
    public static IrBlock OptimizedCopy(IrBlock block, GuestStateLayout layout)
    {
        var copy = block.Clone();
        Optimize(copy, layout);
        IrVerifier.Assert(copy, layout);
        return copy;
    }

    public static void Optimize(IrBlock block, GuestStateLayout layout)
    {
        ConstantFolding.Run(block);
        RegisterAccessElimination.Run(block);
        CompareFolding.Run(block);
        DeadFlagElimination.Run(block, layout);
        RedundantTrapElimination.Run(block);
        ConstantFolding.Run(block);
        DeadCodeElimination.Run(block);
    }
}
