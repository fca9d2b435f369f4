namespace CrossEmu.Conformance.Differential;

/// <summary>Where two harness records of the same sequence disagree, one line per difference.</summary>
static class StateComparison
{
    public static List<string> Differences(IsaProfile isa, HarnessRecord reference, HarnessRecord actual)
    {
        var d = new List<string>();
        if (reference.Signal != actual.Signal) d.Add($"signal: {isa.SignalName(reference.Signal)} vs {isa.SignalName(actual.Signal)}");
        else if (reference.Signal != 0)
        {
            if (reference.Code != actual.Code) d.Add($"si_code: {reference.Code} vs {actual.Code}");
            if (reference.Address != actual.Address) d.Add($"si_addr: 0x{reference.Address:x8} vs 0x{actual.Address:x8}");
        }
        if (reference.Pc != actual.Pc) d.Add($"pc: 0x{reference.Pc:x8} vs 0x{actual.Pc:x8}");
        // ARM's r15 is the record's pc, compared above.
        for (int i = 0; i < reference.Regs.Length; i++)
            if (reference.Regs[i] != actual.Regs[i] && isa.RegisterNames[i] != "pc")
                d.Add($"{isa.RegisterNames[i]}: 0x{reference.Regs[i]:x8} vs 0x{actual.Regs[i]:x8}");
        for (int i = 0; i < reference.Extra.Length; i++)
        {
            uint mask = isa.ExtraCompareMask(i);
            if ((reference.Extra[i] & mask) != (actual.Extra[i] & mask))
                d.Add($"{isa.ExtraNames[i]}: 0x{reference.Extra[i]:x8} vs 0x{actual.Extra[i]:x8}");
        }
        foreach (uint offset in reference.Changed.Keys.Union(actual.Changed.Keys).Order())
        {
            bool inRef = reference.Changed.TryGetValue(offset, out uint r), inAct = actual.Changed.TryGetValue(offset, out uint a);
            if (inRef != inAct || r != a)
                d.Add($"window+0x{offset:x4}: {(inRef ? $"0x{r:x8}" : "unchanged")} vs {(inAct ? $"0x{a:x8}" : "unchanged")}");
        }
        return d;
    }
}
