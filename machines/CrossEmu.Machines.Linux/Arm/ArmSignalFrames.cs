using CrossEmu.Frontends.Arm;
using CrossEmu.Isa.Host;
using CrossEmu.Machines.Linux.Abi;
using CrossEmu.Machines.Linux.Signals;
using CrossEmu.Machines.Linux.Syscalls;
using static CrossEmu.Machines.Linux.Abi.Field;

namespace CrossEmu.Machines.Linux.Arm;

/// <summary>
/// ARM Linux signal frames (arch/arm/kernel/signal.c): `struct sigframe { ucontext uc; retcode[4]; }`
/// and `struct rt_sigframe { siginfo info; sigframe sig; }`, 8-byte aligned below sp (or on the
/// sigaltstack with SA_ONSTACK). The handler returns through sa_restorer or, without SA_RESTORER,
/// the trampolines of the kuser page; sigreturn/rt_sigreturn restore what the frame saved.
/// </summary>
public sealed unsafe class ArmSignalFrames : ISignalFrames
{
    const int SiginfoSize = 128;
    // struct ucontext
    const int UcFlags = 0, UcLink = 4, UcStack = 8, UcMcontext = 20, UcSigmask = 104, UcRegspace = 232, UcontextSize = 744;
    // struct sigcontext, inside uc_mcontext
    const int ScTrapNo = 0, ScErrorCode = 4, ScOldMask = 8, ScR0 = 12, ScSp = ScR0 + 13 * 4, ScLr = ScR0 + 14 * 4,
        ScPc = ScR0 + 15 * 4, ScCpsr = ScR0 + 16 * 4, ScFaultAddress = ScR0 + 17 * 4;
    const int SigframeSize = UcontextSize + 16, RtSigframeSize = SiginfoSize + SigframeSize;
    const uint SS_ONSTACK = 1, SS_DISABLE = 2;
    const int NrSigreturn = 119, NrRtSigreturn = 173;

    public bool Setup(LinuxProcess process, void* state, SignalInfo info, GuestSigaction action)
    {
        var cpu = (ArmCpuState*)state;
        bool rt = (action.Flags & HostSignals.SA_SIGINFO) != 0;
        int size = rt ? RtSigframeSize : SigframeSize;
        uint sp = cpu->R[13];
        var alt = process.Signals.AltStack;
        bool onAltStack = alt.Size != 0 && sp - alt.Pointer < alt.Size;
        if ((action.Flags & HostSignals.SA_ONSTACK) != 0 && (alt.Flags & SS_DISABLE) == 0 && alt.Size != 0 && !onAltStack)
            sp = alt.Pointer + alt.Size;
        uint frame = (sp - (uint)size) & ~7u;

        var bytes = new byte[size];
        var s = new GuestStruct(bytes, bigEndian: false);
        int uc = rt ? SiginfoSize : 0;
        if (rt) Siginfo.ToGuest(process.Abi, info).CopyTo(bytes, 0);
        s.Put(U32(uc + UcFlags), 0);
        s.Put(U32(uc + UcLink), 0);
        s.Put(U32(uc + UcStack), alt.Pointer);
        s.Put(U32(uc + UcStack + 4), alt.Size == 0 ? SS_DISABLE : onAltStack ? SS_ONSTACK : 0);
        s.Put(U32(uc + UcStack + 8), alt.Size);
        int mc = uc + UcMcontext;
        ulong blocked = process.Signals.MaskToSave;
        bool fault = info.Code > 0 && info.Address != 0;
        s.Put(U32(mc + ScTrapNo), 0);
        s.Put(U32(mc + ScErrorCode), 0);
        s.Put(U32(mc + ScOldMask), (uint)blocked);
        for (int i = 0; i < 15; i++) s.Put(U32(mc + ScR0 + 4 * i), cpu->R[i]);
        s.Put(U32(mc + ScPc), cpu->Header.Pc);
        s.Put(U32(mc + ScCpsr), cpu->Cpsr);
        s.Put(U32(mc + ScFaultAddress), fault ? info.Address : 0);
        s.Put(U32(uc + UcSigmask), (uint)blocked);
        s.Put(U32(uc + UcSigmask + 4), (uint)(blocked >> 32));
        // uc_regspace stays zero: no VFP/iWMMXt records, just the terminating zero magic.
        int retcode = uc + UcontextSize;
        s.Put(U32(retcode), 0xe3a07000u | (uint)(rt ? NrRtSigreturn : NrSigreturn)); // mov r7, #NR
        s.Put(U32(retcode + 4), 0xef000000);                                          // svc 0
        if (!process.Memory.TryWrite(frame, bytes)) return false;

        if ((action.Handler & 1) != 0)
        {
            process.Abort($"Thumb signal handler at 0x{action.Handler:x8} is not supported yet");
            return true;
        }
        cpu->R[0] = (uint)info.Signal;
        if (rt) { cpu->R[1] = frame; cpu->R[2] = frame + (uint)uc; }
        cpu->R[13] = frame;
        cpu->R[14] = (action.Flags & HostSignals.SA_RESTORER) != 0 && action.Restorer != 0
            ? action.Restorer
            : rt ? ArmKuserPage.RtSigreturnCode : ArmKuserPage.SigreturnCode;
        cpu->Header.Pc = action.Handler;
        return true;
    }

    public long Return(SyscallContext c, bool rt)
    {
        var cpu = (ArmCpuState*)c.State;
        uint frame = cpu->R[13];
        int uc = rt ? SiginfoSize : 0;
        var bytes = new byte[UcontextSize];
        if ((frame & 7) != 0 || !c.Read(frame + (uint)uc, bytes))
        {
            SignalDelivery.Force(c.Process, c.State, new SignalInfo(c.Abi.ToGuestSignal(HostSignals.SIGSEGV), HostSignals.SI_KERNEL));
            return SyscallContext.NoResult;
        }
        var s = new GuestStruct(bytes, bigEndian: false);
        ulong mask = s.Get(U32(UcSigmask)) | s.Get(U32(UcSigmask + 4)) << 32;
        c.Process.Signals.Blocked = mask & ~SignalDelivery.Unblockable(c.Process);
        for (int i = 0; i < 15; i++) cpu->R[i] = (uint)s.Get(U32(UcMcontext + ScR0 + 4 * i));
        cpu->Header.Pc = (uint)s.Get(U32(UcMcontext + ScPc));
        cpu->SetCpsrFlags((uint)s.Get(U32(UcMcontext + ScCpsr)));
        return SyscallContext.NoResult;
    }
}
