using CrossEmu.Isa.Memory;
using static CrossEmu.Isa.Host.Libc;

namespace CrossEmu.Machines.Linux.Processes;

/// <summary>
/// A vfork child (vfork, or clone with CLONE_VM|CLONE_VFORK as glibc's posix_spawn uses) shares its
/// parent's memory on Linux until it execs or exits, and programs rely on it: posix_spawn's child writes
/// the exec error where the parent reads it. A CrossEmu fork child has a copy-on-write copy instead, so
/// when it lets the parent go on, it sends back every page it wrote: the pages of its copy that are no
/// longer the parent's file pages (/proc/self/pagemap bit 61 clear on a present page). The parent, which
/// waits meanwhile, writes them into its own memory before it returns from vfork.
/// </summary>
public static unsafe class VforkWriteBack
{
    const int PageSize = (int)GuestMemory.PageSize, HeaderSize = 8;
    const ulong Present = 1UL << 63, FileOrShared = 1UL << 61;

    /// <summary>Child side: every written page of the shared ranges as (address, length, bytes) records on fd.</summary>
    public static void Send(LinuxProcess child, int fd)
    {
        int pagemap = open("/proc/self/pagemap", O_RDONLY | O_CLOEXEC, 0);
        if (pagemap < 0) return;
        try
        {
            var space = child.AddressSpace;
            byte* header = stackalloc byte[HeaderSize];
            for (uint page = 0; page < 1u << (32 - GuestMemory.PageShift); page++)
            {
                if (!space.IsUsed(page)) continue;
                byte* host = child.Memory.Base + ((ulong)page << GuestMemory.PageShift);
                ulong entry;
                if (pread64(pagemap, (byte*)&entry, 8, (long)((ulong)host / (ulong)PageSize * 8)) != 8) continue;
                if ((entry & Present) == 0 || (entry & FileOrShared) != 0) continue;
                *(uint*)header = page << GuestMemory.PageShift;
                *(uint*)(header + 4) = (uint)PageSize;
                if (!WriteAll(fd, header, HeaderSize) || !WriteAll(fd, host, PageSize)) return;
            }
        }
        finally { close(pagemap); }
    }

    /// <summary>Parent side: applies the child's records until it closes the pipe (its execve or exit).</summary>
    public static void Receive(LinuxProcess parent, int fd)
    {
        byte* header = stackalloc byte[HeaderSize];
        var page = new byte[PageSize];
        while (ReadAll(fd, header, HeaderSize))
        {
            uint address = *(uint*)header, length = *(uint*)(header + 4);
            if (length != PageSize) return;
            fixed (byte* p = page)
                if (!ReadAll(fd, p, PageSize)) return;
            lock (parent.AddressSpace)
                if (parent.AddressSpace.IsUsed(address >> GuestMemory.PageShift)) parent.Memory.WriteUnchecked(address, page);
        }
    }

    static bool WriteAll(int fd, byte* p, int length)
    {
        for (int done = 0; done < length;)
        {
            nint n = write(fd, p + done, (nuint)(length - done));
            if (n <= 0) return false;
            done += (int)n;
        }
        return true;
    }

    /// <summary>Reads exactly length bytes; false at end of file (or an error) first.</summary>
    static bool ReadAll(int fd, byte* p, int length)
    {
        for (int done = 0; done < length;)
        {
            nint n = read(fd, p + done, (nuint)(length - done));
            if (n < 0 && System.Runtime.InteropServices.Marshal.GetLastPInvokeError() == Isa.Host.Errno.EINTR) continue;
            if (n <= 0) return false;
            done += (int)n;
        }
        return true;
    }
}
