namespace CrossEmu.Devices.Registers;

/// <summary>What a field is: implemented, reserved (must be zero), or tagged (declared, not implemented).</summary>
public enum FieldKind
{
    Implemented,
    Reserved,
    Tagged,
}

/// <summary>
/// A run of bits in a register. Its value lives in the register's storage (so a device may read
/// or set <see cref="Value"/> from its own logic, e.g. to latch a status bit), unless a value
/// provider computes it on each guest read.
/// </summary>
public class RegisterField
{
    internal RegisterField(Register register, int position, int width, string name, FieldMode mode, FieldKind kind)
    {
        if (position < 0 || width < 1 || position + width > register.Width)
            throw new ArgumentOutOfRangeException(nameof(position),
                $"{register.Name}.{name}: bits {position}+{width} do not fit a {register.Width}-bit register");
        Register = register;
        Position = position;
        Width = width;
        Name = name;
        Mode = mode;
        Kind = kind;
    }

    public Register Register { get; }

    public int Position { get; }

    public int Width { get; }

    public string Name { get; }

    public FieldMode Mode { get; }

    public FieldKind Kind { get; }

    /// <summary>The field's bits, unshifted (width bits).</summary>
    public ulong FieldMask => Width == 64 ? ulong.MaxValue : (1UL << Width) - 1;

    /// <summary>The field's bits in place in the register.</summary>
    public ulong RegisterMask => FieldMask << Position;

    internal Func<ulong>? ValueProvider { get; set; }

    internal Action<ulong>? ReadCallback { get; set; }

    internal Action<ulong>? WriteCallback { get; set; }

    internal Action<ulong, ulong>? ChangeCallback { get; set; }

    /// <summary>The stored value (what the guest last wrote, or the device set).</summary>
    public ulong Value
    {
        get => (Register.RawValue >> Position) & FieldMask;
        set => Register.RawValue = (Register.RawValue & ~RegisterMask) | ((value & FieldMask) << Position);
    }

    /// <summary>What a guest read returns for this field (the provider's value when there is one).</summary>
    internal ulong ReadValue() => (ValueProvider?.Invoke() ?? Value) & FieldMask;

    public override string ToString() => $"{Register.Name}.{Name}[{Position + Width - 1}:{Position}]";
}

/// <summary>A one-bit field with a boolean view of its value.</summary>
public sealed class FlagField : RegisterField
{
    internal FlagField(Register register, int bit, string name, FieldMode mode)
        : base(register, bit, 1, name, mode, FieldKind.Implemented) { }

    public new bool Value
    {
        get => base.Value != 0;
        set => base.Value = value ? 1UL : 0UL;
    }
}
