using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace CrossEmu.Guests.Tests;

/// <summary>A string literal that names an ISA where code decides by it: in a switch, a list or a comparison.</summary>
public sealed record IsaNameUse(string File, int Line, string Name, string Context)
{
    public override string ToString() => $"{File}:{Line}: \"{Name}\" in {Context}";

    /// <summary>Every such use of one of the names in C# source text.</summary>
    public static IEnumerable<IsaNameUse> Find(string file, string source, IReadOnlySet<string> names)
    {
        var root = CSharpSyntaxTree.ParseText(source).GetRoot();
        foreach (var literal in root.DescendantNodes().OfType<LiteralExpressionSyntax>())
        {
            if (!literal.IsKind(SyntaxKind.StringLiteralExpression) || literal.Token.ValueText is not { } text || !names.Contains(text)) continue;
            if (ContextOf(literal) is { } context)
                yield return new IsaNameUse(file, literal.GetLocation().GetLineSpan().StartLinePosition.Line + 1, text, context);
        }
    }

    static string? ContextOf(LiteralExpressionSyntax literal)
    {
        // A switch arm or case label, or an `is "x"` pattern.
        if (literal.Ancestors().Any(a => a is CaseSwitchLabelSyntax or PatternSyntax)) return "a switch";
        return literal.Parent switch
        {
            BinaryExpressionSyntax b when b.IsKind(SyntaxKind.EqualsExpression) || b.IsKind(SyntaxKind.NotEqualsExpression) => "a comparison",
            ArgumentSyntax { Parent.Parent: InvocationExpressionSyntax call }
                when call.Expression.ToString().EndsWith("Equals", StringComparison.Ordinal) => "a comparison",
            InitializerExpressionSyntax => "a list",
            ExpressionElementSyntax => "a list",
            _ => null,
        };
    }
}
