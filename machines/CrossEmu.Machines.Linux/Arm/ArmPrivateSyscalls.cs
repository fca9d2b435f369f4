using CrossEmu.Frontends.Arm;
using CrossEmu.Isa.Host;
using CrossEmu.Machines.Linux.Signals;
using CrossEmu.Machines.Linux.Syscalls;

namespace CrossEmu.Machines.Linux.Arm;

/// <summary>The ARM-only calls at 0xf0000 + n (asm/unistd.h __ARM_NR_*).</summary>
static unsafe class ArmPrivateSyscalls
{
    public static void Register(SyscallCatalog c)
    {
        c.Add("set_tls", SetTls, "tls:ptr");
        c.Add("get_tls", c2 => ((ArmCpuState*)c2.State)->TpidrUro, " -> hex");
        // Translated code is invalidated by the write watch on code pages: nothing to flush.
        c.Add("cacheflush", _ => 0, "start:ptr, end:ptr, flags:hex");
        c.Add("breakpoint", Breakpoint, "");
    }

    static long SetTls(SyscallContext c)
    {
        ((ArmCpuState*)c.State)->TpidrUro = c[0];
        return 0;
    }

    // Like the kernel's ptrace_break: SIGTRAP at the svc, delivered after r0 is set.
    static long Breakpoint(SyscallContext c)
    {
        var cpu = (ArmCpuState*)c.State;
        cpu->R[0] = 0;
        SignalDelivery.Force(c.Process, c.State,
            new SignalInfo(c.Abi.ToGuestSignal(HostSignals.SIGTRAP), HostSignals.TRAP_BRKPT, cpu->Header.Pc - 4));
        return SyscallContext.NoResult;
    }
}
