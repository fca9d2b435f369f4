namespace CrossEmu.Devices.Character;

/// <summary>
/// A character backend in memory (tests, scripted consoles): collects what the guest writes and
/// feeds bytes a test injects, honouring the receiver's push-back (bytes it refuses wait until it
/// calls <see cref="ReceiverReady"/>). Thread-safe.
/// </summary>
public sealed class BufferCharBackend : ICharBackend
{
    readonly object gate = new();
    readonly List<byte> output = [];
    readonly Queue<byte> pending = new();
    Func<ReadOnlySpan<byte>, int>? receiver;

    /// <summary>Everything the guest wrote so far.</summary>
    public byte[] Output
    {
        get { lock (gate) return [.. output]; }
    }

    /// <summary>The output as Latin-1 text.</summary>
    public string OutputText => System.Text.Encoding.Latin1.GetString(Output);

    /// <summary>Bytes injected but not yet accepted by the device.</summary>
    public int PendingCount
    {
        get { lock (gate) return pending.Count; }
    }

    public event Action<byte[]>? Written;

    public void ClearOutput()
    {
        lock (gate) output.Clear();
    }

    public void Write(ReadOnlySpan<byte> data)
    {
        byte[] copy = data.ToArray();
        lock (gate) output.AddRange(copy);
        Written?.Invoke(copy);
    }

    public void Attach(Func<ReadOnlySpan<byte>, int> receiver)
    {
        lock (gate) this.receiver = receiver;
        Deliver();
    }

    public void ReceiverReady() => Deliver();

    /// <summary>Bytes from the host to the guest; what the device cannot take now waits.</summary>
    public void Inject(ReadOnlySpan<byte> data)
    {
        lock (gate)
            foreach (byte b in data) pending.Enqueue(b);
        Deliver();
    }

    public void Inject(string text) => Inject(System.Text.Encoding.Latin1.GetBytes(text));

    void Deliver()
    {
        // The receiver runs outside our lock (it takes the device's lock); one delivery at a time.
        lock (deliverGate)
        {
            byte[] chunk;
            Func<ReadOnlySpan<byte>, int>? r;
            lock (gate)
            {
                r = receiver;
                if (r == null || pending.Count == 0) return;
                chunk = [.. pending];
            }
            int accepted = Math.Clamp(r(chunk), 0, chunk.Length);
            lock (gate)
                for (int i = 0; i < accepted; i++) pending.Dequeue();
        }
    }

    readonly object deliverGate = new();
}
