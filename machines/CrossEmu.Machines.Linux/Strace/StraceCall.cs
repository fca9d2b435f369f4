using CrossEmu.Isa.Host;
using CrossEmu.Machines.Linux.Abi;
using CrossEmu.Machines.Linux.Syscalls;

namespace CrossEmu.Machines.Linux.Strace;

/// <summary>
/// One system call as -strace sees it: the raw arguments (copied on entry), the result once the
/// handler has run, and checked reads of guest memory that never fault (an unreadable pointer is
/// printed as its address instead).
/// </summary>
public sealed class StraceCall
{
    readonly uint[] args;

    public StraceCall(SyscallContext context)
    {
        Context = context;
        args = (uint[])context.Args.Clone();
        Names = GuestNames.Of(context.Abi);
    }

    public SyscallContext Context { get; }
    public LinuxAbi Abi => Context.Abi;
    public StructLayouts Structs => Context.Abi.Structs;
    /// <summary>Name tables in this ABI's numbering.</summary>
    public GuestNames Names { get; }

    public uint this[int slot] => args[slot];
    public int Int(int slot) => (int)args[slot];

    /// <summary>A 64-bit argument in the register pair starting at slot (ABI word order).</summary>
    public long Int64(int slot) => Context.BigEndian
        ? (long)((ulong)args[slot] << 32 | args[slot + 1])
        : (long)((ulong)args[slot + 1] << 32 | args[slot]);

    /// <summary>The handler's result (-errno in host numbers); only meaningful after the call.</summary>
    public long Result { get; set; }
    public bool Returned { get; set; }
    /// <summary>Whether the call has returned with success, so output arguments hold something.</summary>
    public bool Succeeded => Returned && Result != SyscallContext.NoResult && !Errno.IsError(Result);

    public byte[]? Read(uint address, int length)
    {
        var bytes = new byte[length];
        return length == 0 || Context.Read(address, bytes) ? bytes : null;
    }

    /// <summary>A guest struct of the given size, or null when unreadable.</summary>
    public byte[]? ReadStruct(uint address, int size) => address == 0 ? null : Read(address, size);

    public GuestStruct Struct(byte[] bytes) => new(bytes, Context.BigEndian);

    public bool ReadU32(uint address, out uint value) => Context.ReadU32(address, out value);

    /// <summary>The bytes of a NUL-terminated string, at most max of them (Truncated when there are more,
    /// or when readable memory ends first); null when the first byte is unreadable.</summary>
    public (byte[] Bytes, bool Truncated)? ReadCString(uint address, int max)
    {
        var bytes = new List<byte>();
        Span<byte> one = stackalloc byte[1];
        for (int i = 0; i <= max; i++)
        {
            if (!Context.Read(address + (uint)i, one)) return i == 0 ? null : (bytes.ToArray(), true);
            if (one[0] == 0) break;
            if (i == max) return (bytes.ToArray(), true);
            bytes.Add(one[0]);
        }
        return (bytes.ToArray(), false);
    }
}
