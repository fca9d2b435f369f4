using System.Globalization;

namespace CrossEmu.Machines.SystemMode.Definition;

/// <summary>Turns a property's text into the type of the constructor parameter it binds to.</summary>
public static class PropertyConverter
{
    static readonly Type[] Integers = [typeof(byte), typeof(ushort), typeof(uint), typeof(ulong), typeof(sbyte), typeof(short), typeof(int), typeof(long)];

    public static bool IsPropertyType(Type t)
    {
        t = Nullable.GetUnderlyingType(t) ?? t;
        return t == typeof(string) || t == typeof(bool) || t == typeof(double) || t.IsEnum || Integers.Contains(t);
    }

    /// <summary>The converted value, or an error that says what was expected.</summary>
    public static object Convert(PropertyValue value, Type target, string key)
    {
        var t = Nullable.GetUnderlyingType(target) ?? target;
        var text = value.Text.Trim();
        if (t == typeof(string)) return value.Text;
        if (t == typeof(bool))
            return text.ToLowerInvariant() switch
            {
                "true" or "yes" or "on" => true,
                "false" or "no" or "off" => false,
                _ => throw Bad(value, key, "true or false"),
            };
        if (t == typeof(double))
            return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && double.IsFinite(d)
                ? d : throw Bad(value, key, "a finite number");
        if (t.IsEnum)
        {
            var names = Enum.GetNames(t);
            var match = names.FirstOrDefault(n => DeviceParameter.Normalise(n) == DeviceParameter.Normalise(text));
            return match != null ? Enum.Parse(t, match) : throw Bad(value, key, "one of " + string.Join(", ", names.Select(n => n.ToLowerInvariant())));
        }
        // Integers: decimal, hex, sizes with K/M/G; negative only for signed types.
        bool negative = text.StartsWith('-');
        if (!SizeText.TryParse(negative ? text[1..] : text, out var magnitude, out var tooLarge))
            throw Bad(value, key, tooLarge ? $"a whole number that fits in {t.Name}" : "a whole number");
        try
        {
            if (negative)
            {
                if (t == typeof(byte) || t == typeof(ushort) || t == typeof(uint) || t == typeof(ulong)) throw new OverflowException();
                long signed = magnitude == 1UL << 63 ? long.MinValue : -checked((long)magnitude);
                return global::System.Convert.ChangeType(signed, t, CultureInfo.InvariantCulture);
            }
            return global::System.Convert.ChangeType(magnitude, t, CultureInfo.InvariantCulture);
        }
        catch (OverflowException)
        {
            throw Bad(value, key, $"a whole number that fits in {t.Name}");
        }
    }

    static MachineFileException Bad(PropertyValue value, string key, string expected) =>
        new(value.Location, $"property {MachineFileException.Quote(key)} must be {expected}, not {MachineFileException.Quote(value.Text)}");
}
