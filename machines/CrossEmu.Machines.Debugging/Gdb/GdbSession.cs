using System.Text;

namespace CrossEmu.Machines.Debugging.Gdb;

/// <summary>How a debugging session ended, which decides what happens to the program next.</summary>
public enum GdbSessionEnd
{
    /// <summary>The program exited or was killed while gdb watched.</summary>
    Ended,
    /// <summary>gdb detached (D) or went away: the program runs on without a debugger.</summary>
    Detached,
    /// <summary>gdb killed the program (k).</summary>
    Killed,
}

/// <summary>
/// Serves one gdb connection for a stopped target: answers packets until gdb detaches, kills the
/// program or disconnects. The target starts stopped (before its first instruction, like qemu -g).
/// Unknown packets get the empty reply, which tells gdb they are not supported.
/// </summary>
public sealed class GdbSession
{
    readonly GdbPacketStream packets;
    readonly IGdbTarget target;
    readonly GdbRegisterMap registers;
    readonly GdbThreads threads;
    GdbStop lastStop = GdbStop.Trap;

    public GdbSession(GdbPacketStream packets, IGdbTarget target)
    {
        this.packets = packets;
        this.target = target;
        registers = target.Registers;
        threads = new GdbThreads(target);
    }

    public GdbSessionEnd Serve()
    {
        try
        {
            while (packets.ReadPacket() is { } packet)
            {
                switch (Handle(packet))
                {
                    case string reply: packets.WritePacket(reply); break;
                    case GdbSessionEnd end: return end;
                }
            }
        }
        catch (IOException) { }
        return lastStop.Ended ? GdbSessionEnd.Ended : GdbSessionEnd.Detached;
    }

    /// <summary>A reply, the end of the session, or null when the reply went out already or none is due.</summary>
    object? Handle(string packet)
    {
        if (packet.Length == 0) return "";
        string args = packet[1..];
        switch (packet[0])
        {
            case '?': return StopReply(lastStop);
            case 'g': return ReadAllRegisters();
            case 'G': return WriteAllRegisters(args);
            case 'p': return ReadRegister(args);
            case 'P': return WriteRegister(args);
            case 'm': return ReadMemory(args);
            case 'M': return WriteMemory(args, binary: false);
            case 'X': return WriteMemory(args, binary: true);
            case 'Z': return Breakpoint(args, insert: true);
            case 'z': return Breakpoint(args, insert: false);
            case 'c': return Resume(LegacyPlan(step: false, 0));
            case 's': return Resume(LegacyPlan(step: true, 0));
            case 'C': return Resume(LegacyPlan(step: false, SignalOf(args)));
            case 'S': return Resume(LegacyPlan(step: true, SignalOf(args)));
            case 'v': return VerbosePacket(packet);
            case 'Q' when packet == "QStartNoAckMode": return StartNoAckMode();
            case 'q': case 'Q': return GdbQueries.Answer(packet, target, threads);
            case 'H': return threads.Select(args);
            case 'T': return threads.IsAlive(args);
            case 'D': return Detach();
            case 'k': return Kill();
            case '\x03': return null;                  // an interrupt that crossed a stop: already stopped
            default: return "";
        }
    }

    object? StartNoAckMode()
    {
        // The OK still travels with an ack; from then on neither side sends them.
        packets.WritePacket("OK");
        packets.NoAck = true;
        return null;
    }

    string StopReply(GdbStop stop) => threads.StopReply(stop);

    /// <summary>c and s (gdbserver's way): the Hc thread alone when gdb named one; else c resumes every
    /// thread and s steps the current one while the others stay stopped.</summary>
    GdbResumePlan LegacyPlan(bool step, int gdbSignal)
    {
        var action = new GdbResumeAction(step, gdbSignal);
        if (threads.Resumed != GdbThreadId.All) return GdbResumePlan.Only(threads.Resumed, action);
        return step ? GdbResumePlan.Only(threads.Current, action) : GdbResumePlan.All(action);
    }

    object Resume(GdbResumePlan plan)
    {
        if (lastStop.Ended) return StopReply(lastStop);
        GdbStop stop;
        bool disconnected = false;
        // A step ends at once (gdb steps a lot for `next`): only a continue needs watching for Ctrl-C.
        if (!plan.Continues) stop = target.Resume(plan);
        else
        {
            using var watch = new GdbInterruptWatch(packets, target);
            stop = target.Resume(plan);
            disconnected = watch.Disconnected;
        }
        // The thread that stopped becomes the one gdb looks at, as after a ptrace stop.
        if (stop.Thread != 0) threads.Current = stop.Thread;
        lastStop = stop;
        if (disconnected) return stop.Ended ? GdbSessionEnd.Ended : GdbSessionEnd.Detached;
        return StopReply(stop);
    }

    /// <summary>`vCont?`, `vCont;ACTIONS` (see <see cref="GdbVCont"/>), `vKill`.</summary>
    object VerbosePacket(string packet)
    {
        if (packet == "vCont?") return "vCont;c;C;s;S";
        if (packet.StartsWith("vCont;", StringComparison.Ordinal))
        {
            return GdbVCont.TryParse(packet[6..], threads.Current, out var plan) switch
            {
                GdbVCont.Parse.Ok => Resume(plan),
                GdbVCont.Parse.Malformed => "E22",
                _ => "",
            };
        }
        if (packet.StartsWith("vKill", StringComparison.Ordinal)) { target.Kill(); lastStop = GdbStop.Killed(GdbSignals.Kill); return "OK"; }
        return "";   // vMustReplyEmpty, vFile, vRun...: not supported
    }

    // `C sig[;addr]`: resuming at another address is not supported, the signal is the hex before ';'.
    static int SignalOf(string args) => GdbHex.TryParse(args.Split(';')[0], out uint s) ? (int)s : 0;

    // Registers are those of the current thread (Hg, or the thread of the last stop); a thread gone is E01.
    string ReadAllRegisters()
    {
        int thread = threads.Current;
        var sb = new StringBuilder(registers.Count * 8);
        for (int n = 0; n < registers.Count; n++)
        {
            if (target.ReadRegister(thread, n) is not { } v) return "E01";
            sb.Append(GdbHex.Value(v, registers.BigEndian));
        }
        return sb.ToString();
    }

    string WriteAllRegisters(string hex)
    {
        int thread = threads.Current;
        for (int n = 0; n < registers.Count && hex.Length >= 8 * (n + 1); n++)
            if (GdbHex.TryParseValue(hex.Substring(8 * n, 8), registers.BigEndian, out uint v) && !target.WriteRegister(thread, n, v)) return "E01";
        return "OK";
    }

    string ReadRegister(string args)
    {
        if (!GdbHex.TryParse(args, out uint n) || n >= registers.Count) return "E45";
        return target.ReadRegister(threads.Current, (int)n) is { } v ? GdbHex.Value(v, registers.BigEndian) : "E01";
    }

    string WriteRegister(string args)
    {
        int eq = args.IndexOf('=');
        if (eq < 0 || !GdbHex.TryParse(args[..eq], out uint n) || n >= registers.Count
            || !GdbHex.TryParseValue(args[(eq + 1)..], registers.BigEndian, out uint v)) return "E45";
        return target.WriteRegister(threads.Current, (int)n, v) ? "OK" : "E01";
    }

    // m addr,length
    string ReadMemory(string args)
    {
        var parts = args.Split(',');
        if (parts.Length != 2 || !GdbHex.TryParse(parts[0], out uint address) || !GdbHex.TryParse(parts[1], out uint length)) return "E22";
        var data = new byte[Math.Min(length, 0x10000)];
        return target.ReadMemory(address, data) ? GdbHex.Encode(data) : "E14";
    }

    // M addr,length:hex  or  X addr,length:binary
    string WriteMemory(string args, bool binary)
    {
        int colon = args.IndexOf(':');
        var parts = colon < 0 ? [] : args[..colon].Split(',');
        if (parts.Length != 2 || !GdbHex.TryParse(parts[0], out uint address) || !GdbHex.TryParse(parts[1], out uint length)) return "E22";
        string payload = args[(colon + 1)..];
        byte[]? data = binary ? Encoding.Latin1.GetBytes(payload) : GdbHex.Decode(payload);
        if (data == null || data.Length != length) return "E22";
        return target.WriteMemory(address, data) ? "OK" : "E14";
    }

    // Z0/Z1 type,addr,kind: software and hardware breakpoints are the same thing in an emulator.
    string Breakpoint(string args, bool insert)
    {
        var parts = args.Split(',');
        if (parts.Length < 2 || parts[0] is not ("0" or "1")) return "";   // watchpoints: not supported
        if (!GdbHex.TryParse(parts[1], out uint address)) return "E22";
        if (insert) target.InsertBreakpoint(address);
        else target.RemoveBreakpoint(address);
        return "OK";
    }

    GdbSessionEnd Detach()
    {
        packets.WritePacket("OK");
        return lastStop.Ended ? GdbSessionEnd.Ended : GdbSessionEnd.Detached;
    }

    GdbSessionEnd Kill()
    {
        // No reply to k: gdb closes the connection.
        if (!lastStop.Ended) target.Kill();
        return GdbSessionEnd.Killed;
    }
}
