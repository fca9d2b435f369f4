using System.Text;
using CrossEmu.Machines.Linux.Abi;
using CrossEmu.Machines.Linux.Elf;
using CrossEmu.Machines.Linux.Syscalls;
using static CrossEmu.Isa.Host.Errno;
using static CrossEmu.Isa.Host.Libc;

namespace CrossEmu.Machines.Linux.Processes;

/// <summary>
/// execve and execveat. A guest ELF of any supported ISA replaces the process image in this host
/// process (no new .NET start-up; the descriptors without FD_CLOEXEC, pid, ignored signals and mask
/// stay). A host x86-64 ELF replaces the whole emulator with the host's execve, as qemu-user without
/// binfmt_misc does. A `#!` script runs its interpreter, which is looked up under -L first, so a
/// sysroot's /bin/sh runs as a guest program and without -L the host's /bin/sh runs natively.
/// </summary>
static unsafe class ExecSyscalls
{
    const int MaxArguments = 0x7fffffff / 4, MaxInterpreterDepth = 4, ShebangLimit = 256, AT_EMPTY_PATH = 0x1000, X_OK = 1;
    const ushort MachineX86_64 = 62;

    public static void Register(SyscallCatalog c)
    {
        c.Add("execve", c2 => Exec(c2, AT_FDCWD, c2[0], c2[1], c2[2], 0), "path:str, argv:ptr, envp:ptr");
        c.Add("execveat", c2 => Exec(c2, c2.Int(0), c2[1], c2[2], c2[3], c2.Int(4)), "dirfd:dirfd, path:str, argv:ptr, envp:ptr, flags:at_flags");
    }

    static long Exec(SyscallContext c, int dirfd, uint pathAddress, uint argvAddress, uint envpAddress, int flags)
    {
        var name = c.ReadName(pathAddress);
        if (name == null) return c.PathError;
        var argv = ReadStrings(c, argvAddress);
        var envp = ReadStrings(c, envpAddress);
        if (argv == null || envp == null) return -EFAULT;
        string host;
        if (name.Length == 0)
        {
            if ((flags & AT_EMPTY_PATH) == 0) return -ENOENT;
            host = $"/proc/self/fd/{dirfd}";
        }
        else host = name.StartsWith('/') || dirfd == AT_FDCWD ? c.HostPath(name) : $"/proc/self/fd/{dirfd}/{name}";
        return Run(c, name, host, argv, envp, depth: 0);
    }

    static long Run(SyscallContext c, string guestName, string host, List<byte[]> argv, List<byte[]> envp, int depth)
    {
        if (Sys(faccessat(AT_FDCWD, host, X_OK, 0)) is var access and < 0) return access;
        if (Directory.Exists(host)) return -EACCES;
        byte[] head;
        try
        {
            using var f = File.OpenRead(host);
            head = new byte[ShebangLimit];
            head = head.AsSpan(0, f.Read(head)).ToArray();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { return -EACCES; }

        if (head.Length >= 2 && head[0] == '#' && head[1] == '!') return Script(c, guestName, head, argv, envp, depth);
        if (head.Length < 4 || head[0] != 0x7f || head[1] != 'E' || head[2] != 'L' || head[3] != 'F') return -ENOEXEC;
        if (head.Length > 19 && head[4] == 2 && BitConverter.ToUInt16(head, 18) == MachineX86_64)
            return HostExec.Run(c.Process, host, argv, envp);

        ElfFile program;
        ILinuxGuest isa;
        try
        {
            program = ElfFile.Load(host);
            isa = LinuxGuests.ForElf(c.Process.Launch!.Options.Guests, program);
        }
        catch (GuestLoadException) { return -ENOEXEC; }
        if (program.Interpreter is { } interp && !File.Exists(c.Process.Paths.ToHost(interp))) return -ENOENT;

        // The point of no return: the old image is finished.
        var p = c.Process;
        p.Files.CloseOnExecDescriptors();
        p.Signals.ResetForExec();
        p.ReleaseVforkParent();
        var carried = new ProcessCarryOver(p.Files, p.Signals, p.GuestLimits);
        p.ReplaceImage(new ProgramImage(isa, program, host, argv.Select(Encoding.UTF8.GetString).ToList(),
            envp.Select(Encoding.UTF8.GetString).ToList(), guestName, carried));
        return 0;
    }

    /// <summary>`#!interpreter [one argument]`: argv becomes interpreter, the argument, the script's path, argv[1..].</summary>
    static long Script(SyscallContext c, string guestName, byte[] head, List<byte[]> argv, List<byte[]> envp, int depth)
    {
        if (depth >= MaxInterpreterDepth) return -ELOOP;
        int end = Array.IndexOf(head, (byte)'\n');
        if (end < 0) end = head.Length;
        var line = Encoding.UTF8.GetString(head, 2, end - 2).Trim(' ', '\t', '\r');
        if (line.Length == 0) return -ENOEXEC;
        int space = line.IndexOfAny([' ', '\t']);
        string interpreter = space < 0 ? line : line[..space];
        string? argument = space < 0 ? null : line[(space + 1)..].Trim(' ', '\t');
        var newArgv = new List<byte[]> { Encoding.UTF8.GetBytes(interpreter) };
        if (!string.IsNullOrEmpty(argument)) newArgv.Add(Encoding.UTF8.GetBytes(argument));
        newArgv.Add(Encoding.UTF8.GetBytes(guestName));
        newArgv.AddRange(argv.Skip(1));
        return Run(c, interpreter, c.HostPath(interpreter), newArgv, envp, depth + 1);
    }

    /// <summary>A NULL-terminated array of string pointers (argv, envp; NULL itself is an empty list); null on a fault.</summary>
    static List<byte[]>? ReadStrings(SyscallContext c, uint address)
    {
        var list = new List<byte[]>();
        if (address == 0) return list;
        for (int i = 0; i < MaxArguments; i++)
        {
            if (!c.ReadU32(address + (uint)(4 * i), out uint pointer)) return null;
            if (pointer == 0) return list;
            var s = c.Memory.TryReadCString(pointer, 1 << 17);
            if (s == null) return null;
            list.Add(Encoding.UTF8.GetBytes(s));
        }
        return null;
    }
}
