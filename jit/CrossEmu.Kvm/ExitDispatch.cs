using System.Text;
using CrossEmu.Devices.Bus;
using CrossEmu.Kvm.Native;

namespace CrossEmu.Kvm;

/// <summary>
/// Serves the exit a KVM_RUN left in a kvm_run page: port I/O and MMIO through the <see cref="IIoDispatcher"/>
/// (results written back into the page for KVM to complete the instruction on the next KVM_RUN), everything else
/// classified into a <see cref="VcpuExit"/>. Separate from the ioctl so the tests can feed it pages they build.
/// </summary>
internal static unsafe class ExitDispatch
{
    public static VcpuExit Serve(byte* run, int runSize, IIoDispatcher io, int vcpuId, Func<string> registerDump)
    {
        ref var state = ref *(KvmRun*)run;
        uint reason = state.ExitReason;
        switch (reason)
        {
            case KvmExit.Io:
                ServePortIo(run, runSize, io);
                return new VcpuExit(VcpuExitKind.Handled, reason);
            case KvmExit.Mmio:
                ServeMmio(ref state, io);
                return new VcpuExit(VcpuExitKind.Handled, reason);
            case KvmExit.Intr:
                return new VcpuExit(VcpuExitKind.Interrupted, reason);
            case KvmExit.IrqWindowOpen:
            case KvmExit.IoapicEoi:
            case KvmExit.SetTpr:
                return new VcpuExit(VcpuExitKind.Handled, reason);
            case KvmExit.Hlt:
                return new VcpuExit(VcpuExitKind.Halted, reason);
            case KvmExit.Shutdown:
                return new VcpuExit(VcpuExitKind.TripleFault, reason, $"vCPU {vcpuId}: triple fault (KVM_EXIT_SHUTDOWN)\n{registerDump()}");
            case KvmExit.SystemEvent:
                return state.SystemEvent.Type switch
                {
                    KvmSystemEvent.Shutdown => new VcpuExit(VcpuExitKind.SystemShutdown, reason),
                    KvmSystemEvent.Reset => new VcpuExit(VcpuExitKind.SystemReset, reason),
                    KvmSystemEvent.Crash => new VcpuExit(VcpuExitKind.SystemCrash, reason,
                        $"vCPU {vcpuId}: the guest reported a crash (KVM_SYSTEM_EVENT_CRASH)"),
                    uint t => new VcpuExit(VcpuExitKind.Error, reason, $"vCPU {vcpuId}: unhandled KVM_EXIT_SYSTEM_EVENT type {t}"),
                };
            case KvmExit.InternalError:
                return new VcpuExit(VcpuExitKind.Error, reason, InternalErrorMessage(ref state, vcpuId, registerDump));
            case KvmExit.FailEntry:
                return new VcpuExit(VcpuExitKind.Error, reason,
                    $"vCPU {vcpuId}: KVM_EXIT_FAIL_ENTRY: the hardware refused to enter the guest " +
                    $"(hardware_entry_failure_reason 0x{state.FailEntry.HardwareEntryFailureReason:x}, host cpu {state.FailEntry.Cpu}); " +
                    $"the register state is invalid for VM entry\n{registerDump()}");
            case KvmExit.Unknown:
                return new VcpuExit(VcpuExitKind.Error, reason,
                    $"vCPU {vcpuId}: KVM_EXIT_UNKNOWN (hardware_exit_reason 0x{state.Hw.HardwareExitReason:x})\n{registerDump()}");
            default:
                return new VcpuExit(VcpuExitKind.Error, reason, $"vCPU {vcpuId}: unhandled {KvmExit.Name(reason)} (exit reason {reason})\n{registerDump()}");
        }
    }

    /// <summary>KVM_EXIT_IO: <c>count</c> items of <c>size</c> bytes at <c>data_offset</c> (string I/O has count &gt; 1).</summary>
    static void ServePortIo(byte* run, int runSize, IIoDispatcher io)
    {
        var x = ((KvmRun*)run)->Io;
        int size = x.Size;
        if (size is not (1 or 2 or 4))
            throw new KvmException($"KVM_EXIT_IO of {size} bytes at port 0x{x.Port:x} (a port access is 1, 2 or 4 bytes)");
        var width = AccessWidthExtensions.FromBytes(size);
        if (x.DataOffset < (ulong)sizeof(KvmRun) || x.DataOffset + (ulong)x.Count * (ulong)size > (ulong)runSize)
            throw new KvmException($"KVM_EXIT_IO data at offset {x.DataOffset} ({x.Count} x {size} bytes) is outside the kvm_run mapping");
        byte* data = run + x.DataOffset;
        for (uint i = 0; i < x.Count; i++, data += size)
        {
            if (x.Direction == KvmRunIo.DirectionOut)
                io.WritePort(x.Port, width, ReadLittle(data, size));
            else
                WriteLittle(data, size, io.ReadPort(x.Port, width));
        }
    }

    static void ServeMmio(ref KvmRun state, IIoDispatcher io)
    {
        ref var m = ref state.Mmio;
        int len = (int)Math.Min(m.Len, 8u);
        fixed (byte* data = m.Data)
        {
            if (len is 1 or 2 or 4 or 8)
            {
                var width = AccessWidthExtensions.FromBytes(len);
                if (m.IsWrite != 0) io.WriteMemory(m.PhysAddr, width, ReadLittle(data, len));
                else WriteLittle(data, len, io.ReadMemory(m.PhysAddr, width));
                return;
            }
            // An odd length (not produced by x86 KVM in practice): byte by byte.
            for (int i = 0; i < len; i++)
            {
                if (m.IsWrite != 0) io.WriteMemory(m.PhysAddr + (ulong)i, AccessWidth.Byte, data[i]);
                else data[i] = (byte)io.ReadMemory(m.PhysAddr + (ulong)i, AccessWidth.Byte);
            }
        }
    }

    static ulong ReadLittle(byte* p, int size) => size switch
    {
        1 => *p,
        2 => *(ushort*)p,
        4 => *(uint*)p,
        _ => *(ulong*)p,
    };

    static void WriteLittle(byte* p, int size, ulong value)
    {
        switch (size)
        {
            case 1: *p = (byte)value; break;
            case 2: *(ushort*)p = (ushort)value; break;
            case 4: *(uint*)p = (uint)value; break;
            default: *(ulong*)p = value; break;
        }
    }

    static string InternalErrorMessage(ref KvmRun state, int vcpuId, Func<string> registerDump)
    {
        ref var e = ref state.Internal;
        var sb = new StringBuilder();
        sb.Append($"vCPU {vcpuId}: KVM_EXIT_INTERNAL_ERROR: {KvmInternalError.Name(e.Suberror)}");
        uint n = Math.Min(e.Ndata, 16u);
        if (n > 0)
        {
            sb.Append(" data:");
            for (int i = 0; i < n; i++) sb.Append($" 0x{e.Data[i]:x}");
        }
        sb.Append('\n').Append(registerDump());
        return sb.ToString();
    }
}
