namespace CrossEmu.Machines.Debugging.Gdb;

/// <summary>The general query and set packets (q..., Q...) a user-mode stub answers.</summary>
static class GdbQueries
{
    const int PacketSize = 0x4000;

    public static string Answer(string packet, IGdbTarget target)
    {
        string name = packet.Split(':')[0];
        switch (name)
        {
            case "qSupported":
                return $"PacketSize={PacketSize:x};qXfer:features:read+;QStartNoAckMode+;vContSupported+";
            case "qAttached": return "1";
            case "qOffsets": return "Text=0;Data=0;Bss=0";
            case "qC": return $"QC{target.ProcessId:x}";
            case "qfThreadInfo": return $"m{target.ProcessId:x}";
            case "qsThreadInfo": return "l";
            case "qXfer":
                return packet.StartsWith("qXfer:features:read:target.xml:", StringComparison.Ordinal)
                    ? Slice(target.Registers.TargetXml, packet["qXfer:features:read:target.xml:".Length..])
                    : "E00";
            case "qSymbol": return "OK";   // no symbols wanted
            default: return "";
        }
    }

    // offset,length -> `m` + part, or `l` + the last part.
    static string Slice(string document, string range)
    {
        var parts = range.Split(',');
        if (parts.Length != 2 || !GdbHex.TryParse(parts[0], out uint offset) || !GdbHex.TryParse(parts[1], out uint length)) return "E00";
        if (offset >= document.Length) return "l";
        int take = (int)Math.Min(length, (uint)(document.Length - (int)offset));
        bool last = offset + take >= document.Length;
        return (last ? "l" : "m") + document.Substring((int)offset, take);
    }
}
