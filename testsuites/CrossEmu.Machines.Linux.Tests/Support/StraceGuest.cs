using CrossEmu.Isa.Memory;
using CrossEmu.Machines.Linux;
using CrossEmu.Machines.Linux.Strace;
using CrossEmu.Machines.Linux.Syscalls;

namespace CrossEmu.Machines.Linux.Tests.Support;

/// <summary>
/// An ARM, MIPS little-endian or MIPS big-endian process behind one interface, for -strace tests that
/// expect the same output from every ABI: syscalls by name, guest memory in the ABI's byte order, and
/// single argument kinds formatted on made-up arguments.
/// </summary>
sealed class StraceGuest : IDisposable
{
    public const uint Scratch = ArmProcessFixture.Scratch;

    readonly ArmProcessFixture? arm;
    readonly MipsProcessFixture? mips;

    StraceGuest(ArmProcessFixture? arm, MipsProcessFixture? mips) => (this.arm, this.mips) = (arm, mips);

    /// <summary>"arm", "mipsel" or "mips".</summary>
    public static StraceGuest Of(string abi, bool strace = true) => abi switch
    {
        "arm" => new(new ArmProcessFixture(strace: strace), null),
        "mipsel" => new(null, new MipsProcessFixture(false, strace: strace)),
        "mips" => new(null, new MipsProcessFixture(true, strace: strace)),
        _ => throw new ArgumentException(abi),
    };

    public LinuxProcess Process => arm?.Process ?? mips!.Process;
    public GuestMemory Memory => arm?.Memory ?? mips!.Memory;
    public bool BigEndian => Process.Abi.BigEndian;
    public string[] LogLines => (arm?.Log ?? mips!.Log).ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);

    public void Dispose()
    {
        arm?.Dispose();
        mips?.Dispose();
    }

    /// <summary>Makes a syscall; -errno (guest numbers) on failure.</summary>
    public long Call(string name, params uint[] args) => arm != null ? arm.Call(name, args) : mips!.Call(name, args);

    public long CallNumber(int number, params uint[] args) => arm != null ? arm.Call(number, args) : mips!.Call(number, args);

    public uint PutString(uint offset, string s) => arm != null ? arm.PutString(offset, s) : mips!.PutString(offset, s);

    public uint PutBytes(uint offset, byte[] bytes)
    {
        Memory.WriteUnchecked(Scratch + offset, bytes);
        return Scratch + offset;
    }

    /// <summary>Writes 32-bit words at Scratch + offset in the guest's byte order.</summary>
    public uint PutWords(uint offset, params uint[] words)
    {
        for (int i = 0; i < words.Length; i++) Assert.IsTrue(Memory.TryWriteU32(Scratch + offset + 4 * (uint)i, words[i], BigEndian));
        return Scratch + offset;
    }

    /// <summary>The last line logged, without the pid prefix (checked to be there).</summary>
    public string LastLine()
    {
        var lines = LogLines;
        Assert.IsTrue(lines.Length > 0, "nothing was logged");
        string prefix = Process.Pid + " ";
        StringAssert.StartsWith(lines[^1], prefix);
        return lines[^1][prefix.Length..];
    }

    /// <summary>One argument of kind formatted at slot, as before the call (result null) or after it.</summary>
    public string? Format(string kind, int slot, uint[] args, long? result = null)
    {
        var c = new SyscallContext(Process);
        args.CopyTo(c.Args, 0);
        var call = new StraceCall(c);
        if (result is long r) { call.Result = r; call.Returned = true; }
        return ArgumentKinds.Argument(kind).Format(call, slot);
    }

    public string? Format(string kind, uint value) => Format(kind, 0, [value]);
}
