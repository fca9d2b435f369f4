using CrossEmu.Isa.Host;
using CrossEmu.Machines.Linux.Signals;
using static CrossEmu.Isa.Host.Errno;

namespace CrossEmu.Machines.Linux.Syscalls;

/// <summary>Signal dispositions, masks, the alternate stack and sigreturn.</summary>
static class SignalSyscalls
{
    const int SIG_BLOCK = 0, SIG_UNBLOCK = 1, SIG_SETMASK = 2;

    public static void Register(SyscallCatalog c)
    {
        c.Add("rt_sigaction", RtSigaction, "signum:signal, act:sigaction, oldact:out_sigaction, sigsetsize:size");
        c.Add("rt_sigprocmask", RtSigprocmask, "how:sigprocmask_how, set:sigset, oldset:out_sigset, sigsetsize:size");
        c.Add("rt_sigpending", RtSigpending, "set:out_sigset, sigsetsize:size");
        c.Add("sigaltstack", SigAltStack, "ss:stack, old_ss:out_stack");
        c.Add("rt_sigreturn", c2 => SigReturn(c2, rt: true), "");
        c.Add("sigreturn", c2 => SigReturn(c2, rt: false), "");
    }

    /// <summary>Reads a guest sigset_t (two words, signals 1-32 then 33-64).</summary>
    public static bool TryReadSet(SyscallContext c, uint address, out ulong set)
    {
        set = 0;
        if (!c.ReadU32(address, out uint low) || !c.ReadU32(address + 4, out uint high)) return false;
        set = low | (ulong)high << 32;
        return true;
    }

    /// <summary>Writes a guest sigset_t of the ABI's size: signals 1-64, then zero words (MIPS has 128 signals).</summary>
    public static bool WriteSet(SyscallContext c, uint address, ulong set)
    {
        Span<byte> bytes = stackalloc byte[Math.Max(c.Abi.Structs.SigsetSize, 8)];
        bytes.Clear();
        var s = c.Struct(bytes);
        s.Put(Abi.Field.U32(0), (uint)set);
        s.Put(Abi.Field.U32(4), (uint)(set >> 32));
        return c.Write(address, bytes);
    }

    static long RtSigaction(SyscallContext c)
    {
        int signal = c.Int(0);
        var p = c.Process;
        if (c[3] != c.Abi.Structs.SigsetSize || !SignalState.IsValid(signal)) return -EINVAL;
        var layout = c.Abi.Structs.Sigaction;
        Span<byte> buf = stackalloc byte[layout.Size];
        GuestSigaction? replacement = null;
        if (c[1] != 0)
        {
            if ((SignalDelivery.Unblockable(p) & SignalState.Bit(signal)) != 0) return -EINVAL;
            if (!c.Read(c[1], buf)) return -EFAULT;
            var s = c.Struct(buf);
            ulong mask = s.Get(layout.MaskLow) | s.Get(layout.MaskHigh) << 32;
            replacement = new GuestSigaction((uint)s.Get(layout.Handler), c.Abi.SigactionFlags.ToHost((uint)s.Get(layout.Flags)),
                (uint)s.Get(layout.Restorer), mask & ~SignalDelivery.Unblockable(p));
        }
        if (c[2] != 0)
        {
            var old = p.Signals[signal];
            buf.Clear();
            var s = c.Struct(buf);
            s.Put(layout.Handler, old.Handler);
            s.Put(layout.Flags, c.Abi.SigactionFlags.ToGuest(old.Flags));
            s.Put(layout.Restorer, old.Restorer);
            s.Put(layout.MaskLow, (uint)old.Mask);
            s.Put(layout.MaskHigh, (uint)(old.Mask >> 32));
            if (!c.Write(c[2], buf)) return -EFAULT;
        }
        if (replacement is { } act)
        {
            p.Signals[signal] = act;
            // POSIX: making a pending signal ignored discards it.
            int host = c.Abi.ToHostSignal(signal);
            if (act.IsIgnored || (act.IsDefault && HostSignals.DefaultAction(host) is DefaultSignalAction.Ignore)) p.Signals.Discard(signal);
        }
        return 0;
    }

    static long RtSigprocmask(SyscallContext c)
    {
        var signals = c.Process.Signals;
        if (c[3] != c.Abi.Structs.SigsetSize) return -EINVAL;
        ulong old = signals.Blocked;
        if (c[1] != 0)
        {
            if (!TryReadSet(c, c[1], out ulong set)) return -EFAULT;
            ulong blocked;
            switch (c.Abi.ToHostSigprocmaskHow(c.Int(0)))
            {
                case SIG_BLOCK: blocked = old | set; break;
                case SIG_UNBLOCK: blocked = old & ~set; break;
                case SIG_SETMASK: blocked = set; break;
                default: return -EINVAL;
            }
            signals.Blocked = blocked & ~SignalDelivery.Unblockable(c.Process);
        }
        if (c[2] != 0 && !WriteSet(c, c[2], old)) return -EFAULT;
        return 0; // signals just unblocked are delivered by the run loop after this call returns
    }

    static long RtSigpending(SyscallContext c)
    {
        if (c[1] > c.Abi.Structs.SigsetSize) return -EINVAL;
        var s = c.Process.Signals;
        return WriteSet(c, c[0], s.Pending & s.Blocked) ? 0 : -EFAULT;
    }

    static long SigAltStack(SyscallContext c)
    {
        var layout = c.Abi.Structs.SignalStack;
        var signals = c.Process.Signals;
        Span<byte> buf = stackalloc byte[layout.Size];
        var old = signals.AltStack;
        if (c[0] != 0)
        {
            if (!c.Read(c[0], buf)) return -EFAULT;
            var s = c.Struct(buf);
            signals.AltStack = ((uint)s.Get(layout.Pointer), (uint)s.Get(layout.Flags), (uint)s.Get(layout.Length));
        }
        if (c[1] != 0)
        {
            buf.Clear();
            var s = c.Struct(buf);
            s.Put(layout.Pointer, old.Pointer);
            s.Put(layout.Flags, old.Flags);
            s.Put(layout.Length, old.Size);
            if (!c.Write(c[1], buf)) return -EFAULT;
        }
        return 0;
    }

    static long SigReturn(SyscallContext c, bool rt) =>
        c.Abi.SignalFrames is { } frames ? frames.Return(c, rt) : -ENOSYS;
}
