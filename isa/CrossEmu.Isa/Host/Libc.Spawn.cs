using System.Runtime.InteropServices;

namespace CrossEmu.Isa.Host;

/// <summary>Starting and replacing host processes (spawn.h, unistd.h's execve). posix_spawn is the
/// way to start one from a .NET process: it does not fork the runtime (glibc uses CLONE_VM|CLONE_VFORK).</summary>
public static unsafe partial class Libc
{
    /// <summary>glibc's posix_spawn_file_actions_t is 80 bytes on x86-64; this is more than enough.</summary>
    public const int SpawnFileActionsSize = 128;

    /// <summary>Returns an error number (not -1 and errno) or 0.</summary>
    [LibraryImport(L)] public static partial int posix_spawn(int* pid, byte* path, void* fileActions, void* attributes, byte** argv, byte** envp);
    [LibraryImport(L)] public static partial int posix_spawn_file_actions_init(void* fileActions);
    [LibraryImport(L)] public static partial int posix_spawn_file_actions_adddup2(void* fileActions, int fd, int newFd);
    [LibraryImport(L)] public static partial int posix_spawn_file_actions_destroy(void* fileActions);
    /// <summary>glibc's posix_spawnattr_t is 336 bytes on x86-64; this is more than enough.</summary>
    public const int SpawnAttributesSize = 512;
    public const short POSIX_SPAWN_SETSIGMASK = 0x08;
    [LibraryImport(L)] public static partial int posix_spawnattr_init(void* attributes);
    [LibraryImport(L)] public static partial int posix_spawnattr_setflags(void* attributes, short flags);
    [LibraryImport(L)] public static partial int posix_spawnattr_setsigmask(void* attributes, ulong* mask);
    [LibraryImport(L)] public static partial int posix_spawnattr_destroy(void* attributes);
    [LibraryImport(L, SetLastError = true)] public static partial int execve(byte* path, byte** argv, byte** envp);
}
