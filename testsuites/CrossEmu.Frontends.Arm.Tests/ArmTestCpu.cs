using CrossEmu.Testing;
using System.Runtime.InteropServices;
using System.Text;
using CrossEmu.Isa;
using CrossEmu.Isa.Ir;
using CrossEmu.Isa.Memory;
using CrossEmu.Isa.State;
using CrossEmu.Jit;

namespace CrossEmu.Frontends.Arm.Tests;

/// <summary>
/// Runs A32 words through the frontend and both execution tiers (IR interpreter and IL compiler),
/// checks that the tiers agree, then checks the expected state.
///
/// States are written as space-separated items:
///   r0..r14, sp, lr, fp, ip = value      registers (unlisted ones start as 0xDEAD00nn)
///   n z c v q = 0|1, nzcv=1010, ge=0b0101  flags (unlisted ones start clear)
///   tp = value                            TPIDRURO
///   [addr]=v  [addr].h=v  [addr].b=v  [addr].d=v   memory (data lies at 0x20000..0x21fff)
///   fill=1                                the data area starts as FillByte(i) instead of zeros
/// and in the expected state only:
///   exit = Jump|Syscall|Undefined|Breakpoint|Unsupported|MemoryFault   (default Jump)
///   pc = value (default: after the last word)   arg = value (ExitArg)   fault = address (FaultAddress)
/// Values are decimal (may be negative) or 0x/0b prefixed. Everything not listed in the expected
/// state must be unchanged: registers, flags and the whole data area.
/// </summary>
public static unsafe class ArmTestCpu
{
    public const uint CodeBase = 0x10000;
    public const uint DataBase = 0x20000;
    public const int DataSize = 0x2000;

    static readonly ArmFrontend Frontend = new();

    [ThreadStatic] static GuestMemory? memoryA, memoryB;

    /// <summary>The observable result of a run.</summary>
    public sealed class Outcome
    {
        public uint[] R = new uint[15];
        public bool N, Z, C, V, Q;
        public uint GE, Tp;
        public ExitReason Exit;
        public uint Pc, ExitArg, FaultAddress;
        public byte[] Data = [];
        /// <summary>False in an expectation that does not name the exit argument.</summary>
        public bool CheckArg = true;
        /// <summary>False in an expectation that does not name the fault address.</summary>
        public bool CheckFault = true;

        public string Describe()
        {
            var sb = new StringBuilder();
            for (int i = 0; i < 15; i++) sb.Append($"r{i}=0x{R[i]:x8} ");
            sb.Append($"n={B(N)} z={B(Z)} c={B(C)} v={B(V)} q={B(Q)} ge=0x{GE:x} tp=0x{Tp:x8} exit={Exit} pc=0x{Pc:x8} arg=0x{ExitArg:x8} fault=0x{FaultAddress:x8}");
            return sb.ToString();
        }

        static int B(bool f) => f ? 1 : 0;
    }

    /// <summary>Parses "e0810002 e2800001" (or with 0x prefixes) into words.</summary>
    public static uint[] ParseWords(string words) => TestNumbers.ParseWords(words);

    /// <summary>Lifts the words placed at CodeBase (no more than there are words).</summary>
    public static IrBlock Lift(uint[] words) => LiftAt(CodeBase, words, words.Length);

    /// <summary>Places words at address (in the code page) and lifts from pc with the given limit.</summary>
    public static IrBlock LiftAt(uint pc, uint[] words, int maxInsns, uint address = CodeBase)
    {
        var mem = Prepare(ref memoryA, [], []);
        for (int i = 0; i < words.Length; i++)
            mem.WriteUnchecked(address + 4u * (uint)i, BitConverter.GetBytes(words[i]));
        return Frontend.Lift(pc, new ExecutableCodeReader(mem), maxInsns);
    }

    /// <summary>Runs a block on a state (default: the default registers) through both tiers; they must agree.</summary>
    public static Outcome Run(IrBlock block, string before = "")
    {
        var init = ParseItems(before, allowExit: false);
        var a = RunTier(block, Prepare(ref memoryA, [], init), init, compile: false);
        var b = RunTier(block, Prepare(ref memoryB, [], init), init, compile: true);
        string tiers = Compare(a, b);
        if (tiers.Length > 0)
            Assert.Fail($"interpreter and compiler disagree:\n{tiers}\n{IrPrinter.Format(block, s => ArmRegs.Layout[s].Name)}");
        return a;
    }

    /// <summary>The whole check: both tiers agree, and the outcome matches the expectation.</summary>
    public static Outcome Check(string words, string before, string after)
    {
        uint[] code = ParseWords(words);
        var init = ParseItems(before, allowExit: false);
        var expect = ParseItems(after, allowExit: true);

        var memA = Prepare(ref memoryA, code, init);
        var block = Frontend.Lift(CodeBase, new ExecutableCodeReader(memA), code.Length);
        string ir = IrPrinter.Format(block, s => ArmRegs.Layout[s].Name);

        Outcome interpreted = RunTier(block, memA, init, compile: false);
        var memB = Prepare(ref memoryB, code, init);
        Outcome compiled = RunTier(block, memB, init, compile: true);

        string tiers = Compare(interpreted, compiled);
        if (tiers.Length > 0)
            Assert.Fail($"interpreter and compiler disagree:\n{tiers}\ninterpreted: {interpreted.Describe()}\ncompiled:    {compiled.Describe()}\n{ir}");

        string diff = Compare(Expected(init, expect, code.Length), interpreted);
        if (diff.Length > 0)
            Assert.Fail($"unexpected state (expected / got):\n{diff}\ngot: {interpreted.Describe()}\n{ir}");
        return interpreted;
    }

    // ------------------------------------------------------------------ running


    static GuestMemory Prepare(ref GuestMemory? slot, uint[] code, List<Item> init)
    {
        var m = slot ??= new GuestMemory();
        m.Unmap(CodeBase, GuestMemory.PageSize);
        m.Unmap(DataBase, DataSize);
        m.Map(CodeBase, GuestMemory.PageSize, PagePermissions.All);
        m.Map(DataBase, DataSize, PagePermissions.ReadWrite);
        for (int i = 0; i < code.Length; i++)
            m.WriteUnchecked(CodeBase + 4u * (uint)i, BitConverter.GetBytes(code[i]));
        if (init.Any(it => it.Kind == ItemKind.Fill)) Fill(m.Span(DataBase, DataSize));
        foreach (var it in init)
            if (it.Kind == ItemKind.Memory) WriteMemory(m.Span(it.Address, it.Size), it.Value);
        return m;
    }

    static void WriteMemory(Span<byte> span, ulong value)
    {
        for (int i = 0; i < span.Length; i++) span[i] = (byte)(value >> (8 * i));
    }

    static Outcome RunTier(IrBlock block, GuestMemory mem, List<Item> init, bool compile)
    {
        var state = (ArmCpuState*)NativeMemory.AllocZeroed((nuint)sizeof(ArmCpuState));
        try
        {
            for (int i = 0; i < 15; i++) state->R[i] = DefaultReg(i);
            foreach (var it in init) Apply(state, it);
            // a failed group access check goes on in the interpreter from the reported pc, up to the
            // block's end: the relift reads the block's words, so they must be in memory
            foreach (var insn in block.Insts.Where(x => x.Op == Opcode.InsnStart))
                mem.WriteUnchecked((uint)insn.Aux, BitConverter.GetBytes((uint)insn.Aux2));
            IrBlock LiftAt(uint pc) => Frontend.Lift(pc, new ExecutableCodeReader(mem), (int)((block.GuestEnd - pc) / 4));
            var reason = compile
                ? BlockRunner.Compile(block, ArmRegs.Layout, (byte*)state, mem, LiftAt)
                : BlockRunner.Interpret(block, ArmRegs.Layout, (byte*)state, mem);
            var o = Snapshot(state, mem);
            if (reason != o.Exit) Assert.Fail($"{(compile ? "compiler" : "interpreter")} returned {reason} but the header says {o.Exit}");
            return o;
        }
        finally { NativeMemory.Free(state); }
    }

    public static uint DefaultReg(int n) => 0xDEAD0000u + (uint)n;

    /// <summary>Byte i of the data area under fill=1 (tools/qemu-oracle.py computes the same).</summary>
    public static byte FillByte(int i) => (byte)(i * 0x9E + 0x5B + (i >> 8));

    static void Fill(Span<byte> data)
    {
        for (int i = 0; i < data.Length; i++) data[i] = FillByte(i);
    }

    static Outcome Snapshot(ArmCpuState* s, GuestMemory mem)
    {
        var o = new Outcome();
        for (int i = 0; i < 15; i++) o.R[i] = s->R[i];
        o.N = s->N != 0; o.Z = s->Z != 0; o.C = s->C != 0; o.V = s->V != 0; o.Q = s->Q != 0;
        o.GE = s->GE; o.Tp = s->TpidrUro;
        o.Exit = s->Header.Exit; o.Pc = s->Header.Pc; o.ExitArg = s->Header.ExitArg; o.FaultAddress = s->Header.FaultAddress;
        o.Data = mem.Span(DataBase, DataSize).ToArray();
        return o;
    }

    static void Apply(ArmCpuState* s, Item it)
    {
        switch (it.Kind)
        {
            case ItemKind.Reg: s->R[it.Index] = (uint)it.Value; break;
            case ItemKind.Flag:
                byte f = (byte)(it.Value & 1);
                switch (it.Index) { case 0: s->N = f; break; case 1: s->Z = f; break; case 2: s->C = f; break; case 3: s->V = f; break; default: s->Q = f; break; }
                break;
            case ItemKind.Ge: s->GE = (uint)it.Value; break;
            case ItemKind.Tp: s->TpidrUro = (uint)it.Value; break;
        }
    }

    static Outcome Expected(List<Item> init, List<Item> expect, int wordCount)
    {
        var o = new Outcome { Exit = ExitReason.Jump, Pc = CodeBase + 4u * (uint)wordCount };
        for (int i = 0; i < 15; i++) o.R[i] = DefaultReg(i);
        o.Data = new byte[DataSize];
        if (init.Any(it => it.Kind == ItemKind.Fill)) Fill(o.Data);
        bool argGiven = false, faultGiven = false;
        foreach (var it in init.Concat(expect))
        {
            switch (it.Kind)
            {
                case ItemKind.Reg: o.R[it.Index] = (uint)it.Value; break;
                case ItemKind.Flag:
                    bool f = (it.Value & 1) != 0;
                    switch (it.Index) { case 0: o.N = f; break; case 1: o.Z = f; break; case 2: o.C = f; break; case 3: o.V = f; break; default: o.Q = f; break; }
                    break;
                case ItemKind.Ge: o.GE = (uint)it.Value; break;
                case ItemKind.Tp: o.Tp = (uint)it.Value; break;
                case ItemKind.Memory: WriteMemory(o.Data.AsSpan((int)(it.Address - DataBase), it.Size), it.Value); break;
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
        for (int i = 0; i < 15; i++)
            if (e.R[i] != a.R[i]) sb.AppendLine($"  r{i}: 0x{e.R[i]:x8} / 0x{a.R[i]:x8}");
        void Flag(string name, bool x, bool y) { if (x != y) sb.AppendLine($"  {name}: {(x ? 1 : 0)} / {(y ? 1 : 0)}"); }
        Flag("n", e.N, a.N); Flag("z", e.Z, a.Z); Flag("c", e.C, a.C); Flag("v", e.V, a.V); Flag("q", e.Q, a.Q);
        if (e.GE != a.GE) sb.AppendLine($"  ge: 0b{Convert.ToString(e.GE, 2)} / 0b{Convert.ToString(a.GE, 2)}");
        if (e.Tp != a.Tp) sb.AppendLine($"  tp: 0x{e.Tp:x8} / 0x{a.Tp:x8}");
        if (e.Exit != a.Exit) sb.AppendLine($"  exit: {e.Exit} / {a.Exit}");
        if (e.Pc != a.Pc) sb.AppendLine($"  pc: 0x{e.Pc:x8} / 0x{a.Pc:x8}");
        if (e.CheckArg && e.ExitArg != a.ExitArg) sb.AppendLine($"  arg: 0x{e.ExitArg:x8} / 0x{a.ExitArg:x8}");
        if (e.CheckFault && e.FaultAddress != a.FaultAddress) sb.AppendLine($"  fault: 0x{e.FaultAddress:x8} / 0x{a.FaultAddress:x8}");
        for (int i = 0; i < DataSize; i += 4)
        {
            uint x = BitConverter.ToUInt32(e.Data, i), y = BitConverter.ToUInt32(a.Data, i);
            if (x != y) sb.AppendLine($"  [0x{DataBase + (uint)i:x}]: 0x{x:x8} / 0x{y:x8}");
        }
        return sb.ToString();
    }

    // ------------------------------------------------------------------ state strings

    enum ItemKind { Reg, Flag, Ge, Tp, Memory, Exit, Pc, Arg, Fault, Fill }

    readonly record struct Item(ItemKind Kind, int Index, ulong Value, uint Address = 0, int Size = 0);

    static List<Item> ParseItems(string text, bool allowExit)
    {
        var items = new List<Item>();
        foreach (var token in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            int eq = token.IndexOf('=');
            if (eq <= 0) throw new ArgumentException($"bad state item '{token}'");
            string key = token[..eq].ToLowerInvariant(), val = token[(eq + 1)..];
            if (key.StartsWith('['))
            {
                int close = key.IndexOf(']');
                uint addr = (uint)TestNumbers.Parse(key[1..close]);
                int size = key[(close + 1)..] switch { "" => 4, ".b" => 1, ".h" => 2, ".d" => 8, var s => throw new ArgumentException($"bad size '{s}'") };
                if (addr < DataBase || addr + size > DataBase + DataSize) throw new ArgumentException($"{token}: outside the data area");
                items.Add(new Item(ItemKind.Memory, 0, TestNumbers.Parse(val), addr, size));
                continue;
            }
            switch (key)
            {
                case "sp": items.Add(new Item(ItemKind.Reg, 13, TestNumbers.Parse(val))); break;
                case "lr": items.Add(new Item(ItemKind.Reg, 14, TestNumbers.Parse(val))); break;
                case "fp": items.Add(new Item(ItemKind.Reg, 11, TestNumbers.Parse(val))); break;
                case "ip": items.Add(new Item(ItemKind.Reg, 12, TestNumbers.Parse(val))); break;
                case "n": items.Add(new Item(ItemKind.Flag, 0, TestNumbers.Parse(val))); break;
                case "z": items.Add(new Item(ItemKind.Flag, 1, TestNumbers.Parse(val))); break;
                case "c": items.Add(new Item(ItemKind.Flag, 2, TestNumbers.Parse(val))); break;
                case "v": items.Add(new Item(ItemKind.Flag, 3, TestNumbers.Parse(val))); break;
                case "q": items.Add(new Item(ItemKind.Flag, 4, TestNumbers.Parse(val))); break;
                case "nzcv":
                    if (val.Length != 4 || val.Any(ch => ch is not ('0' or '1'))) throw new ArgumentException($"nzcv wants 4 binary digits: {token}");
                    for (int i = 0; i < 4; i++) items.Add(new Item(ItemKind.Flag, i, (ulong)(val[i] - '0')));
                    break;
                case "ge": items.Add(new Item(ItemKind.Ge, 0, TestNumbers.Parse(val))); break;
                case "tp": items.Add(new Item(ItemKind.Tp, 0, TestNumbers.Parse(val))); break;
                case "fill" when !allowExit: items.Add(new Item(ItemKind.Fill, 0, TestNumbers.Parse(val))); break;
                case "exit" when allowExit: items.Add(new Item(ItemKind.Exit, 0, (ulong)Enum.Parse<ExitReason>(val, ignoreCase: true))); break;
                case "pc" when allowExit: items.Add(new Item(ItemKind.Pc, 0, TestNumbers.Parse(val))); break;
                case "arg" when allowExit: items.Add(new Item(ItemKind.Arg, 0, TestNumbers.Parse(val))); break;
                case "fault" when allowExit: items.Add(new Item(ItemKind.Fault, 0, TestNumbers.Parse(val))); break;
                default:
                    if (key.Length >= 2 && key[0] == 'r' && int.TryParse(key[1..], out int r) && r is >= 0 and < 15)
                        items.Add(new Item(ItemKind.Reg, r, TestNumbers.Parse(val)));
                    else
                        throw new ArgumentException($"unknown state item '{token}'");
                    break;
            }
        }
        return items;
    }
}
