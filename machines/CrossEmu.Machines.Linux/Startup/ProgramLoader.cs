using CrossEmu.Isa.Host;
using CrossEmu.Isa.Memory;
using CrossEmu.Machines.Linux.Elf;
using CrossEmu.Machines.Linux.Memory;
using static CrossEmu.Machines.Linux.Startup.AuxvType;

namespace CrossEmu.Machines.Linux.Startup;

/// <summary>Where a freshly loaded process starts.</summary>
public sealed record ProcessStart(uint Entry, uint StackPointer, LoadedElf Program, LoadedElf? Interpreter);

/// <summary>
/// Builds a new process image, as execve does: the ABI's special pages, the program (and its
/// PT_INTERP dynamic loader, looked up under the -L sysroot), brk, the stack with argv, envp and auxv.
/// </summary>
public static class ProgramLoader
{
    public static ProcessStart Load(LinuxProcess process, ElfFile program, IReadOnlyList<string> argv,
        IReadOnlyList<string> envp, string execFn)
    {
        var abi = process.Abi;
        var space = process.AddressSpace;
        abi.InstallSpecialPages(space);

        var main = ElfLoader.Map(program, space, ElfLoader.ChooseBias(program, space, abi.Layout.PieBase));
        LoadedElf? interp = null;
        if (program.Interpreter is { } interpPath)
        {
            var interpElf = LoadInterpreter(process, program, interpPath);
            interp = ElfLoader.Map(interpElf, space, ElfLoader.ChooseBias(interpElf, space, preferredBase: null));
        }
        space.InitBrk((uint)AddressSpace.PageAlignUp(main.HighAddress));

        var layout = space.Layout;   // the ABI's, with the stack sized by RLIMIT_STACK
        var stackProt = Protection.Read | Protection.Write | (program.WantsExecutableStack ? Protection.Exec : 0);
        space.MapFresh(layout.StackBottom, layout.StackSize, stackProt);
        space.MarkUsed(layout.StackBottom - GuestMemory.PageSize, GuestMemory.PageSize); // guard page, no access

        var auxv = new List<(uint, uint)>
        {
            (AT_PHDR, main.ProgramHeaders),
            (AT_PHENT, ElfConstants.Elf32PhdrSize),
            (AT_PHNUM, (uint)program.ProgramHeaders.Count),
            (AT_PAGESZ, GuestMemory.PageSize),
            (AT_BASE, interp?.Bias ?? 0),
            (AT_FLAGS, 0),
            (AT_ENTRY, main.Entry),
            (AT_UID, Libc.getuid()),
            (AT_EUID, Libc.geteuid()),
            (AT_GID, Libc.getgid()),
            (AT_EGID, Libc.getegid()),
            (AT_SECURE, 0),
            (AT_HWCAP, abi.HwCap),
            (AT_CLKTCK, 100),
        };
        if (abi.HasHwCap2) auxv.Add((AT_HWCAP2, abi.HwCap2));

        uint sp = InitialStack.Build(process.Memory, abi.BigEndian, layout.StackTop, layout.StackBottom, argv, envp,
            execFn, abi.Platform, AtRandomBytes(), auxv);
        process.AuxiliaryVector = InitialStack.ReadAuxv(process.Memory, abi.BigEndian, sp);
        process.Arguments = argv.ToArray();
        return new ProcessStart(interp?.Entry ?? main.Entry, sp, main, interp);
    }

    static ElfFile LoadInterpreter(LinuxProcess process, ElfFile program, string interpPath)
    {
        string hostPath = process.Paths.ToHost(interpPath);
        if (!File.Exists(hostPath))
        {
            string hint = process.Paths.Sysroot == null
                ? "pass -L <sysroot> with the guest's libraries, e.g. -L /usr/arm-linux-gnueabi"
                : $"not found under -L {process.Paths.Sysroot} either";
            throw new GuestLoadException($"dynamically linked: needs PT_INTERP {interpPath}, which does not exist ({hint})");
        }
        ElfFile interp;
        try { interp = ElfFile.Load(hostPath); }
        catch (GuestLoadException e) { throw new GuestLoadException($"{hostPath}: {e.Message}"); }
        if (interp.Machine != program.Machine || interp.BigEndian != program.BigEndian)
            throw new GuestLoadException($"{hostPath}: the dynamic loader is for {ElfConstants.MachineName(interp.Machine)}, " +
                $"not the program's {ElfConstants.MachineName(program.Machine)}");
        if (interp.Interpreter != null) throw new GuestLoadException($"{hostPath}: the dynamic loader itself needs a loader");
        return interp;
    }

    /// <summary>
    /// AT_RANDOM's 16 bytes (glibc's stack-protector canary and pointer guard), from the kernel's
    /// getrandom as Linux gives them: .NET's RandomNumberGenerator would load OpenSSL into every
    /// run for them (3.4 MiB of resident memory and its start-up).
    /// </summary>
    static unsafe byte[] AtRandomBytes()
    {
        var bytes = new byte[16];
        fixed (byte* p = bytes)
        {
            nuint done = 0;
            while (done < (nuint)bytes.Length)
            {
                nint n = Libc.getrandom(p + done, (nuint)bytes.Length - done, 0);
                if (n <= 0)
                    throw new InvalidOperationException($"getrandom: {ErrnoNames.Name(System.Runtime.InteropServices.Marshal.GetLastPInvokeError())}");
                done += (nuint)n;
            }
        }
        return bytes;
    }
}
