using System.Buffers.Binary;

namespace CrossEmu.Conformance.Differential;

/// <summary>
/// What the harness wrote for one sequence: how it ended (signal 0 = it reached its end trap),
/// the pc, the general registers, the ISA's extra words and the window words it changed.
/// </summary>
sealed record HarnessRecord(int Index, uint Signal, uint Code, uint Address, uint Pc, uint[] Regs, uint[] Extra,
    SortedDictionary<uint, uint> Changed)
{
    /// <summary>Reads every record of an output file; stops at a truncated or malformed one.</summary>
    public static List<HarnessRecord> ReadAll(byte[] data, bool bigEndian, int regCount, int extraCount)
    {
        var list = new List<HarnessRecord>();
        int at = 0;
        uint Next()
        {
            uint v = bigEndian ? BinaryPrimitives.ReadUInt32BigEndian(data.AsSpan(at)) : BinaryPrimitives.ReadUInt32LittleEndian(data.AsSpan(at));
            at += 4;
            return v;
        }
        int fixedWords = 6 + regCount + extraCount + 1;
        while (data.Length - at >= fixedWords * 4)
        {
            if (Next() != HarnessImage.RecordMagic) break;
            int index = (int)Next();
            uint signal = Next(), code = Next(), address = Next(), pc = Next();
            var regs = new uint[regCount];
            for (int i = 0; i < regCount; i++) regs[i] = Next();
            var extra = new uint[extraCount];
            for (int i = 0; i < extraCount; i++) extra[i] = Next();
            uint changed = Next();
            if (data.Length - at < changed * 8L) break;
            var words = new SortedDictionary<uint, uint>();
            for (uint i = 0; i < changed; i++) words[Next()] = Next();
            list.Add(new HarnessRecord(index, signal, code, address, pc, regs, extra, words));
        }
        return list;
    }
}
