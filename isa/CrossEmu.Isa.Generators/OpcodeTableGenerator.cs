using System.Collections.Generic;
using System.IO;
using System.Linq;
using CrossEmu.Isa.Generators.OpcodeTable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace CrossEmu.Isa.Generators;

/// <summary>Turns the IR opcode table (an AdditionalFiles item named Opcodes.def) into code.</summary>
[Generator]
public sealed class OpcodeTableGenerator : IIncrementalGenerator
{
    static readonly DiagnosticDescriptor BadRow = new DiagnosticDescriptor(
        "CEOP001", "Bad opcode table row", "{0}", "CrossEmu.OpcodeTable", DiagnosticSeverity.Error, true);

    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        var tables = context.AdditionalTextsProvider
            .Where(f => Path.GetFileName(f.Path) == "Opcodes.def")
            .Select((f, ct) => (f.Path, Text: f.GetText(ct)?.ToString() ?? ""));
        context.RegisterSourceOutput(tables, (spc, table) =>
        {
            var errors = new List<(int line, string message)>();
            var rows = OpcodeTableParser.Parse(table.Text, errors);
            foreach (var (line, message) in errors)
            {
                var pos = new LinePosition(line - 1, 0);
                var loc = Location.Create(table.Path, new TextSpan(0, 0), new LinePositionSpan(pos, pos));
                spc.ReportDiagnostic(Diagnostic.Create(BadRow, loc, message));
            }
            if (errors.Count == 0)
                spc.AddSource("Opcodes.g.cs", OpcodeTableEmitter.Emit(rows));
        });
    }
}
