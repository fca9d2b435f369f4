using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Text;
using CrossEmu.Frontends.Mips;
using CrossEmu.Isa;
using CrossEmu.Isa.Memory;
using CrossEmu.Machines.Linux;
using CrossEmu.Machines.Linux.Mips;

namespace CrossEmu.Machines.Linux.Tests.Support;

/// <summary>
/// A MIPS o32 process with no program, in either byte order: guest memory, a MipsCpuState as the
/// register file, a scratch mapping and a stack. Syscalls are made like `syscall`: number in v0,
/// arguments in a0-a3 and, from the fifth on, at sp+16.
/// </summary>
unsafe sealed class MipsProcessFixture : IDisposable
{
    public const uint Scratch = 0x00100000, ScratchSize = 0x10000, StackTop = 0x00200000, StackSize = 0x10000;

    public GuestMemory Memory { get; } = new();
    public LinuxProcess Process { get; }
    public MipsO32 Abi { get; }
    public MipsCpuState* Cpu { get; }
    public StringWriter Log { get; } = new();
    public bool BigEndian => Abi.BigEndian;

    public MipsProcessFixture(bool bigEndian, LogFlags log = LogFlags.None, bool strace = false)
    {
        Abi = bigEndian ? MipsO32.Big : MipsO32.Little;
        Process = new LinuxProcess(Abi, Memory, new PathResolver(null, "/bin/guest-program"), log, Log, Log, strace);
        Cpu = (MipsCpuState*)NativeMemory.AlignedAlloc((nuint)sizeof(MipsCpuState), 64);
        NativeMemory.Clear(Cpu, (nuint)sizeof(MipsCpuState));
        var rw = Linux.Memory.Protection.Read | Linux.Memory.Protection.Write;
        Process.AddressSpace.MapFresh(Scratch, ScratchSize, rw);
        Process.AddressSpace.MapFresh(StackTop - StackSize, StackSize, rw);
        Cpu->R[MipsCpuState.Sp] = StackTop - 0x100;
    }

    public void Dispose()
    {
        Process.Timers.Dispose();
        NativeMemory.AlignedFree(Cpu);
        Memory.Dispose();
    }

    /// <summary>Sets up syscall number nr with its arguments (5th on at sp+16), as the guest would.</summary>
    public void Prepare(int nr, params uint[] args)
    {
        for (int i = 0; i < Math.Min(args.Length, 4); i++) Cpu->R[MipsCpuState.A0 + i] = args[i];
        for (int i = 4; i < args.Length; i++) WriteU32(Cpu->R[MipsCpuState.Sp] + 16 + 4 * (uint)(i - 4), args[i]);
        Cpu->R[MipsCpuState.V0] = (uint)nr;
    }

    /// <summary>Makes syscall nr and returns v0 as -errno (MIPS numbers) when a3 says it failed, else v0.</summary>
    public long Call(int nr, params uint[] args)
    {
        Prepare(nr, args);
        Process.HandleSyscall(Cpu);
        return Cpu->R[MipsCpuState.A3] != 0 ? -(long)Cpu->R[MipsCpuState.V0] : Cpu->R[MipsCpuState.V0];
    }

    public long Call(string name, params uint[] args) => Call(Number(name), args);

    public int Number(string name) => Abi.Syscalls.Entries.First(e => e.Name == name).Number;

    public uint PutString(uint offset, string s)
    {
        Memory.WriteUnchecked(Scratch + offset, Encoding.UTF8.GetBytes(s + "\0"));
        return Scratch + offset;
    }

    public byte[] Read(uint address, int length)
    {
        var b = new byte[length];
        Assert.IsTrue(Memory.TryRead(address, b), $"guest memory at 0x{address:x8} is not readable");
        return b;
    }

    public uint U32(uint address) =>
        BigEndian ? BinaryPrimitives.ReadUInt32BigEndian(Read(address, 4)) : BinaryPrimitives.ReadUInt32LittleEndian(Read(address, 4));
    public ulong U64(uint address) =>
        BigEndian ? BinaryPrimitives.ReadUInt64BigEndian(Read(address, 8)) : BinaryPrimitives.ReadUInt64LittleEndian(Read(address, 8));
    public ushort U16(uint address) =>
        BigEndian ? BinaryPrimitives.ReadUInt16BigEndian(Read(address, 2)) : BinaryPrimitives.ReadUInt16LittleEndian(Read(address, 2));

    public void WriteU32(uint address, uint value) => Assert.IsTrue(Memory.TryWriteU32(address, value, BigEndian));
}
