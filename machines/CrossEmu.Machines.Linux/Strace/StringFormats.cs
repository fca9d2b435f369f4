using System.Text;
using CrossEmu.Machines.Linux.Abi;

namespace CrossEmu.Machines.Linux.Strace;

/// <summary>Paths, names and data buffers, and the iovec arrays of readv/writev.</summary>
static class StringFormats
{
    const int MaxIovecsShown = 4;

    public static IEnumerable<ArgumentKind> Kinds =>
    [
        ArgumentKind.In("str", (call, slot) => Quoting.CString(call, call[slot])),
        // A buffer the call reads; its length is the next argument.
        ArgumentKind.In("in_buf", (call, slot) => Quoting.Buffer(call, call[slot], call[slot + 1])),
        // A buffer the call fills; the result says how much.
        ArgumentKind.Out("out_buf", (call, slot) => Quoting.Buffer(call, call[slot], call.Result)),
        ArgumentKind.Out("out_str", (call, slot) => Quoting.CString(call, call[slot])),
        // readlink's target: a path of the result's length, not NUL-terminated.
        ArgumentKind.Out("out_path", (call, slot) => Quoting.Buffer(call, call[slot], call.Result, Quoting.StringChars)),
        ArgumentKind.Pointer("in_iovec", (call, slot) => Iovecs(call, call[slot], call.Int(slot + 1), long.MaxValue)),
        ArgumentKind.Out("out_iovec", (call, slot) => Iovecs(call, call[slot], call.Int(slot + 1), call.Result)),
    ];

    /// <summary>[{iov_base="...", iov_len=5}, ...]; at most `data` bytes in all are shown as strings
    /// (what a readv actually filled).</summary>
    static string Iovecs(StraceCall call, uint address, int count, long data)
    {
        IovecLayout layout = call.Structs.Iovec;
        var sb = new StringBuilder("[");
        for (int i = 0; i < count; i++)
        {
            if (i > 0) sb.Append(", ");
            if (i == MaxIovecsShown) return sb.Append("...]").ToString();
            if (call.ReadStruct(address + (uint)(i * layout.Size), layout.Size) is not { } bytes) return Quoting.Pointer(address);
            var s = call.Struct(bytes);
            uint @base = (uint)s.Get(layout.Base), length = (uint)s.Get(layout.Length);
            long shown = Math.Min(length, Math.Max(data, 0));
            data -= shown;
            sb.Append("{iov_base=").Append(Quoting.Buffer(call, @base, shown)).Append(", iov_len=").Append(length).Append('}');
        }
        return sb.Append(']').ToString();
    }
}
