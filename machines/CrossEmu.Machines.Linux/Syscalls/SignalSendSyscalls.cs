using CrossEmu.Isa.Host;
using CrossEmu.Machines.Linux.Signals;
using static CrossEmu.Isa.Host.Errno;
using static CrossEmu.Isa.Host.Libc;

namespace CrossEmu.Machines.Linux.Syscalls;

/// <summary>kill, tkill, tgkill and the sigqueue calls: a signal to ourselves is posted to the
/// runtime's pending set, one to another process goes through the host.</summary>
static unsafe class SignalSendSyscalls
{
    public static void Register(SyscallCatalog c)
    {
        c.Add("kill", Kill, "pid:int, sig:signal");
        c.Add("tkill", c2 => ThreadKill(c2, c2.Int(0), c2.Int(1)), "tid:int, sig:signal");
        c.Add("tgkill", c2 => c2.Int(0) == c2.Process.Pid ? ThreadKill(c2, c2.Int(1), c2.Int(2)) : -ESRCH, "tgid:int, tid:int, sig:signal");
        c.Add("rt_sigqueueinfo", c2 => QueueInfo(c2, c2.Int(0), c2.Int(0), c2.Int(1), c2[2]), "tgid:int, sig:signal, info:siginfo");
        c.Add("rt_tgsigqueueinfo", c2 => QueueInfo(c2, c2.Int(0), c2.Int(1), c2.Int(2), c2[3]), "tgid:int, tid:int, sig:signal, info:siginfo");
    }

    /// <summary>
    /// kill: a signal to ourselves is posted to our own pending set (delivered before the guest goes on, as on
    /// Linux). One to a process group we are in (0, -pgrp) also goes through the host to the other members; the
    /// copy the kernel gives us too is dropped by OnHostSignal (SI_USER from our own pid). -1 reaches every
    /// process we may signal but not us, as on Linux. A guest sharing its host process with others (tests) keeps
    /// the signals it sends its group or everyone to itself: the host's group is not its.
    /// </summary>
    static long Kill(SyscallContext c)
    {
        int pid = c.Int(0), signal = c.Int(1);
        var p = c.Process;
        if (signal < 0 || signal > HostSignals.Count) return -EINVAL;
        bool ownGroup = pid == 0 || pid == -getpgrp();
        long r = 0;
        if (pid == -1 && !p.OwnsHostProcess) return 0;
        if (pid != p.Pid && (!ownGroup || p.OwnsHostProcess)) r = Sys(kill(pid, signal == 0 ? 0 : p.Abi.ToHostSignal(signal)));
        if (r == 0 && signal != 0 && (pid == p.Pid || ownGroup))
            SignalDelivery.Raise(p, new SignalInfo(signal, HostSignals.SI_USER, Pid: p.Pid, Uid: getuid()));
        return r;
    }

    static long ThreadKill(SyscallContext c, int tid, int signal)
    {
        var p = c.Process;
        if (signal < 0 || signal > HostSignals.Count || tid <= 0) return -EINVAL;
        var info = new SignalInfo(signal, HostSignals.SI_TKILL, Pid: p.Pid, Uid: getuid());
        if (p.FindThread(tid) is { } thread)
        {
            if (signal != 0) SignalDelivery.RaiseOnThread(p, thread, info);
            return 0;
        }
        if (tid != p.Pid) return -ESRCH;   // not running yet (a test): the main thread
        if (signal != 0) SignalDelivery.Raise(p, info);
        return 0;
    }

    // The sender fills the siginfo; Linux only refuses, for another process, codes that would
    // impersonate the kernel or kill/tkill (si_code >= 0, SI_TKILL).
    static long QueueInfo(SyscallContext c, int tgid, int tid, int signal, uint infoAddress)
    {
        var p = c.Process;
        var bytes = new byte[c.Abi.Structs.Siginfo.Size];
        if (!c.Read(infoAddress, bytes)) return -EFAULT;
        var info = Siginfo.FromGuest(c.Abi, bytes, signal);
        if (signal < 0 || signal > HostSignals.Count) return -EINVAL;
        if (tgid != p.Pid || tid != p.Pid)
        {
            if (info.Code >= 0 || info.Code == HostSignals.SI_TKILL) return -EPERM;
            if (tid != tgid || tgid <= 0) return -ESRCH;
            // glibc's sigqueue sends SI_QUEUE with our pid and uid, which is what the guest filled in.
            return Sys(sigqueue(tgid, signal == 0 ? 0 : p.Abi.ToHostSignal(signal), (nint)info.Value));
        }
        if (signal != 0) SignalDelivery.Raise(p, info);
        return 0;
    }
}
