namespace CrossEmu.Machines.Linux.Signals;

/// <summary>A guest's sigaction. Handler 0 is SIG_DFL, 1 SIG_IGN; Flags are in host SA_* values
/// (the ABI translates at the syscall); Mask is in guest signal numbering (bit n-1 = signal n).</summary>
public readonly record struct GuestSigaction(uint Handler, uint Flags, uint Restorer, ulong Mask)
{
    public const uint SigDfl = 0, SigIgn = 1;
    public bool IsDefault => Handler == SigDfl;
    public bool IsIgnored => Handler == SigIgn;
}

/// <summary>What the kernel knows of a signal being delivered (becomes the guest's siginfo).</summary>
public readonly record struct SignalInfo(int Signal, int Code, uint Address = 0, int Pid = 0, uint Uid = 0);

/// <summary>Per-process signal bookkeeping in guest numbering: handlers, blocked and pending sets, sigaltstack.</summary>
public sealed class SignalState
{
    readonly GuestSigaction[] actions = new GuestSigaction[HostSignals.Count + 1];
    readonly SignalInfo?[] pendingInfo = new SignalInfo?[HostSignals.Count + 1];

    public static ulong Bit(int signal) => 1UL << (signal - 1);
    public static bool IsValid(int signal) => signal >= 1 && signal <= HostSignals.Count;

    public GuestSigaction this[int signal]
    {
        get => actions[signal];
        set => actions[signal] = value;
    }

    public ulong Blocked { get; set; }
    public ulong Pending { get; private set; }

    /// <summary>sigaltstack as recorded (not used for delivery yet).</summary>
    public (uint Pointer, uint Flags, uint Size) AltStack { get; set; } = (0, 2 /* SS_DISABLE */, 0);

    public void MarkPending(SignalInfo info)
    {
        Pending |= Bit(info.Signal);
        pendingInfo[info.Signal] = info;
    }

    /// <summary>Takes the lowest pending signal that is not blocked, if any.</summary>
    public SignalInfo? TakeDeliverable()
    {
        ulong ready = Pending & ~Blocked;
        if (ready == 0) return null;
        int signal = System.Numerics.BitOperations.TrailingZeroCount(ready) + 1;
        Pending &= ~Bit(signal);
        var info = pendingInfo[signal] ?? new SignalInfo(signal, HostSignals.SI_USER);
        pendingInfo[signal] = null;
        return info;
    }
}
