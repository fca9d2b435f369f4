using System.Collections.Immutable;
using System.Reflection;
using System.Text;
using CrossEmu.Isa.Generators;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Text;

namespace CrossEmu.Isa.Generators.Tests;

/// <summary>An AdditionalFiles item held in memory.</summary>
internal sealed class DecodetreeAdditionalText(string path, string text) : AdditionalText
{
    public override string Path { get; } = path;

    public override SourceText GetText(CancellationToken cancellationToken = default) => SourceText.From(text, Encoding.UTF8);
}

/// <summary>What running the decodetree generator over some .decode files produced.</summary>
internal sealed class DecodetreeRun(Compilation output, ImmutableArray<Diagnostic> diagnostics, ImmutableArray<GeneratedSourceResult> sources)
{
    public Compilation Output { get; } = output;

    /// <summary>Diagnostics the generator reported (the CEDT ones).</summary>
    public ImmutableArray<Diagnostic> Diagnostics { get; } = diagnostics;

    public ImmutableArray<GeneratedSourceResult> Sources { get; } = sources;

    public string Source => string.Concat(Sources.Select(s => s.SourceText.ToString()));

    public string DiagnosticText => string.Join("\n", Diagnostics.Select(d => d.ToString()));
}

/// <summary>
/// Runs the generator in memory, compiles its output (with overflow checks on, as the strictest
/// consumer would) and loads it, so tests can call the generated decoder.
/// </summary>
internal static class DecodetreeHarness
{
    private static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Latest);

    // The runtime's own assemblies are enough for generated code and the stubs.
    private static readonly Lazy<MetadataReference[]> References = new(() =>
    {
        string dir = Path.GetDirectoryName(typeof(object).Assembly.Location)!;
        var tpa = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator);
        return tpa.Where(p => Path.GetDirectoryName(p) == dir)
            .Select(p => (MetadataReference)MetadataReference.CreateFromFile(p)).ToArray();
    });

    public static DecodetreeRun Run(params (string Path, string Text)[] files) => Run(files, []);

    public static DecodetreeRun Run((string Path, string Text)[] files, string[] extraSources)
    {
        var compilation = CSharpCompilation.Create(
            "DecodetreeTest" + Guid.NewGuid().ToString("N"),
            extraSources.Select(s => CSharpSyntaxTree.ParseText(s, ParseOptions)),
            References.Value,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable, checkOverflow: true));
        GeneratorDriver driver = CSharpGeneratorDriver.Create(
            [new DecodetreeGenerator().AsSourceGenerator()],
            files.Select(f => (AdditionalText)new DecodetreeAdditionalText(f.Path, f.Text)),
            ParseOptions);
        driver = driver.RunGeneratorsAndUpdateCompilation(compilation, out var output, out var diagnostics);
        var sources = driver.GetRunResult().Results.SelectMany(r => r.GeneratedSources).ToImmutableArray();
        return new DecodetreeRun(output, diagnostics, sources);
    }

    /// <summary>Compiles the output, failing the test on any error or warning, and loads it.</summary>
    public static Assembly Load(Compilation compilation)
    {
        using var stream = new MemoryStream();
        var result = compilation.Emit(stream);
        var problems = result.Diagnostics.Where(d => d.Severity >= DiagnosticSeverity.Warning).ToList();
        if (problems.Count > 0 || !result.Success)
            Assert.Fail("Generated code does not compile cleanly:\n" + string.Join("\n", problems));
        return Assembly.Load(stream.ToArray());
    }

    /// <summary>Generates the decoder, plus a recording translator for its interface, and loads both.</summary>
    public static DecodetreeProbe Probe(string decodeText)
    {
        var run = Run(("test.decode", decodeText));
        Assert.AreEqual(0, run.Diagnostics.Length, "Unexpected generator diagnostics:\n" + run.DiagnosticText);
        var iface = run.Output.GetSymbolsWithName(n => n.EndsWith("Translator", StringComparison.Ordinal), SymbolFilter.Type)
            .OfType<INamedTypeSymbol>().Single(t => t.TypeKind == TypeKind.Interface);
        var stub = CSharpSyntaxTree.ParseText(RecordingStub(iface), ParseOptions);
        var assembly = Load(run.Output.AddSyntaxTrees(stub));
        return new DecodetreeProbe(assembly, run.Source);
    }

    // One method per interface member: Trans_X logs "X f1=v1 f2=v2" and asks Accept; functions ask Function.
    private static string RecordingStub(INamedTypeSymbol iface)
    {
        var sb = new StringBuilder();
        sb.AppendLine("namespace DecodetreeProbe;");
        sb.AppendLine("public sealed class Stub : " + iface.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat));
        sb.AppendLine("{");
        sb.AppendLine("    public readonly System.Collections.Generic.List<string> Log = new();");
        sb.AppendLine("    public System.Func<string, bool> Accept = _ => true;");
        sb.AppendLine("    public System.Func<string, int, int> Function = (_, x) => x;");
        foreach (var m in iface.GetMembers().OfType<IMethodSymbol>())
        {
            if (m.Name.StartsWith("Trans_", StringComparison.Ordinal))
            {
                string pattern = m.Name.Substring("Trans_".Length);
                var type = m.Parameters[0].Type;
                var fields = type.GetMembers().OfType<IFieldSymbol>().Where(f => !f.IsStatic)
                    .Select(f => " + \" " + f.Name + "=\" + a.@" + f.Name);
                sb.AppendLine("    public bool " + m.Name + "(ref " + type.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat) + " a)");
                sb.AppendLine("    { Log.Add(\"" + pattern + "\"" + string.Concat(fields) + "); return Accept(\"" + pattern + "\"); }");
            }
            else if (m.Parameters.Length == 1)
                sb.AppendLine("    public int @" + m.Name + "(int x) => Function(\"" + m.Name + "\", x);");
            else
                sb.AppendLine("    public int @" + m.Name + "() => Function(\"" + m.Name + "\", 0);");
        }
        sb.AppendLine("}");
        return sb.ToString();
    }
}

/// <summary>A loaded generated decoder with a recording translator.</summary>
internal sealed class DecodetreeProbe
{
    private readonly Type stubType;
    private readonly MethodInfo decode;

    public DecodetreeProbe(Assembly assembly, string source)
    {
        Source = source;
        stubType = assembly.GetType("DecodetreeProbe.Stub", throwOnError: true)!;
        DecoderType = assembly.GetTypes().Single(t => t.Name.EndsWith("Decoder", StringComparison.Ordinal) && t.GetMethod("Decode") != null);
        decode = DecoderType.GetMethod("Decode")!;
    }

    public string Source { get; }

    public Type DecoderType { get; }

    /// <summary>Pattern names whose Trans returns false.</summary>
    public HashSet<string> Reject { get; } = [];

    /// <summary>The !function implementations (name, input) -> output; identity by default.</summary>
    public Func<string, int, int> Function { get; set; } = (_, x) => x;

    /// <summary>Decodes one word: "True: ADD rd=1 rn=2" with every Trans call in order, separated by " | ".</summary>
    public string Decode(uint insn)
    {
        object stub = Activator.CreateInstance(stubType)!;
        stubType.GetField("Accept")!.SetValue(stub, new Func<string, bool>(n => !Reject.Contains(n)));
        stubType.GetField("Function")!.SetValue(stub, Function);
        bool ok = (bool)decode.Invoke(null, [stub, insn])!;
        var log = (List<string>)stubType.GetField("Log")!.GetValue(stub)!;
        return ok + ": " + string.Join(" | ", log);
    }

    /// <summary>The generated Patterns table as dynamic records.</summary>
    public object[] Patterns => ((Array)DecoderType.GetField("Patterns")!.GetValue(null)!).Cast<object>().ToArray();
}
