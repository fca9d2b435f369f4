using CrossEmu.Isa.Guests;
using CrossEmu.Jit;
using CrossEmu.Machines.Debugging.Gdb;

namespace CrossEmu.Machines.Linux.Gdb;

/// <summary>
/// -g: gdb drives a process from the start. The stub serves gdb on a thread of its own while the
/// process runs its threads as usual (the main thread on the caller's), all of them stopped until
/// gdb lets them go. When the session ends the program runs on without the debugger.
/// </summary>
public sealed class GdbAttachment : IDisposable
{
    readonly LinuxProcess process;
    readonly Thread stub;

    GdbAttachment(LinuxProcess process, LinuxGdbTarget target, GdbServer server)
    {
        this.process = process;
        stub = new Thread(() =>
        {
            try
            {
                target.WaitForFirstStop();
                server.AcceptAndServe(target);
            }
            finally { target.Release(); }
        }) { IsBackground = true, Name = "gdb stub" };
    }

    /// <summary>Listens on port (throws SocketException when it is taken) and attaches to the process before it runs.</summary>
    public static GdbAttachment Start(LinuxProcess process, ExecutionEngine engine, IGuestIsa isa, int port, TextWriter announce)
    {
        var server = GdbServer.Listen(port, announce);
        var target = new LinuxGdbTarget(process, engine, GdbRegisterMap.From(isa.Registers, isa.BigEndian));
        var attachment = new GdbAttachment(process, target, server);
        attachment.stub.Start();
        return attachment;
    }

    /// <summary>After the process ran: gdb gets its exit reply before the emulator goes (when the run failed
    /// instead, nothing waits for a debugger that may never leave).</summary>
    public void Dispose()
    {
        if (process.HasExited || process.PendingExec != null) stub.Join();
    }
}
