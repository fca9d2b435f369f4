using System.Collections.Generic;
using System.Linq;

namespace CrossEmu.Isa.Generators.Decodetree;

/// <summary>
/// Orders a pattern's argument assignments so a field built from another field (`%f 10:2 sz:3`)
/// is computed after it; otherwise keeps the written order.
/// </summary>
internal static class FieldOrder
{
    public static List<FieldAssign>? Sort(string pattern, SourcePos pos, List<FieldAssign> fields, List<DecodeDiag> diags)
    {
        var byName = fields.ToDictionary(f => f.Name);
        bool ok = true;
        foreach (var f in fields)
            foreach (var s in f.Value.Segments)
                if (s.Ref != null && !byName.ContainsKey(s.Ref))
                {
                    diags.Add(new DecodeDiag(DecodeDiagnostics.Undefined, f.Pos, null,
                        "field '" + s.Ref + "', read by argument '" + f.Name + "' of pattern " + pattern));
                    ok = false;
                }
        if (!ok)
            return null;

        var done = new HashSet<string>();
        var result = new List<FieldAssign>();
        while (result.Count < fields.Count)
        {
            var ready = fields.FirstOrDefault(f => !done.Contains(f.Name) &&
                f.Value.Segments.All(s => s.Ref == null || done.Contains(s.Ref)));
            if (ready == null)
            {
                var loop = fields.Where(f => !done.Contains(f.Name)).Select(f => f.Name);
                diags.Add(new DecodeDiag(DecodeDiagnostics.FieldCycle, pos, null, pattern, string.Join(", ", loop)));
                return null;
            }
            done.Add(ready.Name);
            result.Add(ready);
        }
        return result;
    }
}
