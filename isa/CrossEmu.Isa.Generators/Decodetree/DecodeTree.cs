using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace CrossEmu.Isa.Generators.Decodetree;

/// <summary>A node of the decision tree the decoder is emitted from.</summary>
internal abstract class TreeNode
{
}

/// <summary>Extract the pattern's fields and call its Trans method.</summary>
internal sealed class LeafNode : TreeNode
{
    public LeafNode(PatternDef pattern) => Pattern = pattern;

    public PatternDef Pattern { get; }
}

/// <summary>`if ((insn &amp; Mask) == Bits) Body`.</summary>
internal sealed class CheckNode : TreeNode
{
    public CheckNode(uint mask, uint bits, TreeNode body)
    {
        Mask = mask;
        Bits = bits;
        Body = body;
    }

    public uint Mask { get; }
    public uint Bits { get; }
    public TreeNode Body { get; }
}

/// <summary>Try each item in order (a `{ }` group, or disjoint members sharing no fixed bit).</summary>
internal sealed class SeqNode : TreeNode
{
    public SeqNode(List<TreeNode> items) => Items = items;

    public List<TreeNode> Items { get; }
}

/// <summary>Branch on bits every member fixes; each case holds the members with those values.</summary>
internal sealed class SwitchNode : TreeNode
{
    public SwitchNode(uint mask, List<KeyValuePair<uint, TreeNode>> cases)
    {
        Mask = mask;
        Cases = cases;
    }

    public uint Mask { get; }
    public List<KeyValuePair<uint, TreeNode>> Cases { get; }
}

/// <summary>
/// Builds the decision tree the way decodetree does: a `[ ]` set (the file itself is one) is split
/// on the bits all its members fix, recursively; a `{ }` group is tried in order. Members of a
/// `[ ]` set that share no fixed bit must not overlap: that is where overlaps are found.
/// </summary>
internal sealed class TreeBuilder
{
    private readonly DecodeFile file;
    private readonly List<DecodeDiag> diags;
    private readonly HashSet<string> reported = new();

    private TreeBuilder(DecodeFile file, List<DecodeDiag> diags)
    {
        this.file = file;
        this.diags = diags;
    }

    public static TreeNode Build(DecodeFile file, List<DecodeDiag> diags)
    {
        var b = new TreeBuilder(file, diags);
        // The file's own set starts from nothing known; only nested groups get common masks.
        foreach (var m in file.Root.Members)
            b.PropagateMasks(m);
        return b.BuildSet(file.Root.Members, 0);
    }

    private void PropagateMasks(DecodeNode node)
    {
        if (node is not GroupNode g || g.Members.Count == 0)
            return;
        uint mask = file.InsnMask;
        foreach (var m in g.Members)
        {
            PropagateMasks(m);
            mask &= m.FixedMask;
        }
        uint first = g.Members[0].FixedBits;
        foreach (var m in g.Members)
            mask &= ~(m.FixedBits ^ first);
        g.FixedMask = mask;
        g.FixedBits = first & mask;
    }

    private TreeNode BuildSet(List<DecodeNode> members, uint known)
    {
        if (members.Count == 0)
            return new SeqNode(new List<TreeNode>());
        if (members.Count == 1)
            return BuildUnit(members[0], known);
        uint inner = file.InsnMask & ~known;
        foreach (var m in members)
            inner &= m.FixedMask;

        if (inner == 0)
        {
            ReportOverlaps(members);
            return new SeqNode(members.Select(m => BuildUnit(m, known)).ToList());
        }

        var bins = new SortedDictionary<uint, List<DecodeNode>>();
        foreach (var m in members)
        {
            uint key = m.FixedBits & inner;
            if (!bins.TryGetValue(key, out var list))
                bins[key] = list = new List<DecodeNode>();
            list.Add(m);
        }
        var cases = bins.Select(kv => new KeyValuePair<uint, TreeNode>(kv.Key, BuildSet(kv.Value, known | inner))).ToList();
        return new SwitchNode(inner, cases);
    }

    /// <summary>Checks what the node fixes beyond the known bits, then decodes inside it.</summary>
    private TreeNode BuildUnit(DecodeNode node, uint known)
    {
        uint rest = node.FixedMask & ~known;
        uint inside = known | rest;
        TreeNode body = node switch
        {
            PatternDef p => new LeafNode(p),
            GroupNode { Overlap: true } g => new SeqNode(g.Members.Select(m => BuildUnit(m, inside)).ToList()),
            GroupNode g => BuildSet(g.Members, inside),
            _ => throw new System.InvalidOperationException("unknown node"),
        };
        return rest == 0 ? body : new CheckNode(rest, node.FixedBits & rest, body);
    }

    private void ReportOverlaps(List<DecodeNode> members)
    {
        for (int i = 0; i < members.Count; i++)
            for (int j = i + 1; j < members.Count; j++)
                foreach (var p in Leaves(members[i]))
                    foreach (var q in Leaves(members[j]))
                        if (((p.FixedBits ^ q.FixedBits) & p.FixedMask & q.FixedMask) == 0)
                            Report(p, q);
    }

    private void Report(PatternDef p, PatternDef q)
    {
        string key = p.Pos.Line + ":" + q.Pos.Line;
        if (!reported.Add(key))
            return;
        string example = ((p.FixedBits | q.FixedBits) & file.InsnMask).ToString(file.Width == 16 ? "X4" : "X8", CultureInfo.InvariantCulture);
        diags.Add(new DecodeDiag(DecodeDiagnostics.Overlap, q.Pos, p.Pos,
            p.Name, p.Pos.Line.ToString(CultureInfo.InvariantCulture), q.Name, q.Pos.Line.ToString(CultureInfo.InvariantCulture), example));
    }

    private static IEnumerable<PatternDef> Leaves(DecodeNode node) =>
        node is GroupNode g ? g.Members.SelectMany(Leaves) : new[] { (PatternDef)node };
}
