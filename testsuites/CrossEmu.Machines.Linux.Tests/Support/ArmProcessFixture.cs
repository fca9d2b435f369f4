using CrossEmu.Frontends.Arm;
using CrossEmu.Isa;
using CrossEmu.Machines.Linux.Arm;

namespace CrossEmu.Machines.Linux.Tests.Support;

/// <summary>
/// An ARM EABI process with no program: guest memory, an ArmCpuState as the register file, and a
/// scratch mapping. Syscalls are made by putting the number in r7 and arguments in r0-r6, like `svc 0`.
/// </summary>
unsafe sealed class ArmProcessFixture(LogFlags log = LogFlags.None, string? exePath = null, bool strace = false)
    : ProcessFixture<ArmCpuState>(ArmEabi.Instance, log, exePath, strace)
{
    /// <summary>Makes syscall number nr and returns r0 as a signed value (-errno on failure).</summary>
    public int Call(int nr, params uint[] args)
    {
        for (int i = 0; i < args.Length; i++) Cpu->R[i] = args[i];
        Cpu->R[7] = (uint)nr;
        Process.HandleSyscall(Cpu);
        return (int)Cpu->R[0];
    }

    public int Call(string name, params uint[] args) => Call(Number(name), args);

    public static int Number(string name) =>
        ArmEabi.Instance.Syscalls.Entries.First(e => e.Name == name).Number;

    public uint U32(uint address) => BitConverter.ToUInt32(Read(address, 4));
    public ulong U64(uint address) => BitConverter.ToUInt64(Read(address, 8));
}
