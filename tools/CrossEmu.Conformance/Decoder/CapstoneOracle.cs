using System.Buffers.Binary;
using Gee.External.Capstone;
using Gee.External.Capstone.Arm;
using Gee.External.Capstone.Mips;

namespace CrossEmu.Conformance.Decoder;

/// <summary>Capstone's reading of a word: defined when it disassembles to one 4-byte instruction.</summary>
public sealed record CapstoneVerdict(bool Defined, string Mnemonic, string Operands)
{
    public static readonly CapstoneVerdict Undefined = new(false, "", "");

    public override string ToString() => Defined ? $"'{$"{Mnemonic} {Operands}".TrimEnd()}'" : "undefined";
}

/// <summary>The reference decoder for the cross-check.</summary>
public abstract class CapstoneOracle : IDisposable
{
    public abstract CapstoneVerdict Disassemble(uint word);

    public abstract void Dispose();

    public static CapstoneOracle For(string isa) => isa switch
    {
        "arm" => new Arm(),
        "mips" => new Mips(bigEndian: true),
        "mipsel" => new Mips(bigEndian: false),
        _ => throw new ArgumentException($"no Capstone mode for the ISA '{isa}'"),
    };

    static CapstoneVerdict Verdict(string mnemonic, string operands, int size) =>
        size == 4 ? new CapstoneVerdict(true, mnemonic, operands) : CapstoneVerdict.Undefined;

    sealed class Arm : CapstoneOracle
    {
        readonly CapstoneArmDisassembler capstone = CapstoneDisassembler.CreateArmDisassembler(ArmDisassembleMode.Arm);
        readonly byte[] bytes = new byte[4];

        public override CapstoneVerdict Disassemble(uint word)
        {
            BinaryPrimitives.WriteUInt32LittleEndian(bytes, word);
            var insns = capstone.Disassemble(bytes, SingleWordCode.Pc);
            return insns.Length == 0 ? CapstoneVerdict.Undefined : Verdict(insns[0].Mnemonic, insns[0].Operand, insns[0].Bytes.Length);
        }

        public override void Dispose() => capstone.Dispose();
    }

    sealed class Mips(bool bigEndian) : CapstoneOracle
    {
        readonly CapstoneMipsDisassembler capstone = CapstoneDisassembler.CreateMipsDisassembler(
            MipsDisassembleMode.Bit32 | (bigEndian ? MipsDisassembleMode.BigEndian : MipsDisassembleMode.LittleEndian));
        readonly byte[] bytes = new byte[4];

        public override CapstoneVerdict Disassemble(uint word)
        {
            if (bigEndian) BinaryPrimitives.WriteUInt32BigEndian(bytes, word);
            else BinaryPrimitives.WriteUInt32LittleEndian(bytes, word);
            var insns = capstone.Disassemble(bytes, SingleWordCode.Pc);
            return insns.Length == 0 ? CapstoneVerdict.Undefined : Verdict(insns[0].Mnemonic, insns[0].Operand, insns[0].Bytes.Length);
        }

        public override void Dispose() => capstone.Dispose();
    }
}
