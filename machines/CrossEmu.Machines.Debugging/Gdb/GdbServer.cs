using System.Net;
using System.Net.Sockets;

namespace CrossEmu.Machines.Debugging.Gdb;

/// <summary>qemu's -g: waits for one gdb on a TCP port, then serves it until the session ends.</summary>
public static class GdbServer
{
    /// <summary>
    /// Listens on 127.0.0.1 only (the stub hands over full control of the program), says so on
    /// announce once it listens, and serves the first debugger that connects.
    /// </summary>
    public static GdbSessionEnd WaitAndServe(int port, IGdbTarget target, TextWriter? announce)
    {
        var listener = new TcpListener(IPAddress.Loopback, port);
        listener.Start(1);
        TcpClient client;
        try
        {
            announce?.WriteLine($"crossemu: waiting for gdb on 127.0.0.1:{port}");
            announce?.Flush();
            client = listener.AcceptTcpClient();
        }
        finally { listener.Stop(); }
        using (client)
        {
            client.NoDelay = true;
            return new GdbSession(new GdbPacketStream(client.GetStream()), target).Serve();
        }
    }
}
