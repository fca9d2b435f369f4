namespace CrossEmu.Machines.Linux.Abi;

/// <summary>clone's flags (the same numbers on every Linux ABI); the low byte is the exit signal.</summary>
static class CloneFlags
{
    public const uint CLONE_VM = 0x100, CLONE_SIGHAND = 0x800, CLONE_VFORK = 0x4000, CLONE_THREAD = 0x10000,
        CLONE_SETTLS = 0x80000, CLONE_PARENT_SETTID = 0x100000, CLONE_CHILD_CLEARTID = 0x200000, CLONE_CHILD_SETTID = 0x1000000;
}
