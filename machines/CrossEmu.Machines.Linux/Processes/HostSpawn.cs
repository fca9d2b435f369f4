using System.Collections;
using System.Text;
using static CrossEmu.Isa.Host.Libc;

namespace CrossEmu.Machines.Linux.Processes;

/// <summary>Starting a host process with posix_spawn, handing it chosen descriptors.</summary>
public static unsafe class HostSpawn
{
    /// <summary>Starts path with argv and this process's environment; each (From, To) pass makes the
    /// child's descriptor To a copy of our From (without FD_CLOEXEC). The child starts with the given host
    /// signals blocked (null: our calling thread's mask). Returns the pid, or -errno.</summary>
    public static int Start(string path, IReadOnlyList<string> argv, IReadOnlyList<(int From, int To)> passes,
        IReadOnlyList<int>? blocked = null)
    {
        byte* actions = stackalloc byte[SpawnFileActionsSize];
        byte* attributes = stackalloc byte[SpawnAttributesSize];
        if (posix_spawn_file_actions_init(actions) != 0) return -Isa.Host.Errno.ENOMEM;
        if (posix_spawnattr_init(attributes) != 0)
        {
            posix_spawn_file_actions_destroy(actions);
            return -Isa.Host.Errno.ENOMEM;
        }
        try
        {
            foreach (var (from, to) in passes)
            {
                int error = posix_spawn_file_actions_adddup2(actions, from, to);
                if (error != 0) return -error;
            }
            if (blocked != null)
            {
                ulong* mask = stackalloc ulong[Isa.Host.HostSignals.SigsetWords];
                new Span<ulong>(mask, Isa.Host.HostSignals.SigsetWords).Clear();
                foreach (int signal in blocked) Isa.Host.HostSignals.AddToSet(mask, signal);
                posix_spawnattr_setsigmask(attributes, mask);
                posix_spawnattr_setflags(attributes, POSIX_SPAWN_SETSIGMASK);
            }
            using var args = NativeStrings.Of(argv);
            using var env = NativeStrings.Of(Environment());
            var pathBytes = Encoding.UTF8.GetBytes(path + "\0");
            int pid;
            fixed (byte* p = pathBytes)
            {
                int error = posix_spawn(&pid, p, actions, attributes, args.Array, env.Array);
                if (error != 0) return -error;
            }
            return pid;
        }
        finally
        {
            posix_spawnattr_destroy(attributes);
            posix_spawn_file_actions_destroy(actions);
        }
    }

    /// <summary>This process's environment (the launcher's runtime settings included), as NAME=value.</summary>
    public static List<string> Environment()
    {
        var list = new List<string>();
        foreach (DictionaryEntry e in System.Environment.GetEnvironmentVariables()) list.Add($"{e.Key}={e.Value}");
        return list;
    }
}
