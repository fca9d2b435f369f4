using System.Text;

namespace CrossEmu.Isa.Ir;

/// <summary>Text form of the IR, as `-d op` prints it.</summary>
public static class IrPrinter
{
    public static string Format(IrInst i)
    {
        var sb = new StringBuilder();
        if (i.HasResult) sb.Append($"%{i.Id}:{i.Type.Name()} = ");
        sb.Append(i.Desc.Name);
        for (int a = 0; a < i.Args.Length; a++) sb.Append(a == 0 ? " " : ", ").Append(i.Args[a]);
        if (i.Desc.AuxName is { } aux) sb.Append(i.Args.Length > 0 ? ", " : " ").Append(aux).Append('=').Append(FormatAux(aux, i.Aux));
        if (i.Desc.Aux2Name is { } aux2) sb.Append(", ").Append(aux2).Append('=').Append(FormatAux(aux2, i.Aux2));
        return sb.ToString();
    }

    static string FormatAux(string name, long v) => name switch
    {
        "pc" or "word" => $"0x{(uint)v:x8}",
        "helper" => IrHelpers.Get(v).Name,
        "reason" => ((State.ExitReason)v).ToString(),
        _ => v.ToString(),
    };

    public static string Format(IrBlock b, Func<int, string>? slotName = null)
    {
        var sb = new StringBuilder();
        sb.AppendLine($"block 0x{b.GuestPc:x8} ({b.GuestInsnCount} guest insns)");
        foreach (var i in b.Insts)
        {
            var text = Format(i);
            if (slotName != null && i.Desc.AuxName == "slot") text += $"  ; {slotName((int)i.Aux)}";
            sb.Append(i.Op == Opcode.Label ? "" : "  ").AppendLine(text);
        }
        return sb.ToString();
    }
}
