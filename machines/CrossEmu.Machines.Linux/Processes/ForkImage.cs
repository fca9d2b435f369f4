using CrossEmu.Isa;
using CrossEmu.Isa.Host;
using CrossEmu.Machines.Linux.Signals;

namespace CrossEmu.Machines.Linux.Processes;

/// <summary>One guest descriptor handed to a fork child: its number, FD_CLOEXEC, the host descriptor
/// number the child process finds it under, and what the runtime adds to the host file (EmulatedFile.ForFork).</summary>
public readonly record struct InheritedDescriptor(int GuestFd, bool CloseOnExec, int ChildHostFd, Files.ForkedEmulation? Emulation = null);

/// <summary>A run of guest pages with the same permissions, whose contents are in the memory file
/// at the offset of their guest address (pages of zeros are holes there).</summary>
public readonly record struct PageRun(uint Address, uint Length, byte Permissions);

/// <summary>Guest pages that are a MAP_SHARED mapping: the child maps the file it finds under ChildFd, from Offset,
/// shared, with these permissions (the pages are not in the memory file).</summary>
public readonly record struct SharedRun(uint Address, uint Length, byte Permissions, int ChildFd, long Offset);

/// <summary>
/// Everything a fork child takes over from its parent but the memory contents: what the guest
/// program is, the CPU registers (with fork's result already 0), the address-space bookkeeping, signal
/// dispositions and mask, descriptors, limits, and how the emulator was asked to run. Written by the
/// parent into an anonymous file the child reads at start.
/// </summary>
public sealed class ForkImage
{
    const uint Magic = 0x4b524f46; // "FORK"

    public required string IsaName { get; init; }
    public required string ExecutablePath { get; init; }
    public string? Sysroot { get; init; }
    public required IReadOnlyList<string> Arguments { get; init; }
    public required byte[] AuxiliaryVector { get; init; }
    public required byte[] ThreadName { get; init; }
    public required byte[] CpuState { get; init; }
    public required GuestSigaction[] Dispositions { get; init; }
    public ulong BlockedSignals { get; init; }
    public required IReadOnlyList<InheritedDescriptor> Descriptors { get; init; }
    public int DescriptorLimit { get; init; }
    public required IReadOnlyDictionary<int, HostRlimit> Limits { get; init; }
    public required ulong[] UsedPages { get; init; }
    public required ulong[] WriteDeniedPages { get; init; }
    public uint BrkStart { get; init; }
    public uint Brk { get; init; }
    public required IReadOnlyList<PageRun> Pages { get; init; }
    public IReadOnlyList<SharedRun> SharedPages { get; init; } = [];
    public LogFlags Log { get; init; }
    public bool Strace { get; init; }
    public bool InterpretOnly { get; init; }
    /// <summary>CLONE_CHILD_SETTID/CLEARTID's address in the child (0: none).</summary>
    public uint ChildTidAddress { get; init; }
    public bool SetChildTid { get; init; }
    /// <summary>The child's host descriptor of the pipe whose closing tells a vfork parent to go on; -1: none.</summary>
    public int VforkDoneFd { get; init; } = -1;

    public void Write(Stream stream)
    {
        using var w = new BinaryWriter(stream, System.Text.Encoding.UTF8, leaveOpen: true);
        w.Write(Magic);
        w.Write(IsaName); w.Write(ExecutablePath); w.Write(Sysroot ?? ""); 
        w.Write(Arguments.Count); foreach (var a in Arguments) w.Write(a);
        Bytes(w, AuxiliaryVector); Bytes(w, ThreadName); Bytes(w, CpuState);
        w.Write(Dispositions.Length);
        foreach (var d in Dispositions) { w.Write(d.Handler); w.Write(d.Flags); w.Write(d.Restorer); w.Write(d.Mask); }
        w.Write(BlockedSignals);
        w.Write(Descriptors.Count);
        foreach (var d in Descriptors)
        {
            w.Write(d.GuestFd); w.Write(d.CloseOnExec); w.Write(d.ChildHostFd);
            w.Write(d.Emulation?.Kind ?? ""); w.Write(d.Emulation?.Mask ?? 0);
        }
        w.Write(DescriptorLimit);
        w.Write(Limits.Count);
        foreach (var (resource, limit) in Limits) { w.Write(resource); w.Write(limit.Current); w.Write(limit.Max); }
        Words(w, UsedPages); Words(w, WriteDeniedPages);
        w.Write(BrkStart); w.Write(Brk);
        w.Write(Pages.Count);
        foreach (var r in Pages) { w.Write(r.Address); w.Write(r.Length); w.Write(r.Permissions); }
        w.Write(SharedPages.Count);
        foreach (var r in SharedPages) { w.Write(r.Address); w.Write(r.Length); w.Write(r.Permissions); w.Write(r.ChildFd); w.Write(r.Offset); }
        w.Write((int)Log); w.Write(Strace); w.Write(InterpretOnly);
        w.Write(ChildTidAddress); w.Write(SetChildTid); w.Write(VforkDoneFd);
    }

    public static ForkImage Read(Stream stream)
    {
        using var r = new BinaryReader(stream, System.Text.Encoding.UTF8, leaveOpen: true);
        if (r.ReadUInt32() != Magic) throw new InvalidDataException("not a CrossEmu fork image");
        string isa = r.ReadString(), exe = r.ReadString(), sysroot = r.ReadString();
        var args = new string[r.ReadInt32()];
        for (int i = 0; i < args.Length; i++) args[i] = r.ReadString();
        byte[] auxv = Bytes(r), name = Bytes(r), cpu = Bytes(r);
        var dispositions = new GuestSigaction[r.ReadInt32()];
        for (int i = 0; i < dispositions.Length; i++)
            dispositions[i] = new GuestSigaction(r.ReadUInt32(), r.ReadUInt32(), r.ReadUInt32(), r.ReadUInt64());
        ulong blocked = r.ReadUInt64();
        var descriptors = new InheritedDescriptor[r.ReadInt32()];
        for (int i = 0; i < descriptors.Length; i++)
        {
            var (fd, cloexec, host, kind, mask) = (r.ReadInt32(), r.ReadBoolean(), r.ReadInt32(), r.ReadString(), r.ReadUInt64());
            descriptors[i] = new InheritedDescriptor(fd, cloexec, host, kind == "" ? null : new Files.ForkedEmulation(kind, mask));
        }
        int descriptorLimit = r.ReadInt32();
        var limits = new Dictionary<int, HostRlimit>();
        for (int i = r.ReadInt32(); i > 0; i--) limits[r.ReadInt32()] = new HostRlimit { Current = r.ReadUInt64(), Max = r.ReadUInt64() };
        ulong[] used = Words(r), denied = Words(r);
        uint brkStart = r.ReadUInt32(), brk = r.ReadUInt32();
        var pages = new PageRun[r.ReadInt32()];
        for (int i = 0; i < pages.Length; i++) pages[i] = new PageRun(r.ReadUInt32(), r.ReadUInt32(), r.ReadByte());
        var shared = new SharedRun[r.ReadInt32()];
        for (int i = 0; i < shared.Length; i++)
            shared[i] = new SharedRun(r.ReadUInt32(), r.ReadUInt32(), r.ReadByte(), r.ReadInt32(), r.ReadInt64());
        return new ForkImage
        {
            IsaName = isa, ExecutablePath = exe, Sysroot = sysroot.Length == 0 ? null : sysroot, Arguments = args,
            AuxiliaryVector = auxv, ThreadName = name, CpuState = cpu, Dispositions = dispositions, BlockedSignals = blocked,
            Descriptors = descriptors, DescriptorLimit = descriptorLimit, Limits = limits, UsedPages = used, WriteDeniedPages = denied, SharedPages = shared,
            BrkStart = brkStart, Brk = brk, Pages = pages,
            Log = (LogFlags)r.ReadInt32(), Strace = r.ReadBoolean(), InterpretOnly = r.ReadBoolean(),
            ChildTidAddress = r.ReadUInt32(), SetChildTid = r.ReadBoolean(), VforkDoneFd = r.ReadInt32(),
        };
    }

    static void Bytes(BinaryWriter w, byte[] b) { w.Write(b.Length); w.Write(b); }
    static byte[] Bytes(BinaryReader r) => r.ReadBytes(r.ReadInt32());

    static void Words(BinaryWriter w, ulong[] words)
    {
        w.Write(words.Length);
        foreach (var x in words) w.Write(x);
    }

    static ulong[] Words(BinaryReader r)
    {
        var words = new ulong[r.ReadInt32()];
        for (int i = 0; i < words.Length; i++) words[i] = r.ReadUInt64();
        return words;
    }
}
