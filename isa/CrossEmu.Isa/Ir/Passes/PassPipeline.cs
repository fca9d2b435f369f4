using CrossEmu.Isa.State;

namespace CrossEmu.Isa.Ir.Passes;

/// <summary>The passes every lifted block goes through, in order.</summary>
public static class PassPipeline
{
    public static void Optimize(IrBlock block, GuestStateLayout layout)
    {
        ConstantFolding.Run(block);
        RegisterAccessElimination.Run(block);
        DeadFlagElimination.Run(block, layout);
        RedundantTrapElimination.Run(block);
        ConstantFolding.Run(block);
        DeadCodeElimination.Run(block);
    }
}
