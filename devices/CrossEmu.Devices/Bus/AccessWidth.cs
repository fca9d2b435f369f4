namespace CrossEmu.Devices.Bus;

/// <summary>The size of one bus access, in bytes.</summary>
public enum AccessWidth
{
    Byte = 1,
    Word = 2,
    DoubleWord = 4,
    QuadWord = 8,
}

/// <summary>The set of access widths a peripheral implements natively; the bus translates the rest
/// (a wider access into several narrower ones, a narrower one into a read-modify of a wider one).</summary>
[Flags]
public enum AccessWidths
{
    None = 0,
    Byte = 1,
    Word = 2,
    DoubleWord = 4,
    QuadWord = 8,
    UpTo32 = Byte | Word | DoubleWord,
    All = Byte | Word | DoubleWord | QuadWord,
}

public static class AccessWidthExtensions
{
    public static int Bytes(this AccessWidth width) => (int)width;

    public static AccessWidths AsSet(this AccessWidth width) => (AccessWidths)(int)width;

    /// <summary>All ones in the width's bits (the value an unclaimed read returns).</summary>
    public static ulong Mask(this AccessWidth width) => width == AccessWidth.QuadWord ? ulong.MaxValue : (1UL << (8 * (int)width)) - 1;

    public static AccessWidth FromBytes(int bytes) => bytes switch
    {
        1 => AccessWidth.Byte,
        2 => AccessWidth.Word,
        4 => AccessWidth.DoubleWord,
        8 => AccessWidth.QuadWord,
        _ => throw new ArgumentOutOfRangeException(nameof(bytes), bytes, "an access is 1, 2, 4 or 8 bytes"),
    };
}
