using CrossEmu.Devices.Logging;

namespace CrossEmu.Devices.Registers;

/// <summary>
/// A device's register map keyed by offset, declared once (usually in the device's
/// <c>DefineRegisters()</c>). The device's bus methods delegate to <see cref="Read"/> and
/// <see cref="Write"/>; offsets nobody declared read as zero and are logged as unimplemented.
/// Not thread-safe by itself: a device serialises accesses with its own lock.
/// </summary>
public sealed class RegisterCollection
{
    readonly Dictionary<ulong, Register> registers = [];

    public RegisterCollection(string deviceName, DeviceLog log, int defaultWidth = 32)
    {
        DeviceName = deviceName;
        Log = log;
        DefaultWidth = defaultWidth;
    }

    public string DeviceName { get; }

    public DeviceLog Log { get; }

    /// <summary>The width, in bits, of registers defined without one.</summary>
    public int DefaultWidth { get; }

    public IEnumerable<Register> Registers => registers.Values.OrderBy(r => r.Offset);

    /// <summary>Declares a register; <paramref name="width"/> in bits (8, 16, 32, 64), default <see cref="DefaultWidth"/>.</summary>
    public Register DefineRegister(ulong offset, string name, ulong resetValue = 0, int width = 0)
    {
        var register = new Register(this, offset, name, resetValue, width == 0 ? DefaultWidth : width);
        if (!registers.TryAdd(offset, register))
            throw new InvalidOperationException($"{DeviceName}: {name} at 0x{offset:x} is already declared as {registers[offset].Name}");
        return register;
    }

    public Register DefineByteRegister(ulong offset, string name, ulong resetValue = 0) => DefineRegister(offset, name, resetValue, 8);

    public Register DefineWordRegister(ulong offset, string name, ulong resetValue = 0) => DefineRegister(offset, name, resetValue, 16);

    public Register DefineDoubleWordRegister(ulong offset, string name, ulong resetValue = 0) => DefineRegister(offset, name, resetValue, 32);

    public bool TryGet(ulong offset, out Register register) => registers.TryGetValue(offset, out register!);

    public Register this[ulong offset] => registers[offset];

    public bool Contains(ulong offset) => registers.ContainsKey(offset);

    public ulong Read(ulong offset)
    {
        if (registers.TryGetValue(offset, out var register)) return register.Read();
        Log.Log(LogCategory.Unimplemented, $"{DeviceName}@0x{offset:x}", "read of an undeclared register (returns 0)");
        return 0;
    }

    public void Write(ulong offset, ulong value)
    {
        if (registers.TryGetValue(offset, out var register))
        {
            register.Write(value);
            return;
        }
        Log.Log(LogCategory.Unimplemented, $"{DeviceName}@0x{offset:x}", () => $"write of 0x{value:x} to an undeclared register (dropped)");
    }

    /// <summary>Every register back to its reset value.</summary>
    public void Reset()
    {
        foreach (var r in registers.Values) r.Reset();
    }
}
