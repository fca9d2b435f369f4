using System.Text;
using CrossEmu.Machines.Linux.Abi;

namespace CrossEmu.Machines.Linux.Files;

/// <summary>
/// A directory whose entries the runtime makes up when it is read (/proc/self/fd lists the guest's
/// descriptors, not the host's). Its read position is shared by every descriptor duplicated from the
/// one opened, as an open file description's is.
/// </summary>
public sealed class VirtualDirectory(Func<IReadOnlyList<string>> entries, byte entryType)
{
    public const byte DT_DIR = 4, DT_LNK = 10;
    const int HeaderSize = 19;  // d_ino u64, d_off s64, d_reclen u16, d_type u8, then the name

    readonly object gate = new();
    int position;

    /// <summary>Fills buffer with linux_dirent64 records from the current position (guest byte order);
    /// returns the bytes used, or -EINVAL when not even one record fits.</summary>
    public long Read(Span<byte> buffer, bool bigEndian)
    {
        lock (gate)
        {
            var names = new List<(string Name, byte Type)> { (".", DT_DIR), ("..", DT_DIR) };
            names.AddRange(entries().Select(n => (n, entryType)));
            int used = 0;
            while (position < names.Count)
            {
                var (name, type) = names[position];
                var bytes = Encoding.UTF8.GetBytes(name);
                int length = (HeaderSize + bytes.Length + 1 + 7) & ~7;
                if (used + length > buffer.Length) return used == 0 ? -Isa.Host.Errno.EINVAL : used;
                var record = buffer.Slice(used, length);
                record.Clear();
                var s = new GuestStruct(record, bigEndian);
                s.Put(Field.U64(0), (ulong)position + 1);
                s.Put(Field.U64(8), (ulong)position + 1);
                s.Put(Field.U16(16), (ulong)length);
                record[18] = type;
                bytes.CopyTo(record[HeaderSize..]);
                used += length;
                position++;
            }
            return used;
        }
    }

    /// <summary>lseek to the start (rewinddir).</summary>
    public void Rewind()
    {
        lock (gate) position = 0;
    }
}
