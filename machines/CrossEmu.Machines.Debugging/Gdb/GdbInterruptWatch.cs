namespace CrossEmu.Machines.Debugging.Gdb;

/// <summary>
/// While the target runs, the stub's thread is inside Resume: this watches the connection on a
/// helper thread for gdb's interrupt byte (Ctrl-C) and asks the target to stop. A closed
/// connection stops the target too, so the session notices. Disposing ends the watch before the
/// stub reads packets again, so only one thread reads the connection at a time.
/// </summary>
sealed class GdbInterruptWatch : IDisposable
{
    const int PollMs = 20;
    readonly GdbPacketStream packets;
    readonly IGdbTarget target;
    readonly Thread thread;
    volatile bool done;

    public GdbInterruptWatch(GdbPacketStream packets, IGdbTarget target)
    {
        this.packets = packets;
        this.target = target;
        thread = new Thread(Watch) { IsBackground = true, Name = "gdb interrupt watch" };
        thread.Start();
    }

    /// <summary>gdb closed the connection while the target ran.</summary>
    public bool Disconnected { get; private set; }

    void Watch()
    {
        while (!done)
        {
            if (!packets.InputPending(PollMs) || done) continue;
            int b = packets.PeekByte();
            if (b == 0x03) packets.ReadByte();
            else if (b >= 0) return;   // a packet while running is not gdb's way: the session reads it later
            Disconnected = b < 0;
            target.RequestInterrupt();
            return;
        }
    }

    public void Dispose()
    {
        done = true;
        thread.Join();
    }
}
