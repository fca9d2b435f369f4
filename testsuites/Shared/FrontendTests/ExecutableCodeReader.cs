using CrossEmu.Isa;
using CrossEmu.Isa.Memory;

namespace CrossEmu.Testing;

/// <summary>Reads instruction words from guest memory for a frontend, only from executable pages.</summary>
public sealed class ExecutableCodeReader(GuestMemory memory) : ICodeReader
{
    public bool TryRead32(uint address, out uint word)
    {
        word = 0;
        return memory.IsAccessible(address, 4, PagePermissions.Execute) && memory.TryReadU32(address, false, out word);
    }
}
