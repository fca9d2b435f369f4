using System.Reflection;

namespace CrossEmu.Conformance.Decoder;

/// <summary>
/// A translator for any generated decoder interface that accepts every pattern and records
/// which Trans_ method the decoder chose: maps a word to a pattern name without lifting it.
/// (The idea of testsuites/Shared/FrontendTests/PatternRecorder, which this project may not use.)
/// </summary>
public class PatternRecorder : DispatchProxy
{
    string? last;

    protected override object? Invoke(MethodInfo? method, object?[]? args)
    {
        if (method!.Name.StartsWith("Trans_", StringComparison.Ordinal))
        {
            last = method.Name["Trans_".Length..];
            return true;
        }
        // A !function transform: the value does not change which pattern matches.
        return args is { Length: 1 } ? args[0] : 0;
    }

    /// <summary>A reusable recorder for TTranslator: call it with a decode function and a word.</summary>
    public static Func<uint, string?> For<TTranslator>(Func<TTranslator, uint, bool> decode) where TTranslator : class
    {
        var proxy = Create<TTranslator, PatternRecorder>();
        var recorder = (PatternRecorder)(object)proxy;
        return word =>
        {
            recorder.last = null;
            return decode(proxy, word) ? recorder.last : null;
        };
    }
}
