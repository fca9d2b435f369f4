namespace CrossEmu.Isa.Float;

/// <summary>The five IEEE 754 exception flags an operation can raise (bit order as in the MIPS FCSR cause field).</summary>
[Flags]
public enum FpExceptions
{
    None = 0,
    Inexact = 1,
    Underflow = 2,
    Overflow = 4,
    DivideByZero = 8,
    Invalid = 16,
}
