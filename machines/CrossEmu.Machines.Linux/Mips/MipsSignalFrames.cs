using CrossEmu.Frontends.Mips;
using CrossEmu.Isa.Host;
using CrossEmu.Machines.Linux.Abi;
using CrossEmu.Machines.Linux.Signals;
using CrossEmu.Machines.Linux.Syscalls;
using static CrossEmu.Machines.Linux.Abi.Field;

namespace CrossEmu.Machines.Linux.Mips;

/// <summary>
/// MIPS o32 signal frames (arch/mips/kernel/signal.c), in the guest's byte order:
/// `struct sigframe { u32 sf_ass[4], sf_pad[2]; struct sigcontext sf_sc; sigset_t sf_mask; }` and
/// `struct rt_sigframe { u32 rs_ass[4], rs_pad[2]; siginfo_t rs_info; struct ucontext rs_uc; }`,
/// 8-byte aligned 32 bytes below sp (or on the sigaltstack with SA_ONSTACK). The handler runs with
/// a0 = signal, a1 = &amp;siginfo (0 without SA_SIGINFO), a2 = the context, t9 = pc = handler and
/// ra = a trampoline of MipsSigreturnPage; sigreturn/rt_sigreturn restore everything the frame saved.
/// </summary>
public sealed unsafe class MipsSignalFrames(bool bigEndian) : ISignalFrames
{
    // struct sigcontext (o32): 64-bit register slots; FR = 0 keeps each double pair in an even slot.
    public const int ScRegmask = 0, ScStatus = 4, ScPc = 8, ScRegs = 16, ScFpregs = 272, ScAcx = 528, ScFpcCsr = 532,
        ScFpcEir = 536, ScUsedMath = 540, ScDsp = 544, ScMdhi = 552, ScMdlo = 560, SigcontextSize = 592;
    // struct ucontext: uc_mcontext is 8-aligned; sigset_t has 128 bits.
    public const int UcFlags = 0, UcLink = 4, UcStack = 8, UcMcontext = 24, UcSigmask = 616, UcontextSize = 632;
    public const int SfSc = 24, SfMask = SfSc + SigcontextSize, SigframeSize = SfMask + SigsetSize;
    public const int RsInfo = 24, RsUc = RsInfo + SiginfoSize, RtSigframeSize = RsUc + UcontextSize;
    const int SiginfoSize = 128, SigsetSize = 16;
    const uint USED_FP = 1, SS_ONSTACK = 1, SS_DISABLE = 2;
    /// <summary>Bytes left untouched below sp (the kernel's room for its FPU emulator's trampoline).</summary>
    const uint RedZone = 32;

    public bool Setup(LinuxProcess process, void* state, SignalInfo info, GuestSigaction action)
    {
        var cpu = (MipsCpuState*)state;
        bool rt = (action.Flags & HostSignals.SA_SIGINFO) != 0;
        int size = rt ? RtSigframeSize : SigframeSize;
        uint sp = cpu->R[MipsCpuState.Sp];
        var alt = process.Signals.AltStack;
        bool onAltStack = alt.Size != 0 && sp - alt.Pointer < alt.Size;
        sp -= RedZone;
        if ((action.Flags & HostSignals.SA_ONSTACK) != 0 && (alt.Flags & SS_DISABLE) == 0 && alt.Size != 0 && !onAltStack)
            sp = alt.Pointer + alt.Size;
        uint frame = (sp - (uint)size) & ~7u;

        var bytes = new byte[size];
        var s = new GuestStruct(bytes, bigEndian);
        ulong blocked = process.Signals.MaskToSave;
        int sc;
        if (rt)
        {
            Siginfo.ToGuest(process.Abi, info).CopyTo(bytes, RsInfo);
            s.Put(U32(RsUc + UcFlags), 0);
            s.Put(U32(RsUc + UcLink), 0);
            s.Put(U32(RsUc + UcStack), alt.Pointer);
            s.Put(U32(RsUc + UcStack + 4), alt.Size);
            s.Put(U32(RsUc + UcStack + 8), alt.Size == 0 ? SS_DISABLE : onAltStack ? SS_ONSTACK : 0);
            PutMask(s, RsUc + UcSigmask, blocked);
            sc = RsUc + UcMcontext;
        }
        else
        {
            PutMask(s, SfMask, blocked);
            sc = SfSc;
        }
        SaveContext(s, sc, cpu);
        if (!process.Memory.TryWrite(frame, bytes)) return false;

        if ((action.Handler & 1) != 0)
        {
            process.Abort($"MIPS16/microMIPS signal handler at 0x{action.Handler:x8} is not supported");
            return true;
        }
        cpu->R[MipsCpuState.A0] = (uint)info.Signal;
        cpu->R[MipsCpuState.A1] = rt ? frame + RsInfo : 0;
        cpu->R[MipsCpuState.A2] = rt ? frame + RsUc : frame + SfSc;
        cpu->R[MipsCpuState.Sp] = frame;
        cpu->R[MipsCpuState.Ra] = rt ? MipsSigreturnPage.RtSigreturnCode : MipsSigreturnPage.SigreturnCode;
        cpu->R[MipsCpuState.T9] = action.Handler;
        cpu->Header.Pc = action.Handler;
        cpu->BranchCond = 0;
        return true;
    }

    public long Return(SyscallContext c, bool rt)
    {
        var cpu = (MipsCpuState*)c.State;
        uint frame = cpu->R[MipsCpuState.Sp];
        int size = rt ? RtSigframeSize : SigframeSize;
        var bytes = new byte[size];
        if (!c.Read(frame, bytes))
        {
            SignalDelivery.Force(c.Process, c.State, new SignalInfo(c.Abi.ToGuestSignal(HostSignals.SIGSEGV), HostSignals.SI_KERNEL));
            return SyscallContext.NoResult;
        }
        var s = new GuestStruct(bytes, bigEndian);
        int maskAt = rt ? RsUc + UcSigmask : SfMask;
        ulong mask = s.Get(U32(maskAt)) | s.Get(U32(maskAt + 4)) << 32;
        c.Process.Signals.Blocked = mask & ~SignalDelivery.Unblockable(c.Process);
        RestoreContext(s, rt ? RsUc + UcMcontext : SfSc, cpu);
        return SyscallContext.NoResult;
    }

    static void PutMask(GuestStruct s, int at, ulong mask)
    {
        s.Put(U32(at), (uint)mask);
        s.Put(U32(at + 4), (uint)(mask >> 32));
    }

    static void SaveContext(GuestStruct s, int sc, MipsCpuState* cpu)
    {
        s.Put(U64(sc + ScPc), cpu->Header.Pc);
        for (int i = 1; i < 32; i++) s.Put(U64(sc + ScRegs + 8 * i), cpu->R[i]);
        s.Put(U64(sc + ScMdhi), cpu->Hi);
        s.Put(U64(sc + ScMdlo), cpu->Lo);
        s.Put(U32(sc + ScUsedMath), USED_FP);
        for (int i = 0; i < 32; i += 2) s.Put(U64(sc + ScFpregs + 8 * i), cpu->GetDouble(i));
        s.Put(U32(sc + ScFpcCsr), cpu->Fcsr);
    }

    static void RestoreContext(GuestStruct s, int sc, MipsCpuState* cpu)
    {
        cpu->Header.Pc = (uint)s.Get(U64(sc + ScPc));
        for (int i = 1; i < 32; i++) cpu->R[i] = (uint)s.Get(U64(sc + ScRegs + 8 * i));
        cpu->Hi = (uint)s.Get(U64(sc + ScMdhi));
        cpu->Lo = (uint)s.Get(U64(sc + ScMdlo));
        if ((s.Get(U32(sc + ScUsedMath)) & USED_FP) != 0)
        {
            for (int i = 0; i < 32; i += 2) cpu->SetDouble(i, s.Get(U64(sc + ScFpregs + 8 * i)));
            cpu->Fcsr = (uint)s.Get(U32(sc + ScFpcCsr));
        }
        cpu->BranchCond = 0; // the saved pc is never inside a delay slot
    }
}
