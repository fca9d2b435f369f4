namespace CrossEmu.Isa.Ir;

/// <summary>The types of IR values. I1 is a flag or boolean.</summary>
public enum IrType : byte { Void, I1, I32, I64 }

public static class IrTypeExtensions
{
    public static string Name(this IrType t) => t switch
    {
        IrType.I1 => "i1", IrType.I32 => "i32", IrType.I64 => "i64", _ => "void",
    };

    /// <summary>Keeps the bits a value of this type can hold.</summary>
    public static ulong Mask(this IrType t, ulong v) => t switch
    {
        IrType.I1 => v & 1, IrType.I32 => v & 0xFFFF_FFFF, _ => v,
    };
}
