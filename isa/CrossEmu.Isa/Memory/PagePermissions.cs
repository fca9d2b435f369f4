namespace CrossEmu.Isa.Memory;

/// <summary>One byte per guest page in the permission table.</summary>
[Flags]
public enum PagePermissions : byte
{
    None = 0,
    Read = 1,
    Write = 2,
    Execute = 4,
    /// <summary>The page holds translated code: stores take the slow path that invalidates it.</summary>
    CodeWatch = 8,
    ReadWrite = Read | Write,
    All = Read | Write | Execute,
}
