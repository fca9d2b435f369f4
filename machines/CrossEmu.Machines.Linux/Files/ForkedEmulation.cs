namespace CrossEmu.Machines.Linux.Files;

/// <summary>An EmulatedFile as a fork child re-creates it: "counter" (a big-endian guest's eventfd or timerfd)
/// or "signalfd" with its mask.</summary>
public sealed record ForkedEmulation(string Kind, ulong Mask = 0)
{
    public const string Counter = "counter", SignalFd = "signalfd";
}
