using CrossEmu.Isa.Memory;
using static CrossEmu.Isa.Host.Errno;
using CrossEmu.Machines.Linux.Abi;

namespace CrossEmu.Machines.Linux.Syscalls;

/// <summary>
/// One system call as a handler sees it: the number and raw 32-bit arguments (already taken out
/// of the registers by the ABI), the process, and checked access to guest memory. The guest pointer
/// helpers return null/false for memory the guest may not touch, which handlers turn into EFAULT.
/// </summary>
public sealed unsafe class SyscallContext
{
    /// <summary>Handler result meaning "registers already set, write nothing" (sigreturn, exit).</summary>
    public const long NoResult = long.MinValue;

    public const int MaxArgs = 8;

    public SyscallContext(LinuxProcess process, Threads.GuestThread? thread = null)
    {
        Process = process;
        Thread = thread;
    }

    public LinuxProcess Process { get; }
    /// <summary>The calling guest thread (null only when a test calls handlers without running the process).</summary>
    public Threads.GuestThread? Thread { get; }
    /// <summary>The calling thread's id (the main thread's is the pid).</summary>
    public int Tid => Thread?.Tid ?? Process.Pid;
    public LinuxAbi Abi => Process.Abi;
    public GuestMemory Memory => Process.Memory;
    public bool BigEndian => Process.Abi.BigEndian;

    /// <summary>The CPU state of the calling thread.</summary>
    public void* State { get; set; }
    public int Number { get; set; }
    public uint[] Args { get; } = new uint[MaxArgs];

    /// <summary>Set by a handler whose EPIPE must not raise SIGPIPE (send with MSG_NOSIGNAL).</summary>
    public bool NoSigpipe { get; set; }

    public uint this[int index] => Args[index];
    public int Int(int index) => (int)Args[index];

    /// <summary>A 64-bit argument passed in the register pair starting at index (ABI word order).</summary>
    public long Int64(int index) => BigEndian
        ? (long)((ulong)Args[index] << 32 | Args[index + 1])
        : (long)((ulong)Args[index + 1] << 32 | Args[index]);

    public static long Error(int errno) => -errno;

    // ---- guest memory

    /// <summary>Host pointer to readable guest memory, or null.</summary>
    public byte* Readable(uint address, ulong length) =>
        Memory.IsAccessible(address, length, PagePermissions.Read) ? Memory.Base + address : null;

    /// <summary>Host pointer to writable guest memory (translated code on it is invalidated), or null.</summary>
    public byte* Writable(uint address, ulong length)
    {
        if (!Memory.IsAccessible(address, length, PagePermissions.Write)) return null;
        if (length > 0 && !Memory.StoreSlowPath(address, (int)Math.Min(length, int.MaxValue))) return null;
        return Memory.Base + address;
    }

    public bool Read(uint address, Span<byte> into) => Memory.TryRead(address, into);
    public bool Write(uint address, ReadOnlySpan<byte> data) => Memory.TryWrite(address, data);
    public bool ReadU32(uint address, out uint value) => Memory.TryReadU32(address, BigEndian, out value);
    public bool WriteU32(uint address, uint value) => Memory.TryWriteU32(address, value, BigEndian);

    public bool WriteU64(uint address, ulong value)
    {
        Span<byte> b = stackalloc byte[8];
        new GuestStruct(b, BigEndian).Put(Field.U64(0), value);
        return Write(address, b);
    }

    public string? ReadString(uint address) => Memory.TryReadCString(address, 4096);

    /// <summary>A guest path made host-usable (-L sysroot, /proc/self/exe); null when unreadable (PathError says why).</summary>
    public string? ReadPath(uint address)
    {
        var s = ReadName(address);
        return s == null ? null : HostPath(s);
    }

    /// <summary>A guest path as the host must see it: a descriptor path names the host descriptor
    /// behind the guest's (/dev/fd/N...), then the -L sysroot and /proc/self/exe apply.</summary>
    public string HostPath(string guestPath) =>
        Files.DescriptorPaths.ToHost(guestPath, Process.Files, Process.Pid) ?? Process.Paths.ToHost(guestPath);

    /// <summary>A file name as the guest wrote it (a symlink's target); null when unreadable (PathError says why).</summary>
    public string? ReadName(uint address)
    {
        var s = ReadString(address);
        // As the kernel's getname: no NUL in PATH_MAX readable bytes is a name too long, a fault before it EFAULT.
        if (s == null) PathError = Read(address, new byte[PathMax]) ? -ENAMETOOLONG : -EFAULT;
        return s;
    }

    /// <summary>Why the last ReadPath or ReadName gave null: -EFAULT or -ENAMETOOLONG.</summary>
    public long PathError { get; private set; } = -EFAULT;

    const int PathMax = 4096;

    public GuestStruct Struct(Span<byte> buffer) => new(buffer, BigEndian);
}
