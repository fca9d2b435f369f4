namespace CrossEmu.Isa;

/// <summary>What `-d` logs, with QEMU's names.</summary>
[Flags]
public enum LogFlags
{
    None = 0,
    /// <summary>in_asm: each translated block's guest code.</summary>
    InAsm = 1,
    /// <summary>op: IR before and after the passes.</summary>
    Op = 2,
    /// <summary>exec: each block entered.</summary>
    Exec = 4,
    /// <summary>cpu: registers at block entry.</summary>
    Cpu = 8,
    /// <summary>int: exceptions and signals.</summary>
    Int = 16,
    /// <summary>unimp: unimplemented syscalls and instructions.</summary>
    Unimp = 32,
    /// <summary>nochain: do not link compiled regions to each other.</summary>
    NoChain = 64,
}
