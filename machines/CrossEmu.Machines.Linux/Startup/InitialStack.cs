using System.Text;
using CrossEmu.Isa.Memory;
using static CrossEmu.Machines.Linux.Startup.AuxvType;

namespace CrossEmu.Machines.Linux.Startup;

/// <summary>
/// Writes what Linux puts on a new process's stack, from the top down: the exec file name, the
/// argv and envp strings, the AT_PLATFORM string, 16 AT_RANDOM bytes, then (16-byte aligned) argc,
/// argv[], NULL, envp[], NULL and the auxv pairs ending in AT_NULL. Returns the initial sp.
/// </summary>
public static class InitialStack
{
    /// <param name="auxv">Entries other than AT_RANDOM, AT_PLATFORM, AT_EXECFN and AT_NULL, which are added here.</param>
    public static uint Build(GuestMemory memory, bool bigEndian, uint stackTop, uint stackLimit,
        IReadOnlyList<string> argv, IReadOnlyList<string> envp, string execFn, string? platform,
        ReadOnlySpan<byte> random, IReadOnlyList<(uint Type, uint Value)> auxv)
    {
        uint p = stackTop - 4; // a NULL word at the very top, as Linux leaves
        uint Push(ReadOnlySpan<byte> data, uint align = 1)
        {
            p = (p - (uint)data.Length) & ~(align - 1);
            if (p < stackLimit || !memory.TryWrite(p, data)) throw new GuestLoadException("arguments and environment do not fit on the stack");
            return p;
        }
        static byte[] CString(string s) => Encoding.UTF8.GetBytes(s + "\0");

        uint execFnAddress = Push(CString(execFn));
        var envAddresses = new uint[envp.Count];
        var argAddresses = new uint[argv.Count];
        for (int i = envp.Count - 1; i >= 0; i--) envAddresses[i] = Push(CString(envp[i]));
        for (int i = argv.Count - 1; i >= 0; i--) argAddresses[i] = Push(CString(argv[i]));
        uint platformAddress = platform == null ? 0 : Push(CString(platform));
        uint randomAddress = Push(random[..16], 16);

        var all = new List<(uint Type, uint Value)>(auxv) { (AT_RANDOM, randomAddress), (AT_EXECFN, execFnAddress) };
        if (platform != null) all.Add((AT_PLATFORM, platformAddress));
        all.Add((AT_NULL, 0));

        var words = new List<uint> { (uint)argv.Count };
        words.AddRange(argAddresses); words.Add(0);
        words.AddRange(envAddresses); words.Add(0);
        foreach (var (type, value) in all) { words.Add(type); words.Add(value); }

        var table = new byte[words.Count * 4];
        for (int i = 0; i < words.Count; i++)
        {
            if (bigEndian) System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(table.AsSpan(4 * i), words[i]);
            else System.Buffers.Binary.BinaryPrimitives.WriteUInt32LittleEndian(table.AsSpan(4 * i), words[i]);
        }
        return Push(table, 16);
    }

    /// <summary>The auxv pairs of the stack at sp (argc, argv, envp, then auxv), up to and including
    /// AT_NULL, as bytes in the guest's order: what /proc/PID/auxv gives and gdb asks for.</summary>
    public static byte[] ReadAuxv(GuestMemory memory, bool bigEndian, uint sp)
    {
        uint Word(uint address) => memory.TryReadU32(address, bigEndian, out uint v) ? v
            : throw new InvalidOperationException($"the initial stack at 0x{address:x8} is not readable");
        uint p = sp + 4 + 4 * (Word(sp) + 1);   // past argc, argv[] and its NULL
        while (Word(p) != 0) p += 4;            // envp[]
        uint start = p += 4;
        while (Word(p) != AT_NULL) p += 8;
        var bytes = new byte[p + 8 - start];
        memory.TryRead(start, bytes);
        return bytes;
    }
}
