using System;
using System.Collections.Generic;

namespace CrossEmu.Isa.Generators.OpcodeTable;

/// <summary>Parses Opcodes.def: "name result args... attributes", '#' comments.</summary>
internal static class OpcodeTableParser
{
    static readonly HashSet<string> Types = new HashSet<string> { "I1", "I32", "I64", "void" };
    static readonly HashSet<string> Flags = new HashSet<string> { "pure", "comm", "effect", "fault", "term" };

    public static List<OpcodeRow> Parse(string text, List<(int line, string message)> errors)
    {
        var rows = new List<OpcodeRow>();
        var names = new HashSet<string>();
        var lines = text.Split('\n');
        for (int i = 0; i < lines.Length; i++)
        {
            var line = lines[i];
            int hash = line.IndexOf('#');
            if (hash >= 0) line = line.Substring(0, hash);
            var words = line.Split(new[] { ' ', '\t', '\r' }, StringSplitOptions.RemoveEmptyEntries);
            if (words.Length == 0) continue;
            var row = new OpcodeRow { Name = words[0], Line = i + 1 };
            if (words.Length < 3) { errors.Add((i + 1, $"'{row.Name}' needs a result type and argument types (or '-')")); continue; }
            if (!Types.Contains(words[1])) { errors.Add((i + 1, $"'{row.Name}': unknown result type '{words[1]}'")); continue; }
            row.Result = words[1];
            int w = 2;
            if (words[w] == "-") w++;
            else
                while (w < words.Length && Types.Contains(words[w]) && words[w] != "void") row.Args.Add(words[w++]);
            for (; w < words.Length; w++)
            {
                var a = words[w];
                if (a.StartsWith("aux=", StringComparison.Ordinal)) row.AuxName = a.Substring(4);
                else if (a.StartsWith("aux2=", StringComparison.Ordinal)) row.Aux2Name = a.Substring(5);
                else if (Flags.Contains(a)) row.Attributes.Add(a);
                else errors.Add((i + 1, $"'{row.Name}': unknown attribute '{a}'"));
            }
            if (!names.Add(row.Name)) errors.Add((i + 1, $"opcode '{row.Name}' is declared twice"));
            rows.Add(row);
        }
        return rows;
    }
}
