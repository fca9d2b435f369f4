using System.Runtime.InteropServices;
using System.Text;

namespace CrossEmu.Machines.Linux.Processes;

/// <summary>A NULL-terminated array of NUL-terminated strings in native memory (argv, envp for
/// posix_spawn and execve), freed on Dispose. Strings are bytes: guest arguments need not be UTF-8.</summary>
public sealed unsafe class NativeStrings : IDisposable
{
    readonly nint[] strings;
    public byte** Array { get; }

    public NativeStrings(IReadOnlyList<byte[]> items)
    {
        strings = new nint[items.Count];
        Array = (byte**)NativeMemory.AllocZeroed((nuint)(items.Count + 1), (nuint)sizeof(nint));
        for (int i = 0; i < items.Count; i++)
        {
            byte* s = (byte*)NativeMemory.Alloc((nuint)items[i].Length + 1);
            items[i].CopyTo(new Span<byte>(s, items[i].Length));
            s[items[i].Length] = 0;
            strings[i] = (nint)s;
            Array[i] = s;
        }
    }

    public static NativeStrings Of(IEnumerable<string> items) => new(items.Select(Encoding.UTF8.GetBytes).ToList());

    public void Dispose()
    {
        foreach (var s in strings) NativeMemory.Free((void*)s);
        NativeMemory.Free(Array);
    }
}
