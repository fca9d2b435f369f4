using CrossEmu.Devices.Bus;

namespace CrossEmu.Kvm.Tests;

/// <summary>An <see cref="IIoDispatcher"/> that records every access and answers reads from a function.</summary>
internal sealed class FakeIo : IIoDispatcher
{
    readonly object gate = new();
    readonly List<(string Kind, ulong Address, AccessWidth Width, ulong Value)> log = [];

    public Func<ulong, AccessWidth, ulong> MemoryValue { get; init; } = (_, w) => w.Mask();
    public Func<ushort, AccessWidth, ulong> PortValue { get; init; } = (_, w) => w.Mask();
    public Action<ushort, ulong>? OnPortWrite { get; init; }

    public IReadOnlyList<(string Kind, ulong Address, AccessWidth Width, ulong Value)> Log
    {
        get { lock (gate) return log.ToArray(); }
    }

    void Add(string kind, ulong address, AccessWidth width, ulong value)
    {
        lock (gate) log.Add((kind, address, width, value));
    }

    public ulong ReadMemory(ulong address, AccessWidth width)
    {
        var v = MemoryValue(address, width);
        Add("mr", address, width, v);
        return v;
    }

    public void WriteMemory(ulong address, AccessWidth width, ulong value) => Add("mw", address, width, value);

    public ulong ReadPort(ushort port, AccessWidth width)
    {
        var v = PortValue(port, width);
        Add("in", port, width, v);
        return v;
    }

    public void WritePort(ushort port, AccessWidth width, ulong value)
    {
        Add("out", port, width, value);
        OnPortWrite?.Invoke(port, value);
    }
}
