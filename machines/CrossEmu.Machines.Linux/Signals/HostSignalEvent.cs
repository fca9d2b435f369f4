using System.Buffers.Binary;
using CrossEmu.Isa.Host;

namespace CrossEmu.Machines.Linux.Signals;

/// <summary>
/// One arrival of a host signal, as its siginfo told it (host numbers). Pid and Uid are the sender's when a process
/// sent it (Code &lt;= 0: SI_USER from kill, SI_QUEUE, SI_TKILL...) and the child's for SIGCHLD; Status, UserTime
/// and SystemTime (clock ticks) are SIGCHLD's si_status, si_utime and si_stime; Value is si_value.sival_int of a
/// sigqueue'd signal. Fields that do not apply are 0, as signals from the kernel (SI_KERNEL) carry nothing else.
/// </summary>
public readonly record struct HostSignalEvent(int Signal, int Code, int Pid = 0, uint Uid = 0, int Status = 0, int Value = 0,
    long UserTime = 0, long SystemTime = 0)
{
    /// <summary>Reads the head of an x86-64 siginfo_t: si_signo at 0, si_code at 8, the union from 16 (kill: pid,
    /// uid; sigqueue: pid, uid, value at 24; SIGCHLD: pid, uid, status at 24, utime at 32, stime at 40).</summary>
    public static HostSignalEvent FromSiginfo(ReadOnlySpan<byte> info)
    {
        int signal = I32(info, 0), code = I32(info, 8);
        bool child = signal == HostSignals.SIGCHLD && code > 0; // CLD_*; a SIGCHLD sent by kill carries a sender
        if (child)
            return new(signal, code, I32(info, 16), (uint)I32(info, 20), Status: I32(info, 24),
                UserTime: BinaryPrimitives.ReadInt64LittleEndian(info[32..]), SystemTime: BinaryPrimitives.ReadInt64LittleEndian(info[40..]));
        if (code <= 0) return new(signal, code, I32(info, 16), (uint)I32(info, 20), Value: I32(info, 24));
        return new(signal, code);
    }

    static int I32(ReadOnlySpan<byte> info, int offset) => BinaryPrimitives.ReadInt32LittleEndian(info[offset..]);
}
