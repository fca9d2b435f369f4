using CrossEmu.Testing;
using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Text;
using CrossEmu.Isa;
using CrossEmu.Isa.Ir;
using CrossEmu.Isa.Memory;
using CrossEmu.Isa.State;
using CrossEmu.Jit;

namespace CrossEmu.Frontends.Mips.Tests;

/// <summary>
/// Runs MIPS32 words through the frontend and both execution tiers (IR interpreter and IL
/// compiler), in both byte orders: the tiers must agree, and each order must give the expected
/// state. Words are instruction values; they are stored in the order under test.
///
/// States are written as space-separated items:
///   r0..r31, $0..$31 or ABI names (at v0 a0 t0 s0 k0 gp sp fp ra ...) = value   (unlisted GPRs
///       start as 0xDEAD00nn, $zero as 0)
///   hi= lo=  (unlisted: 0xDEAD0100 and 0xDEAD0101)    ulr= UserLocal    insns= CpuHeader.InsnCount
///   [addr]=v  [addr].h=v  [addr].b=v  [addr].d=v   memory, the value in the guest's byte order
///       (data lies at 0x20000..0x21fff)
///   fill=1    the data area starts as FillByte(i) instead of zeros
///   le:ITEM / be:ITEM   an item for one byte order only
/// and in the expected state only:
///   exit = Jump|Syscall|Undefined|MemoryFault|AlignmentFault|Trap|IntegerOverflow (default Jump)
///   pc = value (default: after the last word)   arg = value (ExitArg)   fault = address (FaultAddress)
/// Values are decimal (may be negative) or 0x/0b prefixed. Everything not listed in the expected
/// state must be unchanged: GPRs, HI, LO, UserLocal and the whole data area.
/// tools/qemu-oracle.py computes expected states with qemu-mips and qemu-mipsel.
/// </summary>
public static unsafe class MipsTestCpu
{
    public const uint CodeBase = 0x10000;
    public const uint DataBase = 0x20000;
    public const int DataSize = 0x2000;

    static readonly MipsFrontend Little = new(bigEndian: false), Big = new(bigEndian: true);

    [ThreadStatic] static GuestMemory? memoryA, memoryB;

    /// <summary>The observable result of a run.</summary>
    public sealed class Outcome
    {
        public uint[] R = new uint[32];
        public uint Hi, Lo, UserLocal;
        public ExitReason Exit;
        public uint Pc, ExitArg, FaultAddress;
        public byte[] Data = [];
        public bool BigEndian;
        /// <summary>False in an expectation that does not name the exit argument / fault address.</summary>
        public bool CheckArg = true, CheckFault = true;

        public string Describe()
        {
            var sb = new StringBuilder();
            for (int i = 1; i < 32; i++) sb.Append($"{MipsRegs.GprName(i)}=0x{R[i]:x8} ");
            sb.Append($"hi=0x{Hi:x8} lo=0x{Lo:x8} ulr=0x{UserLocal:x8} exit={Exit} pc=0x{Pc:x8} arg=0x{ExitArg:x8} fault=0x{FaultAddress:x8}");
            return sb.ToString();
        }
    }

    /// <summary>Parses "00851021 24420001" (or with 0x prefixes) into words.</summary>
    public static uint[] ParseWords(string words) => TestNumbers.ParseWords(words);

    public static MipsFrontend Frontend(bool bigEndian) => bigEndian ? Big : Little;

    /// <summary>Places words at CodeBase in the given order and lifts at most maxInsns of them.</summary>
    public static IrBlock Lift(uint[] words, bool bigEndian, int maxInsns = -1)
    {
        var mem = Prepare(ref memoryA, words, [], bigEndian);
        return Frontend(bigEndian).Lift(CodeBase, new ExecutableCodeReader(mem), maxInsns < 0 ? words.Length : maxInsns);
    }

    /// <summary>The whole check, in both byte orders.</summary>
    public static void Check(string words, string before, string after)
    {
        CheckOrder(words, before, after, bigEndian: false);
        CheckOrder(words, before, after, bigEndian: true);
    }

    /// <summary>One byte order: both tiers agree, and the outcome matches the expectation.</summary>
    public static Outcome CheckOrder(string words, string before, string after, bool bigEndian)
    {
        string order = bigEndian ? "big endian" : "little endian";
        uint[] code = ParseWords(words);
        var init = ParseItems(before, allowExit: false, bigEndian);
        var expect = ParseItems(after, allowExit: true, bigEndian);

        var memA = Prepare(ref memoryA, code, init, bigEndian);
        var block = Frontend(bigEndian).Lift(CodeBase, new ExecutableCodeReader(memA), code.Length);
        string ir = IrPrinter.Format(block, s => MipsRegs.Layout[s].Name);

        Outcome interpreted = RunTier(block, memA, init, bigEndian, compile: false);
        var memB = Prepare(ref memoryB, code, init, bigEndian);
        Outcome compiled = RunTier(block, memB, init, bigEndian, compile: true);

        string tiers = Compare(interpreted, compiled);
        if (tiers.Length > 0)
            Assert.Fail($"{order}: interpreter and compiler disagree:\n{tiers}\ninterpreted: {interpreted.Describe()}\ncompiled:    {compiled.Describe()}\n{ir}");

        string diff = Compare(Expected(init, expect, code.Length, bigEndian), interpreted);
        if (diff.Length > 0)
            Assert.Fail($"{order}: unexpected state (expected / got):\n{diff}\ngot: {interpreted.Describe()}\n{ir}");
        return interpreted;
    }

    // ------------------------------------------------------------------ running


    static GuestMemory Prepare(ref GuestMemory? slot, uint[] code, List<Item> init, bool bigEndian)
    {
        var m = slot ??= new GuestMemory();
        m.Unmap(CodeBase, GuestMemory.PageSize);
        m.Unmap(DataBase, DataSize);
        m.Map(CodeBase, GuestMemory.PageSize, PagePermissions.All);
        m.Map(DataBase, DataSize, PagePermissions.ReadWrite);
        for (int i = 0; i < code.Length; i++)
        {
            uint w = bigEndian ? BinaryPrimitives.ReverseEndianness(code[i]) : code[i];
            m.WriteUnchecked(CodeBase + 4u * (uint)i, BitConverter.GetBytes(w));
        }
        if (init.Any(it => it.Kind == ItemKind.Fill)) Fill(m.Span(DataBase, DataSize));
        foreach (var it in init)
            if (it.Kind == ItemKind.Memory) WriteMemory(m.Span(it.Address, it.Size), it.Value, bigEndian);
        return m;
    }

    static void WriteMemory(Span<byte> span, ulong value, bool bigEndian)
    {
        for (int i = 0; i < span.Length; i++)
            span[bigEndian ? span.Length - 1 - i : i] = (byte)(value >> (8 * i));
    }

    static Outcome RunTier(IrBlock block, GuestMemory mem, List<Item> init, bool bigEndian, bool compile)
    {
        var state = (MipsCpuState*)NativeMemory.AllocZeroed((nuint)sizeof(MipsCpuState));
        try
        {
            for (int i = 0; i < 32; i++) state->R[i] = DefaultReg(i);
            state->Hi = DefaultHi;
            state->Lo = DefaultLo;
            foreach (var it in init) Apply(state, it);
            // a failed group access check goes on in the interpreter from the reported pc, up to
            // the block's end, as the engine does (the code is in memory: Prepare placed it)
            IrBlock LiftAt(uint pc) => Frontend(bigEndian).Lift(pc, new ExecutableCodeReader(mem), (int)((block.GuestEnd - pc) / 4));
            var reason = compile
                ? BlockRunner.Compile(block, MipsRegs.Layout, (byte*)state, mem, LiftAt)
                : BlockRunner.Interpret(block, MipsRegs.Layout, (byte*)state, mem);
            var o = Snapshot(state, mem, bigEndian);
            if (reason != o.Exit) Assert.Fail($"{(compile ? "compiler" : "interpreter")} returned {reason} but the header says {o.Exit}");
            return o;
        }
        finally { NativeMemory.Free(state); }
    }

    public static uint DefaultReg(int n) => n == 0 ? 0 : 0xDEAD0000u + (uint)n;
    public const uint DefaultHi = 0xDEAD0100, DefaultLo = 0xDEAD0101;

    /// <summary>Byte i of the data area under fill=1 (tools/mipsstate.py computes the same).</summary>
    public static byte FillByte(int i) => (byte)(i * 0x9E + 0x5B + (i >> 8));

    static void Fill(Span<byte> data)
    {
        for (int i = 0; i < data.Length; i++) data[i] = FillByte(i);
    }

    static Outcome Snapshot(MipsCpuState* s, GuestMemory mem, bool bigEndian)
    {
        var o = new Outcome { BigEndian = bigEndian };
        for (int i = 0; i < 32; i++) o.R[i] = s->R[i];
        o.Hi = s->Hi; o.Lo = s->Lo; o.UserLocal = s->UserLocal;
        o.Exit = s->Header.Exit; o.Pc = s->Header.Pc; o.ExitArg = s->Header.ExitArg; o.FaultAddress = s->Header.FaultAddress;
        o.Data = mem.Span(DataBase, DataSize).ToArray();
        return o;
    }

    static void Apply(MipsCpuState* s, Item it)
    {
        switch (it.Kind)
        {
            case ItemKind.Reg: s->R[it.Index] = (uint)it.Value; break;
            case ItemKind.Hi: s->Hi = (uint)it.Value; break;
            case ItemKind.Lo: s->Lo = (uint)it.Value; break;
            case ItemKind.UserLocal: s->UserLocal = (uint)it.Value; break;
            case ItemKind.InsnCount: s->Header.InsnCount = it.Value; break;
        }
    }

    static Outcome Expected(List<Item> init, List<Item> expect, int wordCount, bool bigEndian)
    {
        var o = new Outcome { Exit = ExitReason.Jump, Pc = CodeBase + 4u * (uint)wordCount, BigEndian = bigEndian };
        for (int i = 0; i < 32; i++) o.R[i] = DefaultReg(i);
        o.Hi = DefaultHi; o.Lo = DefaultLo;
        o.Data = new byte[DataSize];
        if (init.Any(it => it.Kind == ItemKind.Fill)) Fill(o.Data);
        bool argGiven = false, faultGiven = false;
        foreach (var it in init.Concat(expect))
        {
            switch (it.Kind)
            {
                case ItemKind.Reg: o.R[it.Index] = (uint)it.Value; break;
                case ItemKind.Hi: o.Hi = (uint)it.Value; break;
                case ItemKind.Lo: o.Lo = (uint)it.Value; break;
                case ItemKind.UserLocal: o.UserLocal = (uint)it.Value; break;
                case ItemKind.Memory: WriteMemory(o.Data.AsSpan((int)(it.Address - DataBase), it.Size), it.Value, bigEndian); break;
                case ItemKind.Exit: o.Exit = (ExitReason)it.Value; break;
                case ItemKind.Pc: o.Pc = (uint)it.Value; break;
                case ItemKind.Arg: o.ExitArg = (uint)it.Value; argGiven = true; break;
                case ItemKind.Fault: o.FaultAddress = (uint)it.Value; faultGiven = true; break;
            }
        }
        o.CheckArg = argGiven;
        o.CheckFault = faultGiven;
        return o;
    }

    /// <summary>Differences between an expected and an actual outcome, one per line.</summary>
    static string Compare(Outcome e, Outcome a)
    {
        var sb = new StringBuilder();
        for (int i = 0; i < 32; i++)
            if (e.R[i] != a.R[i]) sb.AppendLine($"  {MipsRegs.GprName(i)}: 0x{e.R[i]:x8} / 0x{a.R[i]:x8}");
        if (e.Hi != a.Hi) sb.AppendLine($"  hi: 0x{e.Hi:x8} / 0x{a.Hi:x8}");
        if (e.Lo != a.Lo) sb.AppendLine($"  lo: 0x{e.Lo:x8} / 0x{a.Lo:x8}");
        if (e.UserLocal != a.UserLocal) sb.AppendLine($"  ulr: 0x{e.UserLocal:x8} / 0x{a.UserLocal:x8}");
        if (e.Exit != a.Exit) sb.AppendLine($"  exit: {e.Exit} / {a.Exit}");
        if (e.Pc != a.Pc) sb.AppendLine($"  pc: 0x{e.Pc:x8} / 0x{a.Pc:x8}");
        if (e.CheckArg && e.ExitArg != a.ExitArg) sb.AppendLine($"  arg: 0x{e.ExitArg:x8} / 0x{a.ExitArg:x8}");
        if (e.CheckFault && e.FaultAddress != a.FaultAddress) sb.AppendLine($"  fault: 0x{e.FaultAddress:x8} / 0x{a.FaultAddress:x8}");
        for (int i = 0; i < DataSize; i += 4)
        {
            uint x = Word(e.Data, i, e.BigEndian), y = Word(a.Data, i, a.BigEndian);
            if (x != y) sb.AppendLine($"  [0x{DataBase + (uint)i:x}]: 0x{x:x8} / 0x{y:x8}");
        }
        return sb.ToString();
    }

    static uint Word(byte[] data, int i, bool bigEndian) =>
        bigEndian ? BinaryPrimitives.ReadUInt32BigEndian(data.AsSpan(i)) : BinaryPrimitives.ReadUInt32LittleEndian(data.AsSpan(i));

    // ------------------------------------------------------------------ state strings

    enum ItemKind { Reg, Hi, Lo, UserLocal, InsnCount, Memory, Exit, Pc, Arg, Fault, Fill }

    readonly record struct Item(ItemKind Kind, int Index, ulong Value, uint Address = 0, int Size = 0);

    static readonly string[] AbiNames =
        Enumerable.Range(0, 32).Select(MipsRegs.GprName).ToArray();

    static List<Item> ParseItems(string text, bool allowExit, bool bigEndian)
    {
        var items = new List<Item>();
        foreach (var raw in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            string token = raw;
            if (token.StartsWith("le:", StringComparison.Ordinal) || token.StartsWith("be:", StringComparison.Ordinal))
            {
                if (token.StartsWith("be:", StringComparison.Ordinal) != bigEndian) continue;
                token = token[3..];
            }
            int eq = token.IndexOf('=');
            if (eq <= 0) throw new ArgumentException($"bad state item '{raw}'");
            string key = token[..eq].ToLowerInvariant(), val = token[(eq + 1)..];
            if (key.StartsWith('['))
            {
                int close = key.IndexOf(']');
                uint addr = (uint)TestNumbers.Parse(key[1..close]);
                int size = key[(close + 1)..] switch { "" => 4, ".b" => 1, ".h" => 2, ".d" => 8, var s => throw new ArgumentException($"bad size '{s}'") };
                if (addr < DataBase || addr + size > DataBase + DataSize) throw new ArgumentException($"{raw}: outside the data area");
                items.Add(new Item(ItemKind.Memory, 0, TestNumbers.Parse(val), addr, size));
                continue;
            }
            switch (key)
            {
                case "hi": items.Add(new Item(ItemKind.Hi, 0, TestNumbers.Parse(val))); break;
                case "lo": items.Add(new Item(ItemKind.Lo, 0, TestNumbers.Parse(val))); break;
                case "ulr": items.Add(new Item(ItemKind.UserLocal, 0, TestNumbers.Parse(val))); break;
                case "insns" when !allowExit: items.Add(new Item(ItemKind.InsnCount, 0, TestNumbers.Parse(val))); break;
                case "fill" when !allowExit: items.Add(new Item(ItemKind.Fill, 0, TestNumbers.Parse(val))); break;
                case "exit" when allowExit: items.Add(new Item(ItemKind.Exit, 0, (ulong)Enum.Parse<ExitReason>(val, ignoreCase: true))); break;
                case "pc" when allowExit: items.Add(new Item(ItemKind.Pc, 0, TestNumbers.Parse(val))); break;
                case "arg" when allowExit: items.Add(new Item(ItemKind.Arg, 0, TestNumbers.Parse(val))); break;
                case "fault" when allowExit: items.Add(new Item(ItemKind.Fault, 0, TestNumbers.Parse(val))); break;
                default:
                    int r = RegisterIndex(key);
                    if (r < 0) throw new ArgumentException($"unknown state item '{raw}'");
                    if (r == 0 && TestNumbers.Parse(val) != 0) throw new ArgumentException($"{raw}: $zero is always 0");
                    items.Add(new Item(ItemKind.Reg, r, TestNumbers.Parse(val)));
                    break;
            }
        }
        return items;
    }

    static int RegisterIndex(string key)
    {
        if (key == "s8") return 30;
        int abi = Array.IndexOf(AbiNames, key);
        if (abi >= 0) return abi;
        if (key.Length >= 2 && key[0] is 'r' or '$' && int.TryParse(key[1..], out int n) && n is >= 0 and < 32) return n;
        return -1;
    }
}
