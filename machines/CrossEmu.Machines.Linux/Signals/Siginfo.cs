using CrossEmu.Machines.Linux.Abi;

namespace CrossEmu.Machines.Linux.Signals;

/// <summary>SignalInfo to and from the guest's siginfo_t (signal frames, sigtimedwait, sigqueue).</summary>
public static class Siginfo
{
    public static byte[] ToGuest(LinuxAbi abi, SignalInfo info)
    {
        var l = abi.Structs.Siginfo;
        var bytes = new byte[l.Size];
        var s = new GuestStruct(bytes, abi.BigEndian);
        s.Put(l.Signo, (uint)info.Signal);
        s.Put(l.Code, (uint)info.Code);
        if (info.Code <= 0 || info.AboutChild)
        {
            // Sent by a process (kill, tkill, sigqueue): who sent it, and sigqueue's value.
            s.Put(l.Pid, (uint)info.Pid);
            s.Put(l.Uid, info.Uid);
            s.Put(l.Value, info.Value);
        }
        else s.Put(l.Address, info.Address); // from the kernel: the fault address (0 for SI_KERNEL)
        return bytes;
    }

    /// <summary>A siginfo the guest passed to rt_sigqueueinfo, sent as signal.</summary>
    public static SignalInfo FromGuest(LinuxAbi abi, ReadOnlySpan<byte> bytes, int signal)
    {
        var l = abi.Structs.Siginfo;
        var s = new GuestStruct(bytes.ToArray(), abi.BigEndian);
        return new SignalInfo(signal, (int)s.Get(l.Code), Pid: (int)s.Get(l.Pid), Uid: (uint)s.Get(l.Uid), Value: (uint)s.Get(l.Value));
    }
}
