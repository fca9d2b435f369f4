using CrossEmu.Devices.Logging;

namespace CrossEmu.Devices.Registers;

/// <summary>
/// One device register (8, 16, 32 or 64 bits) declared with fields, after Renode's fluent
/// registers: <c>regs.DefineRegister(0x18, "FR").WithFlag(4, "RXFE", FieldMode.Read, () =&gt; rx.Count == 0)</c>.
/// A register without fields is plain read/write storage. With fields, bits no field declares read
/// as zero and writing them non-zero is logged as unimplemented. Fields may overlap only when one
/// side is read-only and the other write-only (registers such as IIR/FCR sharing an offset).
/// </summary>
public sealed class Register
{
    readonly List<RegisterField> fields = [];
    readonly RegisterCollection owner;
    Action<ulong, ulong>? readCallbacks;
    Action<ulong, ulong>? writeCallbacks;

    internal Register(RegisterCollection owner, ulong offset, string name, ulong resetValue, int width)
    {
        if (width is not (8 or 16 or 32 or 64)) throw new ArgumentOutOfRangeException(nameof(width), width, "a register is 8, 16, 32 or 64 bits");
        this.owner = owner;
        Offset = offset;
        Name = name;
        Width = width;
        ResetValue = resetValue & WidthMask;
        RawValue = ResetValue;
    }

    public ulong Offset { get; }

    public string Name { get; }

    /// <summary>Size in bits.</summary>
    public int Width { get; }

    public ulong ResetValue { get; }

    public ulong WidthMask => Width == 64 ? ulong.MaxValue : (1UL << Width) - 1;

    /// <summary>The stored bits (without value providers or side effects); devices may set it.</summary>
    public ulong RawValue { get; set; }

    public IReadOnlyList<RegisterField> Fields => fields;

    DeviceLog Log => owner.Log;

    string Site => $"{owner.DeviceName}.{Name}";

    T Add<T>(T field) where T : RegisterField
    {
        foreach (var f in fields)
        {
            if ((f.RegisterMask & field.RegisterMask) == 0) continue;
            bool disjointModes = (f.Mode.IsReadable() && !f.Mode.IsWritable() && field.Mode.IsWritable() && !field.Mode.IsReadable())
                || (f.Mode.IsWritable() && !f.Mode.IsReadable() && field.Mode.IsReadable() && !field.Mode.IsWritable());
            if (!disjointModes) throw new InvalidOperationException($"{owner.DeviceName}: field {field} overlaps {f}");
        }
        fields.Add(field);
        return field;
    }

    /// <summary>One bit. <paramref name="valueProvider"/> computes what reads return;
    /// <paramref name="writeCallback"/> gets the bit after a guest write; <paramref name="changeCallback"/>
    /// gets (old, new) when a guest write changed it.</summary>
    public Register WithFlag(int bit, string name, FieldMode mode = FieldMode.ReadWrite, Func<bool>? valueProvider = null,
        Action<bool>? writeCallback = null, Action<bool, bool>? changeCallback = null, Action<bool>? readCallback = null) =>
        WithFlag(bit, out _, name, mode, valueProvider, writeCallback, changeCallback, readCallback);

    public Register WithFlag(int bit, out FlagField field, string name, FieldMode mode = FieldMode.ReadWrite, Func<bool>? valueProvider = null,
        Action<bool>? writeCallback = null, Action<bool, bool>? changeCallback = null, Action<bool>? readCallback = null)
    {
        field = Add(new FlagField(this, bit, name, mode));
        if (valueProvider != null) field.ValueProvider = () => valueProvider() ? 1UL : 0UL;
        if (writeCallback != null) field.WriteCallback = v => writeCallback(v != 0);
        if (changeCallback != null) field.ChangeCallback = (o, n) => changeCallback(o != 0, n != 0);
        if (readCallback != null) field.ReadCallback = v => readCallback(v != 0);
        return this;
    }

    /// <summary>A multi-bit field at bits [position, position+width).</summary>
    public Register WithValueField(int position, int width, string name, FieldMode mode = FieldMode.ReadWrite, Func<ulong>? valueProvider = null,
        Action<ulong>? writeCallback = null, Action<ulong, ulong>? changeCallback = null, Action<ulong>? readCallback = null) =>
        WithValueField(position, width, out _, name, mode, valueProvider, writeCallback, changeCallback, readCallback);

    public Register WithValueField(int position, int width, out RegisterField field, string name, FieldMode mode = FieldMode.ReadWrite,
        Func<ulong>? valueProvider = null, Action<ulong>? writeCallback = null, Action<ulong, ulong>? changeCallback = null, Action<ulong>? readCallback = null)
    {
        field = Add(new RegisterField(this, position, width, name, mode, FieldKind.Implemented));
        field.ValueProvider = valueProvider;
        field.WriteCallback = writeCallback;
        field.ChangeCallback = changeCallback;
        field.ReadCallback = readCallback;
        return this;
    }

    /// <summary>Bits the datasheet reserves: read as zero, writes ignored (non-zero writes logged).</summary>
    public Register WithReservedBits(int position, int width)
    {
        Add(new RegisterField(this, position, width, "reserved", FieldMode.Read, FieldKind.Reserved));
        return this;
    }

    /// <summary>Bits the datasheet defines that this model does not implement: they store what
    /// is written (so the guest reads back its value), and reads, and writes of a value other than
    /// the reset value, are logged as unimplemented.</summary>
    public Register WithTag(string name, int position, int width)
    {
        Add(new RegisterField(this, position, width, name, FieldMode.ReadWrite, FieldKind.Tagged));
        return this;
    }

    /// <summary>Called after each guest read with (value before, value after) the read's side effects.</summary>
    public Register WithReadCallback(Action<ulong, ulong> callback)
    {
        readCallbacks += callback;
        return this;
    }

    /// <summary>Called after each guest write with (old, new) stored values.</summary>
    public Register WithWriteCallback(Action<ulong, ulong> callback)
    {
        writeCallbacks += callback;
        return this;
    }

    public void Reset() => RawValue = ResetValue;

    /// <summary>A guest read: fields' values (providers included), then read-to-clear and callbacks.</summary>
    public ulong Read()
    {
        if (fields.Count == 0)
        {
            ulong plain = RawValue;
            readCallbacks?.Invoke(plain, plain);
            return plain;
        }
        ulong before = RawValue, result = 0;
        foreach (var f in fields)
        {
            if (!f.Mode.IsReadable()) continue;
            ulong v = f.Kind == FieldKind.Reserved ? 0 : f.ReadValue();
            result |= v << f.Position;
            if (f.Kind == FieldKind.Tagged)
                Log.Log(LogCategory.Unimplemented, $"{Site}.{f.Name}", () => $"read of unimplemented field {f} (returns 0x{v:x})");
        }
        foreach (var f in fields)
        {
            if ((f.Mode & FieldMode.ReadToClear) != 0) f.Value = 0;
            f.ReadCallback?.Invoke((result >> f.Position) & f.FieldMask);
        }
        readCallbacks?.Invoke(before, RawValue);
        return result;
    }

    /// <summary>A guest write: each writable field takes its bits as its mode says, then field
    /// write/change callbacks, then register write callbacks.</summary>
    public void Write(ulong value)
    {
        value &= WidthMask;
        ulong old = RawValue;
        if (fields.Count == 0)
        {
            RawValue = value;
            writeCallbacks?.Invoke(old, value);
            return;
        }
        ulong declared = 0;
        foreach (var f in fields) declared |= f.RegisterMask;
        if ((value & ~declared) != 0)
            Log.Log(LogCategory.Unimplemented, Site, () => $"write of 0x{value:x} sets undeclared bits 0x{value & ~declared:x}");

        Span<ulong> olds = fields.Count <= 32 ? stackalloc ulong[fields.Count] : new ulong[fields.Count];
        for (int i = 0; i < fields.Count; i++)
        {
            var f = fields[i];
            olds[i] = f.Value;
            ulong bits = (value >> f.Position) & f.FieldMask;
            switch (f.Kind)
            {
                case FieldKind.Reserved:
                    if (bits != 0) Log.Log(LogCategory.Unimplemented, $"{Site}.reserved", () => $"write of 0x{bits:x} to reserved bits {f}");
                    continue;
                case FieldKind.Tagged:
                    if (bits != ((ResetValue >> f.Position) & f.FieldMask))
                        Log.Log(LogCategory.Unimplemented, $"{Site}.{f.Name}", () => $"write of 0x{bits:x} to unimplemented field {f}");
                    break;
            }
            if ((f.Mode & FieldMode.Write) != 0) f.Value = bits;
            else if ((f.Mode & FieldMode.WriteOneToClear) != 0) f.Value = olds[i] & ~bits;
            else if ((f.Mode & FieldMode.WriteOneToSet) != 0) f.Value = olds[i] | bits;
        }
        for (int i = 0; i < fields.Count; i++)
        {
            var f = fields[i];
            if (!f.Mode.IsWritable()) continue;
            ulong now = f.Value;
            f.WriteCallback?.Invoke(now);
            if (now != olds[i]) f.ChangeCallback?.Invoke(olds[i], now);
        }
        writeCallbacks?.Invoke(old, RawValue);
    }

    public override string ToString() => $"{owner.DeviceName}.{Name}@0x{Offset:x}";
}
