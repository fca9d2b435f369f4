using System.Text;
using CrossEmu.Isa.Guests;

namespace CrossEmu.Conformance.Differential;

/// <summary>The text that lets someone replay a mismatch: the code with its disassembly, the initial
/// state, how each emulator ended, and the differences (qemu's value first).</summary>
static class Reproducer
{
    public static string Format(IsaProfile isa, IGuestDisassembler disassembler, GeneratedSequence s, uint codeAddress,
        string origin, Tier tier, HarnessRecord? qemu, HarnessRecord? crossemu, IReadOnlyList<string> differences, string? image)
    {
        var sb = new StringBuilder();
        sb.AppendLine($"{isa.Name} {origin}: CrossEmu ({tier}) differs from {isa.QemuCommand}");
        for (int i = 0; i < s.Words.Length; i++)
        {
            uint pc = codeAddress + (uint)(4 * i);
            sb.AppendLine($"  0x{pc:x8}: {s.Words[i]:x8}  {disassembler.DisassembleWord(pc, s.Words[i], isa.BigEndian),-32} [{s.Patterns[i]}]");
        }
        sb.Append("  initial:");
        for (int i = 0; i < isa.RegisterNames.Count; i++)
            if (i < s.Init.Length) sb.Append($" {isa.RegisterNames[i]}=0x{s.Init[i]:x8}");
        for (int i = 0; i < isa.ExtraNames.Count; i++)
            sb.Append($" {isa.ExtraNames[i]}=0x{s.Init[isa.RegisterNames.Count + i]:x8}");
        sb.AppendLine();
        sb.AppendLine($"  {isa.QemuCommand}: {Ending(isa, qemu)}");
        sb.AppendLine($"  crossemu: {Ending(isa, crossemu)}");
        sb.AppendLine("  differences (qemu vs crossemu):");
        foreach (var d in differences) sb.AppendLine($"    {d}");
        if (image != null) sb.AppendLine($"  harness image: {image} (run: {isa.QemuCommand} IMAGE OUT / crossemu run IMAGE OUT)");
        return sb.ToString().TrimEnd();
    }

    static string Ending(IsaProfile isa, HarnessRecord? r) => r == null ? "no record (the harness died)"
        : r.Signal == 0 ? $"reached the end, pc=0x{r.Pc:x8}" : $"{isa.SignalName(r.Signal)}, si_code {r.Code}, si_addr 0x{r.Address:x8}, at pc=0x{r.Pc:x8}";
}
