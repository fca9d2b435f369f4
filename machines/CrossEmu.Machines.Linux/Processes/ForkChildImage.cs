using CrossEmu.Isa.Guests;
using CrossEmu.Isa.Memory;
using CrossEmu.Machines.Linux.Abi;
using CrossEmu.Machines.Linux.Files;
using CrossEmu.Machines.Linux.Signals;
using static CrossEmu.Isa.Host.Libc;

namespace CrossEmu.Machines.Linux.Processes;

/// <summary>
/// A fork child's start: the parent's pages are mapped copy-on-write from the memory file the parent
/// wrote (a page is copied only when the child writes it), its registers, descriptors, signal
/// dispositions and mask, limits and address-space bookkeeping are taken over as they were.
/// </summary>
public sealed unsafe class ForkChildImage(GuestIsaRegistry guests, ForkImage image, int memoryFd) : IProcessImage
{
    public ILinuxGuest Isa { get; } = guests.Find(image.IsaName) as ILinuxGuest
        ?? throw new GuestLoadException($"fork: the parent's ISA {image.IsaName} is unknown here");

    public LinuxProcess Create(GuestMemory memory, UserModeOptions options)
    {
        foreach (var run in image.Pages)
        {
            int error = memory.MapHostFile(run.Address, run.Length, memoryFd, run.Address, shared: false, (PagePermissions)run.Permissions);
            if (error != 0) throw new GuestLoadException($"fork: cannot map the parent's memory (errno {error})");
        }
        close(memoryFd);
        foreach (var run in image.SharedPages)
        {
            int error = memory.MapHostFile(run.Address, run.Length, run.ChildFd, run.Offset, shared: true, (PagePermissions)run.Permissions);
            if (error != 0) throw new GuestLoadException($"fork: cannot map the parent's shared memory (errno {error})");
        }
        var files = new DescriptorTable { Limit = image.DescriptorLimit };
        var signalFiles = new List<(int GuestFd, int Host, ulong Mask, bool CloseOnExec)>();
        foreach (var d in image.Descriptors)
        {
            int host = fcntl(d.ChildHostFd, F_DUPFD_CLOEXEC, 3);
            close(d.ChildHostFd);
            if (host < 0) continue;
            if (d.Emulation is { Kind: ForkedEmulation.SignalFd } s) signalFiles.Add((d.GuestFd, host, s.Mask, d.CloseOnExec));
            else files.Install(d.GuestFd, host, d.CloseOnExec, d.Emulation is { Kind: ForkedEmulation.Counter } ? new CounterFile() : null);
        }
        var signals = SignalState.Inherit(image.Dispositions, image.BlockedSignals);
        var process = new LinuxProcess(Isa.LinuxAbi, memory, new PathResolver(image.Sysroot, image.ExecutablePath), options.Log,
            options.LogWriter, options.ErrorWriter, options.Strace, files, signals, new Dictionary<int, Isa.Host.HostRlimit>(image.Limits))
        {
            Arguments = image.Arguments, AuxiliaryVector = image.AuxiliaryVector, ThreadName = image.ThreadName,
            ClearChildTid = image.ChildTidAddress, VforkDone = image.VforkDoneFd,
        };
        process.AddressSpace.Restore(image.UsedPages, image.WriteDeniedPages, image.BrkStart, image.Brk);
        foreach (var run in image.SharedPages) process.AddressSpace.Shared.Add(run.Address, run.Length, run.ChildFd, run.Offset);
        foreach (int fd in image.SharedPages.Select(r => r.ChildFd).Distinct()) close(fd);
        // A signalfd watches its own process's signals: the child's needs the child's process.
        foreach (var (fd, host, mask, closeOnExec) in signalFiles)
            Signals.SignalFile.InstallInForkChild(process, fd, host, mask, closeOnExec);
        // CLONE_CHILD_SETTID: the child's tid at ctid, in the child's memory (glibc's fork caches it there).
        if (image.SetChildTid && image.ChildTidAddress != 0)
            memory.TryWriteU32(image.ChildTidAddress, (uint)process.Pid, Isa.LinuxAbi.BigEndian);
        return process;
    }

    public void InitState(LinuxProcess process, void* state) =>
        image.CpuState.AsSpan().CopyTo(new Span<byte>(state, image.CpuState.Length));
}
