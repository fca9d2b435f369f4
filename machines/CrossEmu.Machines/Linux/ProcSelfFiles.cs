using System.Text;
using static CrossEmu.Machines.Linux.Host.Libc;

namespace CrossEmu.Machines.Linux;

/// <summary>
/// The /proc/self files whose host contents describe the emulator instead of the guest: `auxv`
/// (the host's is 64-bit, the .NET runtime's) and `cmdline` (`dotnet crossemu.dll run ...`).
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
            _ => null,
        };
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
