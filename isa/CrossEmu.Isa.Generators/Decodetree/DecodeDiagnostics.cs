using System;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace CrossEmu.Isa.Generators.Decodetree;

/// <summary>The CEDTnnn diagnostics reported for .decode files.</summary>
internal static class DecodeDiagnostics
{
    private const string Category = "CrossEmu.Decodetree";

    private static DiagnosticDescriptor Error(string id, string title, string format) =>
        new(id, title, format, Category, DiagnosticSeverity.Error, isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor Internal = Error("CEDT000", "Decodetree generator failure", "The decodetree generator failed: {0}");
    public static readonly DiagnosticDescriptor Syntax = Error("CEDT001", "Syntax error in .decode file", "{0}");
    public static readonly DiagnosticDescriptor Header = Error("CEDT002", "Missing or invalid .decode header", "{0}");
    public static readonly DiagnosticDescriptor Undefined = Error("CEDT003", "Undefined reference", "Undefined {0}");
    public static readonly DiagnosticDescriptor Overlap = Error("CEDT004", "Overlapping patterns",
        "Patterns '{0}' (line {1}) and '{2}' (line {3}) overlap, both match 0x{4}: put them in a {{ }} group to try them in order");
    public static readonly DiagnosticDescriptor OutsideWidth = Error("CEDT005", "Outside the instruction width", "{0}");
    public static readonly DiagnosticDescriptor BitCount = Error("CEDT006", "Wrong number of bits", "'{0}' has {1} bits but the instruction width is {2}");
    public static readonly DiagnosticDescriptor Duplicate = Error("CEDT007", "Duplicate name", "{0}");
    public static readonly DiagnosticDescriptor AssignedTwice = Error("CEDT008", "Field assigned twice", "Field '{0}' is assigned more than once in '{1}'");
    public static readonly DiagnosticDescriptor ArgMismatch = Error("CEDT009", "Argument set mismatch", "{0}");
    public static readonly DiagnosticDescriptor BitConflict = Error("CEDT010", "Conflicting bits", "{0}");
    public static readonly DiagnosticDescriptor FieldCycle = Error("CEDT011", "Field reference cycle", "Fields of '{0}' refer to each other in a loop: {1}");
}

/// <summary>
/// A diagnostic as plain data, so generator pipeline results compare by value and stay cacheable;
/// turned into a Roslyn Diagnostic only when reported.
/// </summary>
internal sealed class DecodeDiag : IEquatable<DecodeDiag>
{
    public DecodeDiag(DiagnosticDescriptor descriptor, SourcePos pos, SourcePos? other, params string[] args)
    {
        Descriptor = descriptor;
        Pos = pos;
        Other = other;
        Args = args;
    }

    public DiagnosticDescriptor Descriptor { get; }
    public SourcePos Pos { get; }

    /// <summary>A second place worth pointing at (the other pattern of an overlap, the first definition of a duplicate).</summary>
    public SourcePos? Other { get; }
    public string[] Args { get; }

    public Diagnostic ToDiagnostic(string path, SourceText? text)
    {
        var extra = Other is { } o ? new[] { Locate(path, text, o) } : null;
        return Diagnostic.Create(Descriptor, Locate(path, text, Pos), extra, Args);
    }

    private static Location Locate(string path, SourceText? text, SourcePos pos)
    {
        int line = Math.Max(pos.Line - 1, 0);
        var start = new LinePosition(line, pos.Column);
        var end = new LinePosition(line, pos.Column + pos.Length);
        var span = new TextSpan(0, 0);
        if (text != null && line < text.Lines.Count)
        {
            var l = text.Lines[line];
            int s = Math.Min(l.Start + pos.Column, l.End);
            span = new TextSpan(s, Math.Min(pos.Length, l.End - s));
        }
        return Location.Create(path, span, new LinePositionSpan(start, end));
    }

    public bool Equals(DecodeDiag? other) =>
        other != null && other.Descriptor.Id == Descriptor.Id && other.Pos.Equals(Pos) &&
        Nullable.Equals(other.Other, Other) && other.Args.SequenceEqual(Args);

    public override bool Equals(object? obj) => Equals(obj as DecodeDiag);

    public override int GetHashCode() => (Descriptor.Id.GetHashCode() * 397) ^ Pos.Line;

    public override string ToString()
    {
        var invariant = System.Globalization.CultureInfo.InvariantCulture;
        return Descriptor.Id + " line " + Pos.Line + ": " + string.Format(invariant, Descriptor.MessageFormat.ToString(invariant), Args);
    }
}
