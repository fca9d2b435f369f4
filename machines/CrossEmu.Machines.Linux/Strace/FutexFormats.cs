using CrossEmu.Machines.Linux.Abi;

namespace CrossEmu.Machines.Linux.Strace;

/// <summary>futex operations and the arguments each operation takes (the others are left out, as strace does).</summary>
static class FutexFormats
{
    const int FUTEX_WAIT = 0, FUTEX_WAKE = 1, FUTEX_REQUEUE = 3, FUTEX_CMP_REQUEUE = 4, FUTEX_WAKE_OP = 5,
        FUTEX_LOCK_PI = 6, FUTEX_WAIT_BITSET = 9, FUTEX_WAKE_BITSET = 10, FUTEX_WAIT_REQUEUE_PI = 11,
        FUTEX_CMP_REQUEUE_PI = 12, FUTEX_LOCK_PI2 = 13;
    const int CommandMask = 0x7f, FUTEX_PRIVATE_FLAG = 0x80, FUTEX_CLOCK_REALTIME = 0x100;
    const uint FUTEX_BITSET_MATCH_ANY = 0xffffffff;
    // The futex call's operation is its second argument.
    const int OperationSlot = 1;

    static readonly ValueTable Commands = new(("FUTEX_WAIT", FUTEX_WAIT), ("FUTEX_WAKE", FUTEX_WAKE), ("FUTEX_FD", 2),
        ("FUTEX_REQUEUE", FUTEX_REQUEUE), ("FUTEX_CMP_REQUEUE", FUTEX_CMP_REQUEUE), ("FUTEX_WAKE_OP", FUTEX_WAKE_OP),
        ("FUTEX_LOCK_PI", FUTEX_LOCK_PI), ("FUTEX_UNLOCK_PI", 7), ("FUTEX_TRYLOCK_PI", 8), ("FUTEX_WAIT_BITSET", FUTEX_WAIT_BITSET),
        ("FUTEX_WAKE_BITSET", FUTEX_WAKE_BITSET), ("FUTEX_WAIT_REQUEUE_PI", FUTEX_WAIT_REQUEUE_PI),
        ("FUTEX_CMP_REQUEUE_PI", FUTEX_CMP_REQUEUE_PI), ("FUTEX_LOCK_PI2", FUTEX_LOCK_PI2));

    public static IEnumerable<ArgumentKind> Kinds =>
    [
        ArgumentKind.Value("futex_op", (_, v) => Operation((int)v)),
        new ArgumentKind("futex_timeout", (call, slot) => Timeout(call, slot, call.Structs.Timespec32)),
        new ArgumentKind("futex_timeout64", (call, slot) => Timeout(call, slot, call.Structs.Timespec64)),
        new ArgumentKind("futex_addr2", (call, slot) => Command(call) is FUTEX_REQUEUE or FUTEX_CMP_REQUEUE or FUTEX_WAKE_OP
            or FUTEX_WAIT_REQUEUE_PI or FUTEX_CMP_REQUEUE_PI ? Quoting.Pointer(call[slot]) : null),
        new ArgumentKind("futex_val3", (call, slot) => Command(call) switch
        {
            FUTEX_CMP_REQUEUE or FUTEX_CMP_REQUEUE_PI => call.Int(slot).ToString(),
            FUTEX_WAKE_OP => $"0x{call[slot]:x}",
            FUTEX_WAIT_BITSET or FUTEX_WAKE_BITSET => call[slot] == FUTEX_BITSET_MATCH_ANY ? "FUTEX_BITSET_MATCH_ANY" : $"0x{call[slot]:x}",
            _ => null,
        }),
    ];

    static int Command(StraceCall call) => call.Int(OperationSlot) & CommandMask;

    /// <summary>FUTEX_WAIT_BITSET_PRIVATE|FUTEX_CLOCK_REALTIME</summary>
    public static string Operation(int op)
    {
        string name = Commands.Find(op & CommandMask) ?? (op & CommandMask).ToString();
        if ((op & FUTEX_PRIVATE_FLAG) != 0) name += "_PRIVATE";
        if ((op & FUTEX_CLOCK_REALTIME) != 0) name += "|FUTEX_CLOCK_REALTIME";
        int rest = op & ~(CommandMask | FUTEX_PRIVATE_FLAG | FUTEX_CLOCK_REALTIME);
        return rest == 0 ? name : $"{name}|0x{rest:x}";
    }

    // The fourth argument is a timeout for the waits and a count (val2) for the requeues.
    static string? Timeout(StraceCall call, int slot, TimespecLayout layout) => Command(call) switch
    {
        FUTEX_WAIT or FUTEX_WAIT_BITSET or FUTEX_LOCK_PI or FUTEX_LOCK_PI2 or FUTEX_WAIT_REQUEUE_PI =>
            call[slot] == 0 ? "NULL" : TimeFormats.Timespec(call, call[slot], layout),
        FUTEX_REQUEUE or FUTEX_CMP_REQUEUE or FUTEX_WAKE_OP or FUTEX_CMP_REQUEUE_PI => call[slot].ToString(),
        _ => null,
    };
}
