using System.Buffers.Binary;

namespace CrossEmu.Machines.Linux.Abi;

/// <summary>
/// The struct termios of TCGETS/TCSETS* between the host (x86-64: four flag words, c_line, c_cc[19],
/// 36 bytes) and a guest ABI, which may have a longer c_cc in another order and move c_lflag bits
/// (MIPS: NCCS 23, VMIN at 4, VEOF at 16; IEXTEN and TOSTOP swapped). Flag words change byte order.
/// </summary>
public sealed class TermiosConverter
{
    public const int HostSize = 36, HostNccs = 19;
    const int FlagWords = 4, LineOffset = 16, CcOffset = 17, LflagOffset = 12;

    readonly int[] guestIndexOfHost;
    readonly FlagMap localFlags;

    /// <param name="guestNccs">Length of the guest's c_cc.</param>
    /// <param name="guestIndexOfHost">For each host c_cc index, the guest's index of the same character (-1: none).</param>
    /// <param name="localFlags">c_lflag bits, guest to host.</param>
    public TermiosConverter(int guestNccs, int[] guestIndexOfHost, FlagMap localFlags)
    {
        GuestSize = CcOffset + guestNccs;
        GuestSize = (GuestSize + 3) & ~3;
        this.guestIndexOfHost = guestIndexOfHost;
        this.localFlags = localFlags;
    }

    /// <summary>Every ABI whose termios is the asm-generic one (ARM).</summary>
    public static TermiosConverter Generic { get; } = new(HostNccs, Enumerable.Range(0, HostNccs).ToArray(), FlagMap.Identity);

    public int GuestSize { get; }

    public byte[] ToGuest(ReadOnlySpan<byte> host, bool bigEndian)
    {
        var guest = new byte[GuestSize];
        for (int w = 0; w < FlagWords; w++)
        {
            uint v = BinaryPrimitives.ReadUInt32LittleEndian(host[(4 * w)..]);
            if (w * 4 == LflagOffset) v = localFlags.ToGuest(v);
            Write(guest.AsSpan(4 * w), v, bigEndian);
        }
        guest[LineOffset] = host[LineOffset];
        for (int i = 0; i < guestIndexOfHost.Length; i++)
            if (guestIndexOfHost[i] >= 0) guest[CcOffset + guestIndexOfHost[i]] = host[CcOffset + i];
        return guest;
    }

    public byte[] ToHost(ReadOnlySpan<byte> guest, bool bigEndian)
    {
        var host = new byte[HostSize];
        for (int w = 0; w < FlagWords; w++)
        {
            uint v = bigEndian ? BinaryPrimitives.ReadUInt32BigEndian(guest[(4 * w)..]) : BinaryPrimitives.ReadUInt32LittleEndian(guest[(4 * w)..]);
            if (w * 4 == LflagOffset) v = localFlags.ToHost(v);
            BinaryPrimitives.WriteUInt32LittleEndian(host.AsSpan(4 * w), v);
        }
        host[LineOffset] = guest[LineOffset];
        for (int i = 0; i < guestIndexOfHost.Length; i++)
            if (guestIndexOfHost[i] >= 0) host[CcOffset + i] = guest[CcOffset + guestIndexOfHost[i]];
        return host;
    }

    static void Write(Span<byte> to, uint v, bool bigEndian)
    {
        if (bigEndian) BinaryPrimitives.WriteUInt32BigEndian(to, v); else BinaryPrimitives.WriteUInt32LittleEndian(to, v);
    }
}
