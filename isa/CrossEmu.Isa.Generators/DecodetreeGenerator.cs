using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using CrossEmu.Isa.Generators.Decodetree;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace CrossEmu.Isa.Generators;

/// <summary>
/// Compiles every AdditionalFiles item ending in .decode (QEMU decodetree format, configured by
/// `# @namespace`, `# @name`, `# @width` header comments) into argument structs, a translator
/// interface and a decision-tree decoder.
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed class DecodetreeGenerator : IIncrementalGenerator
{
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        // Each file is compiled on its own (and cached); only the duplicate-name check needs them all.
        var results = context.AdditionalTextsProvider
            .Where(f => f.Path.EndsWith(".decode", StringComparison.OrdinalIgnoreCase))
            .Select((f, ct) =>
            {
                var text = f.GetText(ct);
                return (Result: DecodeCompiler.Compile(f.Path, text?.ToString() ?? ""), Text: text);
            })
            .WithComparer(new ResultComparer())
            .Collect();

        context.RegisterSourceOutput(results, Report);
    }

    private static void Report(SourceProductionContext spc, ImmutableArray<(DecodeResult Result, SourceText? Text)> files)
    {
        var owners = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (result, text) in files)
        {
            foreach (var d in result.Diags)
                spc.ReportDiagnostic(d.ToDiagnostic(result.Path, text));
            if (result.Source == null)
                continue;
            if (owners.TryGetValue(result.Key, out var other))
            {
                var clash = new DecodeDiag(DecodeDiagnostics.Duplicate, new SourcePos(1, 0, 0), null,
                    "Decoder " + result.Key + " is already generated from " + other + "; give this file another '# @name'");
                spc.ReportDiagnostic(clash.ToDiagnostic(result.Path, text));
                continue;
            }
            owners[result.Key] = result.Path;
            spc.AddSource(result.HintName, SourceText.From(result.Source, System.Text.Encoding.UTF8));
        }
    }

    // SourceText compares by reference; the result alone decides whether output changes.
    private sealed class ResultComparer : IEqualityComparer<(DecodeResult Result, SourceText? Text)>
    {
        public bool Equals((DecodeResult Result, SourceText? Text) x, (DecodeResult Result, SourceText? Text) y) =>
            x.Result.Equals(y.Result);

        public int GetHashCode((DecodeResult Result, SourceText? Text) obj) => obj.Result.GetHashCode();
    }
}
