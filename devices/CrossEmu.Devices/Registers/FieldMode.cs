namespace CrossEmu.Devices.Registers;

/// <summary>How a register field reacts to guest reads and writes (Renode's FieldMode, trimmed).</summary>
[Flags]
public enum FieldMode
{
    /// <summary>Reads return the field.</summary>
    Read = 1,

    /// <summary>Writes store the written bits.</summary>
    Write = 2,

    /// <summary>Writing 1 clears the bit, writing 0 leaves it (interrupt status registers).</summary>
    WriteOneToClear = 4,

    /// <summary>Writing 1 sets the bit, writing 0 leaves it.</summary>
    WriteOneToSet = 8,

    /// <summary>A read returns the field, then clears it (latched flags).</summary>
    ReadToClear = 16,

    ReadWrite = Read | Write,
}

public static class FieldModeExtensions
{
    public static bool IsReadable(this FieldMode mode) => (mode & (FieldMode.Read | FieldMode.ReadToClear)) != 0;

    public static bool IsWritable(this FieldMode mode) => (mode & (FieldMode.Write | FieldMode.WriteOneToClear | FieldMode.WriteOneToSet)) != 0;
}
