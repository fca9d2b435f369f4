namespace CrossEmu.Machines.Linux.Abi;

/// <summary>
/// Translates a flag word between a guest ABI's bit values and the host's (x86-64 Linux). Listed
/// bits are moved; unlisted bits pass through unchanged, because most ABIs share most values.
/// </summary>
public sealed class FlagMap
{
    readonly (uint Guest, uint Host)[] pairs;
    readonly uint guestMask, hostMask;

    public FlagMap(params (uint Guest, uint Host)[] pairs)
    {
        this.pairs = pairs;
        foreach (var (g, h) in pairs) { guestMask |= g; hostMask |= h; }
    }

    public static FlagMap Identity { get; } = new();

    public uint ToHost(uint guest)
    {
        uint r = guest & ~guestMask;
        foreach (var (g, h) in pairs) if ((guest & g) == g && g != 0) r |= h;
        return r;
    }

    public uint ToGuest(uint host)
    {
        uint r = host & ~hostMask;
        foreach (var (g, h) in pairs) if ((host & h) == h && h != 0) r |= g;
        return r;
    }
}
