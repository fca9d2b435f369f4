using System.Runtime.InteropServices;
using System.Text;
using CrossEmu.Isa;
using CrossEmu.Isa.Memory;
using CrossEmu.Isa.State;
using CrossEmu.Machines.Linux.Abi;

namespace CrossEmu.Machines.Linux.Tests.Support;

/// <summary>
/// A Linux process with no program: guest memory, the ISA's CPU state as the register file, and a scratch
/// mapping. <see cref="ArmProcessFixture"/> and <see cref="MipsProcessFixture"/> add how their ABI makes a
/// syscall and reads guest words.
/// </summary>
unsafe abstract class ProcessFixture<TCpu> : IDisposable where TCpu : unmanaged
{
    public const uint Scratch = 0x00100000, ScratchSize = 0x10000;

    public GuestMemory Memory { get; } = new();
    public LinuxProcess Process { get; }
    public TCpu* Cpu { get; }
    public StringWriter Log { get; } = new();

    protected ProcessFixture(LinuxAbi abi, LogFlags log, string? exePath, bool strace)
    {
        Process = new LinuxProcess(abi, Memory, new PathResolver(null, exePath ?? "/bin/guest-program"), log, Log, Log, strace);
        Cpu = (TCpu*)NativeMemory.AlignedAlloc((nuint)sizeof(TCpu), 64);
        NativeMemory.Clear(Cpu, (nuint)sizeof(TCpu));
        Process.AddressSpace.MapFresh(Scratch, ScratchSize, Linux.Memory.Protection.Read | Linux.Memory.Protection.Write);
    }

    public void Dispose()
    {
        Process.Timers.Dispose();
        NativeMemory.AlignedFree(Cpu);
        Memory.Dispose();
    }

    /// <summary>Runs the process loop on a scripted "engine": each step sets registers and returns an exit.</summary>
    public int RunScript(params Func<nint, ExitReason>[] steps)
    {
        int next = 0;
        return Process.Run(Cpu, state =>
        {
            if (next >= steps.Length) Assert.Fail("the process should have ended");
            return steps[next++]((nint)state);
        });
    }

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
}
