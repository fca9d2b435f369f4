using System.Buffers.Binary;
using System.Text;
using CrossEmu.Isa.Memory;
using CrossEmu.Machines.Linux.Abi;

namespace CrossEmu.Machines.Linux.Tests.Support;

/// <summary>
/// An ARM EABI or MIPS o32 (either byte order) process behind one face, for syscall tests that run on
/// every ABI: calls by name, guest-order reads and writes of scratch memory, errnos in the ABI's numbers.
/// </summary>
sealed class AnyGuest : IDisposable
{
    public const uint Scratch = ArmProcessFixture.Scratch;

    readonly ArmProcessFixture? arm;
    readonly MipsProcessFixture? mips;

    AnyGuest(string name)
    {
        if (name == "arm") arm = new ArmProcessFixture();
        else mips = new MipsProcessFixture(bigEndian: name == "mips");
    }

    /// <summary>"arm", "mips" (big-endian) or "mipsel".</summary>
    public static AnyGuest Of(string name) => new(name);

    public LinuxProcess Process => arm?.Process ?? mips!.Process;
    public LinuxAbi Abi => Process.Abi;
    public bool BigEndian => Abi.BigEndian;
    public GuestMemory Memory => arm?.Memory ?? mips!.Memory;

    /// <summary>The call's result, -errno (the ABI's errno numbers) on failure.</summary>
    public long Call(string name, params uint[] args) => arm != null ? arm.Call(name, args) : mips!.Call(name, args);

    /// <summary>-errno in this ABI's numbers for a host errno.</summary>
    public long Error(int hostErrno) => -Abi.ToGuestErrno(hostErrno);

    /// <summary>The ABI's value of a host O_* flag (SOCK_NONBLOCK, EFD_NONBLOCK are O_NONBLOCK).</summary>
    public uint OpenFlag(uint host) => Abi.OpenFlags.ToGuest(host);

    public byte[] Read(uint address, int length)
    {
        var b = new byte[length];
        Assert.IsTrue(Memory.TryRead(address, b), $"guest memory at 0x{address:x8} is not readable");
        return b;
    }

    public void Write(uint address, byte[] bytes) => Memory.WriteUnchecked(address, bytes);

    public uint U32(uint address) => BigEndian ? BinaryPrimitives.ReadUInt32BigEndian(Read(address, 4)) : BitConverter.ToUInt32(Read(address, 4));
    public ushort U16(uint address) => BigEndian ? BinaryPrimitives.ReadUInt16BigEndian(Read(address, 2)) : BitConverter.ToUInt16(Read(address, 2));
    public ulong U64(uint address) => BigEndian ? BinaryPrimitives.ReadUInt64BigEndian(Read(address, 8)) : BitConverter.ToUInt64(Read(address, 8));

    public void U32(uint address, uint value) => Write(address, Bytes(value));
    public void U16(uint address, ushort value)
    {
        var b = new byte[2];
        if (BigEndian) BinaryPrimitives.WriteUInt16BigEndian(b, value); else BinaryPrimitives.WriteUInt16LittleEndian(b, value);
        Write(address, b);
    }
    public void U64(uint address, ulong value)
    {
        var b = new byte[8];
        if (BigEndian) BinaryPrimitives.WriteUInt64BigEndian(b, value); else BinaryPrimitives.WriteUInt64LittleEndian(b, value);
        Write(address, b);
    }

    /// <summary>Guest words in a row at address.</summary>
    public void Words(uint address, params uint[] words)
    {
        for (int i = 0; i < words.Length; i++) U32(address + 4 * (uint)i, words[i]);
    }

    public byte[] Bytes(uint value)
    {
        var b = new byte[4];
        if (BigEndian) BinaryPrimitives.WriteUInt32BigEndian(b, value); else BinaryPrimitives.WriteUInt32LittleEndian(b, value);
        return b;
    }

    public uint PutString(uint address, string s)
    {
        Write(address, Encoding.UTF8.GetBytes(s + "\0"));
        return address;
    }

    public string String(uint address, int length) => Encoding.UTF8.GetString(Read(address, length));

    public void Dispose()
    {
        arm?.Dispose();
        mips?.Dispose();
    }
}
