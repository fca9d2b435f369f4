namespace CrossEmu.Machines.Debugging.Gdb;

/// <summary>The general query and set packets (q..., Q...) a user-mode stub answers.</summary>
static class GdbQueries
{
    const int PacketSize = 0x4000;
    const string TargetXml = "qXfer:features:read:target.xml:";
    const string Auxv = "qXfer:auxv:read::";
    const string Features = "qXfer:features:read+;qXfer:auxv:read+;qXfer:threads:read+;QStartNoAckMode+;vContSupported+";

    public static string Answer(string packet, IGdbTarget target, GdbThreads threads)
    {
        if (threads.Answer(packet) is { } threadReply) return threadReply;
        string name = packet.Split(':')[0];
        switch (name)
        {
            case "qSupported":
                // Thread ids take the pPID.TID form only when gdb offers it too.
                threads.Multiprocess = packet.Contains("multiprocess+", StringComparison.Ordinal);
                return $"PacketSize={PacketSize:x};{Features}" + (threads.Multiprocess ? ";multiprocess+" : "");
            case "qAttached": return "1";
            case "qOffsets": return "Text=0;Data=0;Bss=0";
            case "qXfer" when packet.StartsWith(TargetXml, StringComparison.Ordinal):
                return Slice(target.Registers.TargetXml, packet[TargetXml.Length..]);
            case "qXfer" when packet.StartsWith(Auxv, StringComparison.Ordinal):
                // Binary data: one Latin-1 char a byte; the packet layer escapes it.
                return Slice(System.Text.Encoding.Latin1.GetString(target.AuxiliaryVector), packet[Auxv.Length..]);
            case "qXfer": return "E00";
            case "qSymbol": return "OK";   // no symbols wanted
            default: return "";
        }
    }

    // offset,length -> `m` + part, or `l` + the last part.
    public static string Slice(string document, string range)
    {
        var parts = range.Split(',');
        if (parts.Length != 2 || !GdbHex.TryParse(parts[0], out uint offset) || !GdbHex.TryParse(parts[1], out uint length)) return "E00";
        if (offset >= document.Length) return "l";
        int take = (int)Math.Min(length, (uint)(document.Length - (int)offset));
        bool last = offset + take >= document.Length;
        return (last ? "l" : "m") + document.Substring((int)offset, take);
    }
}
