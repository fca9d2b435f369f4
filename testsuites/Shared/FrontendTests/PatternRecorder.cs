using System.Reflection;

namespace CrossEmu.Testing;

/// <summary>
/// A translator for any generated decoder interface that accepts every pattern and records
/// which Trans_ method the decoder chose: coverage tests map words to pattern names with it.
/// </summary>
public class PatternRecorder : DispatchProxy
{
    public string? Last;

    protected override object? Invoke(MethodInfo? method, object?[]? args)
    {
        if (method!.Name.StartsWith("Trans_", StringComparison.Ordinal))
        {
            Last = method.Name["Trans_".Length..];
            return true;
        }
        throw new InvalidOperationException($"unexpected call {method.Name}");
    }

    /// <summary>The pattern decode picks for its word through a TTranslator, or null when none matches.</summary>
    public static string? PatternOf<TTranslator>(Func<TTranslator, bool> decode) where TTranslator : class
    {
        var t = Create<TTranslator, PatternRecorder>();
        return decode(t) ? ((PatternRecorder)(object)t).Last : null;
    }
}
