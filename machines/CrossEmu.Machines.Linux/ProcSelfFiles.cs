using System.Text;
using CrossEmu.Isa.Memory;
using static CrossEmu.Isa.Host.Libc;

namespace CrossEmu.Machines.Linux;

/// <summary>
/// The /proc/self files whose host contents describe the emulator instead of the guest: `auxv`
/// (the host's is 64-bit, the .NET runtime's), `cmdline` (`dotnet crossemu.dll run ...`) and
/// `maps` (glibc's pthread_getattr_np reads it to find the main thread's stack).
/// Opening one gives the guest an in-memory file with the guest's contents, as qemu-user does.
/// </summary>
public static class ProcSelfFiles
{
    /// <summary>The guest's contents of path, or null when the host's file is right for the guest.</summary>
    public static byte[]? Contents(LinuxProcess process, string path)
    {
        string? name = path.StartsWith("/proc/self/", StringComparison.Ordinal) ? path["/proc/self/".Length..]
            : path.StartsWith($"/proc/{process.Pid}/", StringComparison.Ordinal) ? path[$"/proc/{process.Pid}/".Length..]
            : null;
        return name switch
        {
            "auxv" => process.AuxiliaryVector,
            "cmdline" => Encoding.UTF8.GetBytes(string.Concat(process.Arguments.Select(a => a + "\0"))),
            "maps" => Encoding.ASCII.GetBytes(Maps(process.AddressSpace)),
            _ => null,
        };
    }

    /// <summary>
    /// The guest's mappings in /proc/PID/maps form, one line per run of pages with the same
    /// permissions; the stack and the brk heap are named. Files are not named: the address space
    /// keeps no names, and what readers look for is the ranges.
    /// </summary>
    public static string Maps(Memory.AddressSpace space)
    {
        var layout = space.Layout;
        var sb = new StringBuilder();
        const uint Pages = 1u << (32 - GuestMemory.PageShift);
        PagePermissions Perms(uint p) => space.Memory.PermissionsAt(p << GuestMemory.PageShift) & PagePermissions.All;
        // Runs also end where the heap and the stack begin, which Linux keeps as mappings of their own.
        uint heapPage = space.BrkStart >> GuestMemory.PageShift, stackPage = layout.StackBottom >> GuestMemory.PageShift;
        uint page = 0;
        while (page < Pages)
        {
            if (!space.IsUsed(page)) { page++; continue; }
            var perms = Perms(page);
            uint end = page + 1;
            while (end < Pages && space.IsUsed(end) && end != heapPage && end != stackPage && Perms(end) == perms) end++;
            ulong from = (ulong)page << GuestMemory.PageShift, to = (ulong)end << GuestMemory.PageShift;
            string name = from < layout.StackTop && to > layout.StackBottom ? "[stack]"
                : space.Brk > space.BrkStart && from < space.Brk && to > space.BrkStart ? "[heap]" : "";
            sb.Append($"{from:x8}-{to:x8} ")
              .Append((perms & PagePermissions.Read) != 0 ? 'r' : '-')
              .Append((perms & PagePermissions.Write) != 0 ? 'w' : '-')
              .Append((perms & PagePermissions.Execute) != 0 ? 'x' : '-')
              .Append("p 00000000 00:00 0");
            sb.Append(name.Length > 0 ? new string(' ', 10) + name : "").Append('\n');
            page = end;
        }
        return sb.ToString();
    }

    /// <summary>A host fd for an anonymous, readable file holding data (memfd), positioned at its start.</summary>
    public static unsafe long OpenInMemory(byte[] data, bool closeOnExec)
    {
        int fd = memfd_create("crossemu-proc", closeOnExec ? MFD_CLOEXEC : 0);
        if (fd < 0) return Sys(fd);
        fixed (byte* p = data)
            for (nuint done = 0; done < (nuint)data.Length;)
            {
                nint n = write(fd, p + done, (nuint)data.Length - done);
                if (n <= 0)
                {
                    long error = Sys(n);
                    close(fd);
                    return error;
                }
                done += (nuint)n;
            }
        lseek64(fd, 0, 0);
        return fd;
    }
}
