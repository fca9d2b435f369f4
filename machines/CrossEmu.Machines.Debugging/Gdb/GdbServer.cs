using System.Net;
using System.Net.Sockets;

namespace CrossEmu.Machines.Debugging.Gdb;

/// <summary>qemu's -g: listens for one gdb on a TCP port, then serves it until the session ends.</summary>
public sealed class GdbServer : IDisposable
{
    readonly TcpListener listener;

    GdbServer(TcpListener listener) { this.listener = listener; }

    /// <summary>
    /// Listens on 127.0.0.1 only (the stub hands over full control of the program) and says so on
    /// announce. Throws SocketException when the port is taken, before anything else happened.
    /// </summary>
    public static GdbServer Listen(int port, TextWriter? announce)
    {
        var listener = new TcpListener(IPAddress.Loopback, port);
        listener.Start(1);
        announce?.WriteLine($"crossemu: waiting for gdb on 127.0.0.1:{port}");
        announce?.Flush();
        return new GdbServer(listener);
    }

    /// <summary>Serves the first debugger that connects (the listener closes then) until its session ends.</summary>
    public GdbSessionEnd AcceptAndServe(IGdbTarget target)
    {
        TcpClient client;
        try { client = listener.AcceptTcpClient(); }
        finally { listener.Stop(); }
        using (client)
        {
            client.NoDelay = true;
            return new GdbSession(new GdbPacketStream(client.GetStream()), target).Serve();
        }
    }

    public void Dispose() => listener.Stop();
}
