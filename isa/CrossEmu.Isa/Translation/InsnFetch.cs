namespace CrossEmu.Isa.Translation;

/// <summary>
/// What fetching one instruction gave: its length in bytes, or the first address that could not
/// be read (the fault address, should the block have to report it).
/// </summary>
public readonly struct InsnFetch
{
    /// <summary>Bytes of the instruction; 0 when it could not be fetched.</summary>
    public readonly int Length;

    /// <summary>The first unreadable byte, when Length is 0.</summary>
    public readonly uint UnreadableAt;

    InsnFetch(int length, uint unreadableAt)
    {
        Length = length;
        UnreadableAt = unreadableAt;
    }

    public bool Fetched => Length > 0;

    public static InsnFetch Of(int length) => new(length, 0);

    public static InsnFetch Unreadable(uint address) => new(0, address);
}
