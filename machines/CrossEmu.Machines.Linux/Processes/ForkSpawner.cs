using CrossEmu.Isa.Host;
using CrossEmu.Isa.Memory;
using CrossEmu.Machines.Linux.Memory;
using Microsoft.Win32.SafeHandles;
using static CrossEmu.Isa.Host.Errno;
using static CrossEmu.Isa.Host.Libc;

namespace CrossEmu.Machines.Linux.Processes;

/// <summary>What a fork-like clone asks for: the child's new stack (0: the parent's), whether the parent
/// waits for the child's execve or exit (vfork), and the CLONE_CHILD_SETTID/CLEARTID address.</summary>
public readonly record struct ForkRequest(uint NewStack, bool Vfork, uint ChildTid, bool SetChildTid, bool ClearChildTid);

/// <summary>
/// fork for a .NET process, which cannot fork itself (the child would have one thread of a runtime
/// that needs several): a new CrossEmu process is started with posix_spawn and takes the guest over.
/// The parent writes the guest's pages into a memory file (zero pages stay holes) that the child maps
/// copy-on-write, and everything else into a small image file; the guest descriptors are passed as
/// host descriptors. The child is a real host process, so pids, wait4, kill and process groups are
/// the host's own.
/// </summary>
public static unsafe class ForkSpawner
{
    /// <summary>Starts the child; returns its pid, or -errno.</summary>
    public static long Spawn(LinuxProcess p, void* state, ForkRequest request)
    {
        var launch = p.Launch;
        var command = launch?.Options.EmulatorCommand;
        if (launch == null || command == null || command.Count == 0) return -ENOSYS;
        if (TaskLimit.ForkWouldExceed(p)) return -EAGAIN;

        var cpu = new byte[launch.StateSize];
        new ReadOnlySpan<byte>(state, cpu.Length).CopyTo(cpu);
        fixed (byte* copy = cpu)
        {
            p.Abi.WriteSyscallResult(copy, 0);   // fork returns 0 in the child
            if (request.NewStack != 0) p.Abi.SetStackPointer(copy, request.NewStack);
        }

        int memoryFd = memfd_create("crossemu-fork-memory", MFD_CLOEXEC);
        int imageFd = memfd_create("crossemu-fork-image", MFD_CLOEXEC);
        int* vfork = stackalloc int[2] { -1, -1 };
        try
        {
            if (memoryFd < 0 || imageFd < 0) return -ENOMEM;
            if (request.Vfork && pipe2(vfork, O_CLOEXEC) != 0) return -EAGAIN;
            ulong[] used, denied;
            uint brkStart, brk;
            List<PageRun>? pages;
            List<SharedMappings.Range> sharedRanges;
            lock (p.AddressSpace)
            {
                (used, denied, brkStart, brk) = p.AddressSpace.Snapshot();
                sharedRanges = [.. p.AddressSpace.Shared.All];
                // Shared pages are not copied: the child maps their files.
                var copied = (ulong[])used.Clone();
                foreach (var r in sharedRanges) ClearBits(copied, r.Start, r.Length);
                pages = WriteMemory(p.Memory, copied, memoryFd);
            }
            if (pages == null) return -ENOMEM;

            // Every descriptor handed down lands above all the ones being passed, so no dup2 clobbers a source.
            var table = p.Files.Snapshot();
            int next = Math.Max(Math.Max(memoryFd, imageFd), Math.Max(vfork[0], vfork[1])) + 1;
            foreach (var (_, d) in table) next = Math.Max(next, d.HostFd + 1);
            var passes = new List<(int From, int To)>();
            var descriptors = new List<InheritedDescriptor>();
            foreach (var (fd, d) in table)
            {
                descriptors.Add(new InheritedDescriptor(fd, d.CloseOnExec, next, d.Emulation?.ForFork));
                passes.Add((d.HostFd, next++));
            }
            var sharedRuns = new List<SharedRun>();
            foreach (var r in sharedRanges)
            {
                int childFd = next++;
                passes.Add((r.Fd, childFd));
                foreach (var (address, length, perms) in PermissionRuns(p.Memory, r.Start, r.Length))
                    sharedRuns.Add(new SharedRun(address, length, perms, childFd, r.Offset + (address - r.Start)));
            }
            int childImage = next++, childMemory = next++, childVfork = request.Vfork ? next++ : -1;
            passes.Add((imageFd, childImage));
            passes.Add((memoryFd, childMemory));
            if (request.Vfork) passes.Add((vfork[1], childVfork));

            var image = new ForkImage
            {
                IsaName = launch.Isa.Name, ExecutablePath = p.Paths.ExecutablePath, Sysroot = p.Paths.Sysroot,
                Arguments = p.Arguments, AuxiliaryVector = p.AuxiliaryVector, ThreadName = p.CurrentThreadName(), CpuState = cpu,
                Dispositions = p.Signals.Dispositions(), BlockedSignals = p.Signals.Blocked,
                Descriptors = descriptors, DescriptorLimit = p.Files.Limit, Limits = new Dictionary<int, HostRlimit>(p.GuestLimits),
                UsedPages = used, WriteDeniedPages = denied, BrkStart = brkStart, Brk = brk, Pages = pages, SharedPages = sharedRuns,
                Log = launch.Options.Log, Strace = launch.Options.Strace, InterpretOnly = launch.Options.Engine?.InterpretOnly ?? false,
                ChildTidAddress = request.SetChildTid || request.ClearChildTid ? request.ChildTid : 0, SetChildTid = request.SetChildTid,
                VforkDoneFd = childVfork,
            };
            using (var stream = new FileStream(new SafeFileHandle(imageFd, ownsHandle: false), FileAccess.ReadWrite))
            {
                image.Write(stream);
                stream.Flush();
            }
            lseek64(imageFd, 0, 0);

            var argv = new List<string>(command) { ForkChildVerb, childImage.ToString(), childMemory.ToString() };
            // Signals sent to the child before its forwarder runs wait, blocked, instead of meeting the .NET
            // runtime's own handlers (a SIGTERM there began the runtime's shutdown under the starting guest).
            int pid = HostSpawn.Start(command[0], argv, passes, blocked: Signals.HostSignalForwarder.Forwardable);
            if (pid < 0) return pid;
            if (request.Vfork)
            {
                close(vfork[1]);
                vfork[1] = -1;
                VforkWriteBack.Receive(p, vfork[0]);
            }
            return pid;
        }
        finally
        {
            if (memoryFd >= 0) close(memoryFd);
            if (imageFd >= 0) close(imageFd);
            if (vfork[0] >= 0) close(vfork[0]);
            if (vfork[1] >= 0) close(vfork[1]);
        }
    }

    /// <summary>The hidden command a fork child is started with: `crossemu fork-child IMAGE-FD MEMORY-FD`.</summary>
    public const string ForkChildVerb = "fork-child";

    /// <summary>
    /// Writes every page that belongs to a mapping and holds a non-zero byte into the memory file at its
    /// guest address, and returns the mapped page runs with their permissions; null when the file cannot
    /// take them. An untouched 8 MiB stack costs nothing: its pages read as zero and stay holes.
    /// </summary>
    static void ClearBits(ulong[] bits, uint address, ulong length)
    {
        for (ulong page = address >> GuestMemory.PageShift; page < (address + length) >> GuestMemory.PageShift; page++)
            bits[page >> 6] &= ~(1UL << (int)(page & 63));
    }

    /// <summary>A range cut where its pages' permissions change (mprotect may have made them differ).</summary>
    static IEnumerable<(uint Address, uint Length, byte Permissions)> PermissionRuns(GuestMemory memory, uint start, ulong length)
    {
        ulong end = start + length, at = start;
        while (at < end)
        {
            byte perms = (byte)(memory.PermissionsAt((uint)at) & PagePermissions.All);
            ulong next = at + GuestMemory.PageSize;
            while (next < end && (byte)(memory.PermissionsAt((uint)next) & PagePermissions.All) == perms) next += GuestMemory.PageSize;
            yield return ((uint)at, (uint)(next - at), perms);
            at = next;
        }
    }

    static List<PageRun>? WriteMemory(GuestMemory memory, ulong[] used, int fd)
    {
        var runs = new List<PageRun>();
        const int Pages = 1 << (32 - GuestMemory.PageShift);
        int page = 0;
        while (page < Pages)
        {
            if (used[page >> 6] == 0) { page = (page | 63) + 1; continue; }
            if ((used[page >> 6] & (1UL << (page & 63))) == 0) { page++; continue; }
            byte perms = (byte)(memory.PermissionsAt((uint)page << GuestMemory.PageShift) & PagePermissions.All);
            int end = page + 1;
            while (end < Pages && (used[end >> 6] & (1UL << (end & 63))) != 0
                && (byte)(memory.PermissionsAt((uint)end << GuestMemory.PageShift) & PagePermissions.All) == perms) end++;
            if (!CopyNonZeroPages(memory, page, end, fd)) return null;
            runs.Add(new PageRun((uint)page << GuestMemory.PageShift, (uint)(end - page) << GuestMemory.PageShift, perms));
            page = end;
        }
        return runs;
    }

    static bool CopyNonZeroPages(GuestMemory memory, int first, int end, int fd)
    {
        int page = first;
        while (page < end)
        {
            while (page < end && IsZeroPage(memory, page)) page++;
            int start = page;
            while (page < end && !IsZeroPage(memory, page)) page++;
            if (start == page) continue;
            long offset = (long)start << GuestMemory.PageShift, length = (long)(page - start) << GuestMemory.PageShift;
            for (long done = 0; done < length;)
            {
                nint n = pwrite64(fd, memory.Base + offset + done, (nuint)(length - done), offset + done);
                if (n <= 0) return false;
                done += n;
            }
        }
        return true;
    }

    static bool IsZeroPage(GuestMemory memory, int page) =>
        new ReadOnlySpan<byte>(memory.Base + ((long)page << GuestMemory.PageShift), (int)GuestMemory.PageSize).IndexOfAnyExcept((byte)0) < 0;
}
