using System.Runtime.InteropServices;
using System.Text;
using CrossEmu.Frontends.Arm;
using CrossEmu.Isa;
using CrossEmu.Isa.Memory;
using CrossEmu.Machines.Linux;
using CrossEmu.Machines.Linux.Arm;

namespace CrossEmu.Machines.Linux.Tests.Support;

/// <summary>
/// An ARM EABI process with no program: guest memory, an ArmCpuState as the register file, and a
/// scratch mapping. Syscalls are made by putting the number in r7 and arguments in r0-r6, like `svc 0`.
/// </summary>
unsafe sealed class ArmProcessFixture : IDisposable
{
    public const uint Scratch = 0x00100000, ScratchSize = 0x10000;

    public GuestMemory Memory { get; } = new();
    public LinuxProcess Process { get; }
    public ArmCpuState* Cpu { get; }
    public StringWriter Log { get; } = new();

    public ArmProcessFixture(LogFlags log = LogFlags.None, string? exePath = null, bool strace = false)
    {
        Process = new LinuxProcess(ArmEabi.Instance, Memory, new PathResolver(null, exePath ?? "/bin/guest-program"), log, Log, Log, strace);
        Cpu = (ArmCpuState*)NativeMemory.AlignedAlloc((nuint)sizeof(ArmCpuState), 64);
        NativeMemory.Clear(Cpu, (nuint)sizeof(ArmCpuState));
        Process.AddressSpace.MapFresh(Scratch, ScratchSize, Linux.Memory.Protection.Read | Linux.Memory.Protection.Write);
    }

    public void Dispose()
    {
        Process.Timers.Dispose();
        NativeMemory.AlignedFree(Cpu);
        Memory.Dispose();
    }

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

    /// <summary>Writes a NUL-terminated string into scratch memory at offset and returns its address.</summary>
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

    public uint U32(uint address) => BitConverter.ToUInt32(Read(address, 4));
    public ulong U64(uint address) => BitConverter.ToUInt64(Read(address, 8));
}
