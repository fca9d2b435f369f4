using System.Text;
using CrossEmu.Isa.Host;
using CrossEmu.Machines.Linux.Signals;
using static CrossEmu.Isa.Host.Libc;

namespace CrossEmu.Machines.Linux.Processes;

/// <summary>
/// execve of a host (x86-64) program from a guest: the emulator's process becomes that program, as
/// under qemu-user. First the host descriptors are laid out as the guest's table says (guest fd N is
/// host fd N, FD_CLOEXEC ones left out, the emulator's own all close on exec), and the guest's signal
/// mask and ignored signals become the host's, which the new program inherits.
/// </summary>
static unsafe class HostExec
{
    /// <summary>Only returns on failure (-errno); by then the descriptors may have been rearranged.</summary>
    public static long Run(LinuxProcess p, string path, List<byte[]> argv, List<byte[]> envp)
    {
        using var args = new NativeStrings(argv);
        using var env = new NativeStrings(envp);
        p.Files.CloseOnExecDescriptors();
        p.ReleaseVforkParent();
        LayOutDescriptors(p);
        InheritSignals(p);
        var pathBytes = Encoding.UTF8.GetBytes(path + "\0");
        fixed (byte* s = pathBytes) execve(s, args.Array, env.Array);
        return Sys(-1);
    }

    static void LayOutDescriptors(LinuxProcess p)
    {
        var table = p.Files.Snapshot();
        int above = 3;
        foreach (var (fd, d) in table) above = Math.Max(above, Math.Max(fd, d.HostFd) + 1);
        // Copies out of the way first, so that placing one descriptor never overwrites another's source.
        var moved = table.Select(e => (e.Fd, Temp: fcntl(e.Descriptor.HostFd, F_DUPFD_CLOEXEC, above))).ToList();
        for (int fd = 0; fd <= 2; fd++)
            if (p.Files[fd] == null) fcntl(fd, F_SETFD, FD_CLOEXEC);   // the emulator's stdio, which the guest closed
        foreach (var (fd, temp) in moved)
            if (temp >= 0) dup2(temp, fd);   // dup2 leaves FD_CLOEXEC clear on fd
    }

    static void InheritSignals(LinuxProcess p)
    {
        var dispositions = p.Signals.Dispositions();
        ulong* mask = stackalloc ulong[HostSignals.SigsetWords];
        new Span<ulong>(mask, HostSignals.SigsetWords).Clear();
        for (int guest = 1; guest < dispositions.Length; guest++)
        {
            int host = p.Abi.ToHostSignal(guest);
            if (host is <= 0 or > HostSignals.Count or HostSignals.SIGKILL or HostSignals.SIGSTOP) continue;
            var action = new HostSigaction { Handler = dispositions[guest].IsIgnored ? 1 : 0 };
            sigaction(host, &action, null);
            if ((p.Signals.Blocked & SignalState.Bit(guest)) != 0) HostSignals.AddToSet(mask, host);
        }
        pthread_sigmask(SIG_SETMASK, mask, null);
    }
}
