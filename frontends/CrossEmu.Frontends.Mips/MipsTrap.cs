namespace CrossEmu.Frontends.Mips;

/// <summary>The ExitReason.Trap argument of MIPS: the code Linux computes, and whether a conditional
/// trap instruction (TEQ...) raised it rather than BREAK; Linux reports the two differently.</summary>
public static class MipsTrap
{
    public const uint FromTrapInstruction = 1u << 31;
}
