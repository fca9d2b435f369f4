namespace CrossEmu.Conformance.Disassembly;

/// <summary>Guest disassembly for `-d in_asm`: one instruction word at pc to text.</summary>
public interface IGuestDisassembler : IDisposable
{
    string Disassemble(uint pc, uint word);
}

public static class GuestDisassembler
{
    /// <summary>The disassembler for a frontend, by its Name ("arm", "mips", "mipsel").</summary>
    public static IGuestDisassembler For(string frontendName) => frontendName switch
    {
        "arm" => new ArmDisassembler(),
        "mips" => new MipsDisassembler(bigEndian: true),
        "mipsel" => new MipsDisassembler(bigEndian: false),
        _ => throw new ArgumentException($"no disassembler for the {frontendName} frontend"),
    };
}
