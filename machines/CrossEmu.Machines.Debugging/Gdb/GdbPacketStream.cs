using System.Net.Sockets;
using System.Text;

namespace CrossEmu.Machines.Debugging.Gdb;

/// <summary>
/// The framing of the gdb remote serial protocol over one connection: `$payload#cs` packets with
/// a modulo-256 checksum, `+`/`-` acknowledgements (until QStartNoAckMode), `}` escaping of binary
/// data, and the bare 0x03 byte gdb sends to interrupt a running target. Payloads are Latin-1
/// strings: one char per byte, so binary data (X packets) passes through unchanged.
/// </summary>
public sealed class GdbPacketStream
{
    /// <summary>What ReadPacket returns for the interrupt byte.</summary>
    public const string Interrupt = "\x03";

    readonly Stream stream;
    // Own read buffer, so a poll for the interrupt byte knows about bytes already read from the socket.
    readonly byte[] buffer = new byte[4096];
    int position, length;

    public GdbPacketStream(Stream stream) { this.stream = stream; }

    /// <summary>After QStartNoAckMode neither side sends or waits for `+`.</summary>
    public bool NoAck { get; set; }

    /// <summary>The next packet's payload (unescaped), Interrupt for a 0x03 byte, or null at end of input.</summary>
    public string? ReadPacket()
    {
        while (true)
        {
            int b = ReadByte();
            if (b < 0) return null;
            if (b == 0x03) return Interrupt;
            if (b != '$') continue;   // acks of earlier replies, line noise
            var raw = new StringBuilder();
            while ((b = ReadByte()) >= 0 && b != '#') raw.Append((char)b);
            int hi = ReadByte(), lo = ReadByte();
            if (lo < 0) return null;
            bool intact = TryHexDigit(hi, out int h) && TryHexDigit(lo, out int l) && (h << 4 | l) == Checksum(raw.ToString());
            if (!NoAck) WriteRaw(intact ? "+" : "-");
            if (intact || NoAck) return Unescape(raw.ToString());
        }
    }

    /// <summary>Sends a packet and, unless in no-ack mode, resends it until gdb acknowledges it.</summary>
    public void WritePacket(string payload)
    {
        string framed = Frame(payload);
        for (int attempt = 0; ; attempt++)
        {
            WriteRaw(framed);
            if (NoAck) return;
            int b;
            while ((b = ReadByte()) >= 0 && b != '+' && b != '-') { }
            if (b < 0) throw new IOException("gdb closed the connection");
            if (b == '+' || attempt >= 10) return;
        }
    }

    /// <summary>True when a byte can be read without blocking, waiting up to timeoutMs for one.</summary>
    public bool InputPending(int timeoutMs)
    {
        if (position < length) return true;
        if (stream is NetworkStream ns) return ns.Socket.Poll(timeoutMs * 1000, SelectMode.SelectRead);
        Thread.Sleep(timeoutMs);
        return false;
    }

    /// <summary>One byte of input, or -1 at end of input.</summary>
    public int ReadByte()
    {
        int b = PeekByte();
        if (b >= 0) position++;
        return b;
    }

    /// <summary>The next byte without taking it, or -1 at end of input (blocks until there is one).</summary>
    public int PeekByte()
    {
        if (position == length)
        {
            try { length = stream.Read(buffer, 0, buffer.Length); }
            catch (IOException) { length = 0; }
            catch (ObjectDisposedException) { length = 0; }
            position = 0;
            if (length <= 0) { length = 0; return -1; }
        }
        return buffer[position];
    }

    public static string Frame(string payload)
    {
        string escaped = Escape(payload);
        return $"${escaped}#{Checksum(escaped):x2}";
    }

    public static int Checksum(string raw)
    {
        int sum = 0;
        foreach (char c in raw) sum += (byte)c;
        return sum & 0xff;
    }

    /// <summary>`$`, `#`, `}` and `*` (run-length marker) go as `}` then the byte xor 0x20.</summary>
    public static string Escape(string payload)
    {
        if (payload.IndexOfAny(['$', '#', '}', '*']) < 0) return payload;
        var sb = new StringBuilder(payload.Length + 8);
        foreach (char c in payload)
            if (c is '$' or '#' or '}' or '*') sb.Append('}').Append((char)(c ^ 0x20));
            else sb.Append(c);
        return sb.ToString();
    }

    public static string Unescape(string raw)
    {
        if (!raw.Contains('}')) return raw;
        var sb = new StringBuilder(raw.Length);
        for (int i = 0; i < raw.Length; i++)
            sb.Append(raw[i] == '}' && i + 1 < raw.Length ? (char)(raw[++i] ^ 0x20) : raw[i]);
        return sb.ToString();
    }

    void WriteRaw(string s)
    {
        stream.Write(Encoding.Latin1.GetBytes(s));
        stream.Flush();
    }

    static bool TryHexDigit(int c, out int value)
    {
        value = c is >= '0' and <= '9' ? c - '0' : c is >= 'a' and <= 'f' ? c - 'a' + 10 : c is >= 'A' and <= 'F' ? c - 'A' + 10 : -1;
        return value >= 0;
    }
}
