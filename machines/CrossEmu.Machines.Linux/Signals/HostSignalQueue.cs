using System.Runtime.InteropServices;
using CrossEmu.Isa.Host;
using static CrossEmu.Machines.Linux.Signals.HostSignalHandlerCode;

namespace CrossEmu.Machines.Linux.Signals;

/// <summary>
/// The native half of host signal forwarding, one per process: the queue the signal handler fills (native memory,
/// laid out as <see cref="HostSignalHandlerCode"/> says), the pipe it wakes the consumer with, and the handler's
/// code page. None of it is ever freed: after a sigaction is restored a handler may still be running on another
/// thread, and the pipe's descriptors must never be closed and reused for a file that a late handler would write
/// its wake-up byte into. One consumer thread at a time takes from the queue.
/// </summary>
sealed unsafe class HostSignalQueue
{
    static readonly Lazy<HostSignalQueue> Instance = new(() => new HostSignalQueue());

    public static HostSignalQueue Shared => Instance.Value;

    readonly byte* control;
    readonly int readFd, writeFd;

    /// <summary>The handler's address, for sa_sigaction.</summary>
    public nint Handler { get; }

    HostSignalQueue()
    {
        // Zeroed by mmap: both indices 0, no slot published (slot 0 waits for sequence 1).
        control = (byte*)Map(ControlBlockSize, Libc.PROT_READ | Libc.PROT_WRITE);
        int* fds = stackalloc int[2];
        // Both ends non-blocking: the handler must never block on a full pipe, and the consumer polls.
        if (Libc.pipe2(fds, Libc.O_CLOEXEC | Libc.O_NONBLOCK) != 0) throw Failure("pipe2 for the host signal wake-up");
        (readFd, writeFd) = (fds[0], fds[1]);

        byte[] code = Bytes((nint)control, writeFd);
        nint page = Map(Environment.SystemPageSize, Libc.PROT_READ | Libc.PROT_WRITE);
        code.CopyTo(new Span<byte>((void*)page, code.Length));
        if (Libc.mprotect(page, (nuint)Environment.SystemPageSize, Libc.PROT_READ | Libc.PROT_EXEC) != 0)
            throw Failure("mprotect of the host signal handler page");
        Handler = page;
    }

    static nint Map(int size, int protection)
    {
        nint address = Libc.mmap(0, (nuint)size, protection, Libc.MAP_PRIVATE | Libc.MAP_ANONYMOUS, -1, 0);
        return address == Libc.MAP_FAILED ? throw Failure("mmap for the host signal queue") : address;
    }

    static InvalidOperationException Failure(string what) =>
        new($"{what}: {ErrnoNames.OfHost(Marshal.GetLastPInvokeError())}");

    ref ulong Word(int offset) => ref *(ulong*)(control + offset);

    /// <summary>Arrivals dropped because the queue was full, since the process started.</summary>
    public long Dropped => (long)Volatile.Read(ref Word(DroppedOffset));

    /// <summary>Takes the next arrival; false when none is published yet (the queue is empty, or its next slot is
    /// still being written by a handler, which wakes the consumer when it is done).</summary>
    public bool TryTake(out HostSignalEvent arrival)
    {
        ulong position = Volatile.Read(ref Word(ReadIndexOffset));
        int slot = SlotsOffset + (int)(position % Capacity) * SlotSize;
        if (Volatile.Read(ref Word(slot)) != position + 1)
        {
            arrival = default;
            return false;
        }
        arrival = HostSignalEvent.FromSiginfo(new ReadOnlySpan<byte>(control + slot + InfoOffsetInSlot, InfoBytes));
        Volatile.Write(ref Word(ReadIndexOffset), position + 1); // frees the slot for the handler
        return true;
    }

    /// <summary>Blocks until a handler or <see cref="Wake"/> wrote to the pipe, then empties it. Take after this,
    /// never before: every byte is written after its slot was published.</summary>
    public void WaitForWake()
    {
        var poll = new HostPollFd { Fd = readFd, Events = Libc.POLLIN };
        while (Libc.poll(&poll, 1, -1) < 0)
            // A signal handled on this thread interrupts poll whatever SA_RESTART says.
            if (Marshal.GetLastPInvokeError() != Errno.EINTR) throw Failure("poll of the host signal wake-up pipe");
        byte* buffer = stackalloc byte[256];
        while (Libc.read(readFd, buffer, 256) > 0) { }
    }

    /// <summary>Wakes the consumer without an arrival.</summary>
    public void Wake()
    {
        byte wake = 0;
        Libc.write(writeFd, &wake, 1);
    }
}
