namespace CrossEmu.Isa.Tests.Translation;

/// <summary>
/// Guest code for the loop's tests: bytes placed at addresses, everything else unreadable. It
/// implements only TryRead32 (a word is readable when its 4 bytes are), as the simplest readers
/// do, so the halfword and byte reads go through ICodeReader's defaults.
/// </summary>
sealed class TestCode : ICodeReader
{
    readonly Dictionary<uint, byte> bytes = new();
    readonly HashSet<uint> boundaries = new();

    /// <summary>Blocks must end before these addresses (as before a debugger's breakpoint).</summary>
    public TestCode BoundaryAt(params uint[] addresses)
    {
        boundaries.UnionWith(addresses);
        return this;
    }

    public bool EndsBlockBefore(uint address) => boundaries.Contains(address);

    /// <summary>Places bytes from address on (whole aligned words: TryRead32 reads nothing less).</summary>
    public TestCode At(uint address, params byte[] code)
    {
        for (int i = 0; i < code.Length; i++) bytes[address + (uint)i] = code[i];
        return this;
    }

    /// <summary>Places little-endian halfwords from address on.</summary>
    public TestCode AtHalves(uint address, params ushort[] halves) =>
        At(address, halves.SelectMany(h => new[] { (byte)h, (byte)(h >> 8) }).ToArray());

    public bool TryRead32(uint address, out uint word)
    {
        word = 0;
        for (int i = 3; i >= 0; i--)
        {
            if (!bytes.TryGetValue(address + (uint)i, out byte b)) { word = 0; return false; }
            word = word << 8 | b;
        }
        return true;
    }
}
