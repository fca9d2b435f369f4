using System.Buffers.Binary;
using CrossEmu.Frontends.Mips;
using CrossEmu.Isa;
using CrossEmu.Machines.Linux.Mips;

namespace CrossEmu.Machines.Linux.Tests.Support;

/// <summary>
/// A MIPS o32 process with no program, in either byte order: guest memory, a MipsCpuState as the
/// register file, a scratch mapping and a stack. Syscalls are made like `syscall`: number in v0,
/// arguments in a0-a3 and, from the fifth on, at sp+16.
/// </summary>
unsafe sealed class MipsProcessFixture : ProcessFixture<MipsCpuState>
{
    public const uint StackTop = 0x00200000, StackSize = 0x10000;

    public MipsO32 Abi => (MipsO32)Process.Abi;
    public bool BigEndian => Abi.BigEndian;

    public MipsProcessFixture(bool bigEndian, LogFlags log = LogFlags.None, bool strace = false)
        : base(bigEndian ? MipsO32.Big : MipsO32.Little, log, null, strace)
    {
        Process.AddressSpace.MapFresh(StackTop - StackSize, StackSize, Linux.Memory.Protection.Read | Linux.Memory.Protection.Write);
        Cpu->R[MipsCpuState.Sp] = StackTop - 0x100;
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

    public uint U32(uint address) =>
        BigEndian ? BinaryPrimitives.ReadUInt32BigEndian(Read(address, 4)) : BinaryPrimitives.ReadUInt32LittleEndian(Read(address, 4));
    public ulong U64(uint address) =>
        BigEndian ? BinaryPrimitives.ReadUInt64BigEndian(Read(address, 8)) : BinaryPrimitives.ReadUInt64LittleEndian(Read(address, 8));
    public ushort U16(uint address) =>
        BigEndian ? BinaryPrimitives.ReadUInt16BigEndian(Read(address, 2)) : BinaryPrimitives.ReadUInt16LittleEndian(Read(address, 2));

    public void WriteU32(uint address, uint value) => Assert.IsTrue(Memory.TryWriteU32(address, value, BigEndian));
}
