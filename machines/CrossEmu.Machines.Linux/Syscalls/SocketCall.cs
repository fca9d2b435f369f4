using CrossEmu.Machines.Linux.Strace;
using static CrossEmu.Isa.Host.Errno;

namespace CrossEmu.Machines.Linux.Syscalls;

/// <summary>
/// socketcall(call, args): Linux's multiplexed socket entry (sys_socketcall), for the ABIs that have it
/// (MIPS o32 keeps it beside the direct calls; ARM EABI has none, so it is not a common handler).
/// The arguments are an array of longs in guest memory, as many as the call takes; they are read into the
/// argument slots and the call's own handler runs, its descriptor arguments translated as the dispatcher
/// would have (it only saw socketcall's).
/// </summary>
static class SocketCall
{
    // linux/net.h SYS_* order, with the argument count of each (nargs[] in net/socket.c).
    static readonly (string Name, int Arguments)[] Calls =
    [
        ("", 0), ("socket", 3), ("bind", 3), ("connect", 3), ("listen", 2), ("accept", 3), ("getsockname", 3),
        ("getpeername", 3), ("socketpair", 4), ("send", 4), ("recv", 4), ("sendto", 6), ("recvfrom", 6),
        ("shutdown", 2), ("setsockopt", 5), ("getsockopt", 5), ("sendmsg", 3), ("recvmsg", 3), ("accept4", 4),
        ("recvmmsg", 5), ("sendmmsg", 4),
    ];

    public static void Register(SyscallCatalog catalog)
    {
        var handlers = Calls.Select(call => call.Name == "" ? null : catalog.Find(call.Name)).ToArray();
        catalog.Add("socketcall", c => Demultiplex(c, handlers), "call:socketcall_call, args:ptr");
    }

    /// <summary>The name of a socketcall number, for -strace.</summary>
    public static string? Name(int call) => call >= 1 && call < Calls.Length ? Calls[call].Name : null;

    static long Demultiplex(SyscallContext c, SyscallImplementation?[] handlers)
    {
        int call = c.Int(0);
        if (call < 1 || call >= Calls.Length) return -EINVAL;
        if (handlers[call] is not { } impl) return -ENOSYS;
        uint array = c[1];
        int count = Calls[call].Arguments;
        var words = new uint[count];
        for (int i = 0; i < count; i++)
            if (!c.ReadU32(array + 4 * (uint)i, out words[i])) return -EFAULT;
        Array.Clear(c.Args);
        words.CopyTo(c.Args, 0);
        foreach (var (slot, use) in impl.DescriptorSlots)
            if (use != DescriptorArgument.None) c.Args[slot] = (uint)c.Process.Files.HostOf(c.Int(slot));
        return impl.Handler(c);
    }
}
