namespace CrossEmu.Machines.Linux.Signals;

/// <summary>
/// The host signal handler of <see cref="HostSignalForwarder"/>, as x86-64 machine code:
/// <c>void handler(int signal /* rdi */, siginfo_t* info /* rsi */, void* context /* rdx */)</c>.
///
/// Why machine code: a handler runs at any instruction of any thread, maybe inside the GC or holding a runtime
/// lock, so it must not be managed code (an [UnmanagedCallersOnly] method makes a reverse P/Invoke transition,
/// which is not async-signal-safe and can deadlock against a GC suspension) and may only do async-signal-safe
/// work. So it copies the first <see cref="InfoBytes"/> bytes of the siginfo into the next free slot of a queue
/// in native memory and writes one byte to a non-blocking pipe to wake the dispatcher thread.
///
/// The slot is claimed with a compare-and-swap on the write index, not a fetch-and-add: a full queue then takes
/// nothing (the arrival is counted as dropped), so the consumer never waits on a hole. A nested handler on the
/// same thread, or handlers on other threads, just make the CAS retry. The slot's sequence word (position + 1)
/// is stored last; x86 keeps stores in order, so a reader that sees it sees the copied bytes. The read index is
/// loaded before the write index: it only grows, so write - read never underflows (at worst a slot freed in
/// between is not used yet). The write goes through the syscall instruction, not libc: errno stays untouched
/// (the interrupted code may be between a failing call and its errno read), and -EAGAIN from a full pipe is
/// ignored (a full pipe already holds a wake-up). Only caller-saved registers and no stack are used; endbr64
/// makes the entry a valid indirect-branch target where CET is enforced.
///
/// Each row is one instruction's bytes and the instruction as Capstone writes it (Intel syntax, addresses from 0);
/// a test disassembles the bytes and compares.
/// </summary>
static class HostSignalHandlerCode
{
    /// <summary>The control block the code works on: indices on cache lines of their own, then the slots.</summary>
    public const int WriteIndexOffset = 0x00, ReadIndexOffset = 0x40, DroppedOffset = 0x80, WakeByteOffset = 0xc0, SlotsOffset = 0x100;

    /// <summary>Slots (a power of two), each a sequence word then the siginfo head.</summary>
    public const int Capacity = 4096, SlotSize = 64, InfoOffsetInSlot = 8;

    /// <summary>siginfo bytes kept: signo, errno, code and the union up to SIGCHLD's si_utime and si_stime.</summary>
    public const int InfoBytes = 48;

    public const int ControlBlockSize = SlotsOffset + Capacity * SlotSize;

    const int SysWrite = 1;

    public readonly record struct Instruction(byte[] Bytes, string Assembly);

    /// <summary>The handler for a control block at <paramref name="control"/> waking the pipe <paramref name="wakeFd"/>.</summary>
    public static Instruction[] Listing(nint control, int wakeFd) =>
    [
        new([0xf3, 0x0f, 0x1e, 0xfa], "endbr64"),
        new([0x49, 0xb8, .. BitConverter.GetBytes((long)control)], $"movabs r8, 0x{control:x}"),
        // 0x0e retry: claim slot rax unless the queue is full
        new([0x49, 0x8b, 0x48, ReadIndexOffset], "mov rcx, qword ptr [r8 + 0x40]"),
        new([0x49, 0x8b, 0x00], "mov rax, qword ptr [r8]"),
        new([0x48, 0x89, 0xc2], "mov rdx, rax"),
        new([0x48, 0x29, 0xca], "sub rdx, rcx"),
        new([0x48, 0x81, 0xfa, .. BitConverter.GetBytes(Capacity)], "cmp rdx, 0x1000"),
        new([0x73, 0x55], "jae 0x79"),
        new([0x48, 0x8d, 0x50, 0x01], "lea rdx, [rax + 1]"),
        new([0xf0, 0x49, 0x0f, 0xb1, 0x10], "lock cmpxchg qword ptr [r8], rdx"),
        new([0x75, 0xdf], "jne 0xe"),
        // rcx = the slot of position rax
        new([0x89, 0xc2], "mov edx, eax"),
        new([0x81, 0xe2, .. BitConverter.GetBytes(Capacity - 1)], "and edx, 0xfff"),
        new([0xc1, 0xe2, 0x06], "shl edx, 6"),
        new([0x49, 0x8d, 0x8c, 0x10, .. BitConverter.GetBytes(SlotsOffset)], "lea rcx, [r8 + rdx + 0x100]"),
        // copy the siginfo head, eight bytes at a time
        new([0x48, 0x8b, 0x16], "mov rdx, qword ptr [rsi]"),
        new([0x48, 0x89, 0x51, 0x08], "mov qword ptr [rcx + 8], rdx"),
        new([0x48, 0x8b, 0x56, 0x08], "mov rdx, qword ptr [rsi + 8]"),
        new([0x48, 0x89, 0x51, 0x10], "mov qword ptr [rcx + 0x10], rdx"),
        new([0x48, 0x8b, 0x56, 0x10], "mov rdx, qword ptr [rsi + 0x10]"),
        new([0x48, 0x89, 0x51, 0x18], "mov qword ptr [rcx + 0x18], rdx"),
        new([0x48, 0x8b, 0x56, 0x18], "mov rdx, qword ptr [rsi + 0x18]"),
        new([0x48, 0x89, 0x51, 0x20], "mov qword ptr [rcx + 0x20], rdx"),
        new([0x48, 0x8b, 0x56, 0x20], "mov rdx, qword ptr [rsi + 0x20]"),
        new([0x48, 0x89, 0x51, 0x28], "mov qword ptr [rcx + 0x28], rdx"),
        new([0x48, 0x8b, 0x56, 0x28], "mov rdx, qword ptr [rsi + 0x28]"),
        new([0x48, 0x89, 0x51, 0x30], "mov qword ptr [rcx + 0x30], rdx"),
        // publish: sequence = position + 1
        new([0x48, 0xff, 0xc0], "inc rax"),
        new([0x48, 0x89, 0x01], "mov qword ptr [rcx], rax"),
        new([0xeb, 0x08], "jmp 0x81"),
        // 0x79 full: count the drop
        new([0xf0, 0x49, 0xff, 0x80, .. BitConverter.GetBytes(DroppedOffset)], "lock inc qword ptr [r8 + 0x80]"),
        // 0x81 wake: write(wakeFd, &control[WakeByteOffset], 1)
        new([0xb8, .. BitConverter.GetBytes(SysWrite)], "mov eax, 1"),
        new([0xbf, .. BitConverter.GetBytes(wakeFd)], $"mov edi, {Immediate(wakeFd)}"),
        new([0x49, 0x8d, 0xb0, .. BitConverter.GetBytes(WakeByteOffset)], "lea rsi, [r8 + 0xc0]"),
        new([0xba, 0x01, 0x00, 0x00, 0x00], "mov edx, 1"),
        new([0x0f, 0x05], "syscall"),
        new([0xc3], "ret"),
    ];

    /// <summary>An immediate as Capstone writes it: decimal up to 9, hexadecimal above.</summary>
    static string Immediate(long value) => value <= 9 ? $"{value}" : $"0x{value:x}";

    public static byte[] Bytes(nint control, int wakeFd) => [.. Listing(control, wakeFd).SelectMany(i => i.Bytes)];
}
