using System.Runtime.InteropServices;

namespace CrossEmu.Kvm.Native;

/// <summary>
/// The start of struct kvm_run, the page shared with the kernel through mmap of the vCPU descriptor, up to and
/// including the 256-byte exit union (the sync-regs area after it is not used). Its full size is
/// KVM_GET_VCPU_MMAP_SIZE, never sizeof of this struct.
/// </summary>
[StructLayout(LayoutKind.Explicit, Size = 0x120)]
public struct KvmRun
{
    /// <summary>Offset of the exit union in struct kvm_run.</summary>
    public const int UnionOffset = 32;

    [FieldOffset(0)] public byte RequestInterruptWindow;
    [FieldOffset(1)] public byte ImmediateExit;
    [FieldOffset(8)] public uint ExitReason;
    [FieldOffset(12)] public byte ReadyForInterruptInjection;
    [FieldOffset(13)] public byte IfFlag;
    [FieldOffset(14)] public ushort Flags;
    [FieldOffset(16)] public ulong Cr8;
    [FieldOffset(24)] public ulong ApicBase;

    [FieldOffset(UnionOffset)] public KvmRunHw Hw;
    [FieldOffset(UnionOffset)] public KvmRunFailEntry FailEntry;
    [FieldOffset(UnionOffset)] public KvmRunEx Ex;
    [FieldOffset(UnionOffset)] public KvmRunIo Io;
    [FieldOffset(UnionOffset)] public KvmRunMmio Mmio;
    [FieldOffset(UnionOffset)] public KvmRunInternal Internal;
    [FieldOffset(UnionOffset)] public KvmRunSystemEvent SystemEvent;
}

[StructLayout(LayoutKind.Sequential)]
public struct KvmRunHw
{
    public ulong HardwareExitReason;
}

[StructLayout(LayoutKind.Sequential)]
public struct KvmRunFailEntry
{
    public ulong HardwareEntryFailureReason;
    public uint Cpu;
}

[StructLayout(LayoutKind.Sequential)]
public struct KvmRunEx
{
    public uint Exception;
    public uint ErrorCode;
}

/// <summary>KVM_EXIT_IO: <see cref="Count"/> items of <see cref="Size"/> bytes at <see cref="DataOffset"/> from the start of kvm_run.</summary>
[StructLayout(LayoutKind.Sequential)]
public struct KvmRunIo
{
    public const byte DirectionIn = 0, DirectionOut = 1;

    public byte Direction;
    public byte Size;
    public ushort Port;
    public uint Count;
    public ulong DataOffset;
}

[StructLayout(LayoutKind.Sequential)]
public unsafe struct KvmRunMmio
{
    public ulong PhysAddr;
    public fixed byte Data[8];
    public uint Len;
    public byte IsWrite;
}

[StructLayout(LayoutKind.Sequential)]
public unsafe struct KvmRunInternal
{
    public uint Suberror;
    public uint Ndata;
    public fixed ulong Data[16];
}

[StructLayout(LayoutKind.Sequential)]
public unsafe struct KvmRunSystemEvent
{
    public uint Type;
    public uint Ndata;
    public fixed ulong Data[16]; // union { __u64 flags; __u64 data[16]; }
}
