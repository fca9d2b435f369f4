using System.Runtime.InteropServices;
using CrossEmu.Isa.Ir;
using CrossEmu.Isa.Memory;
using CrossEmu.Isa.State;
using CrossEmu.Jit;

namespace CrossEmu.Testing;

/// <summary>
/// The test CPU of a frontend: places words at CodeBase, lifts them, runs the block in both
/// execution tiers (IR interpreter and IL compiler) from a state string, checks that the tiers
/// agree, then that the outcome is the expected state string (grammar: TestStateText).
/// An ISA derives its test CPU from this, as TIsa, and supplies its registers (ITestIsa).
/// </summary>
public abstract unsafe class TwoTierCpu<TIsa, TState> : TestMemory
    where TIsa : ITestIsa<TState>
    where TState : unmanaged
{
    [ThreadStatic] static GuestMemory? memoryA, memoryB;
    /// <summary>The code page of this thread's last lift: runs of the block get it (for relifts).</summary>
    [ThreadStatic] static byte[]? codePage;

    /// <summary>Places words at address (in the code page) in a byte order and lifts from pc with the given limit.</summary>
    public static IrBlock LiftAt(uint pc, uint[] words, int maxInsns, bool bigEndian, uint address = CodeBase)
    {
        var mem = memoryA ??= new GuestMemory();
        mem.Unmap(CodeBase, GuestMemory.PageSize);
        mem.Map(CodeBase, GuestMemory.PageSize, PagePermissions.All);
        Place(mem, address, words, bigEndian);
        codePage = mem.Span(CodeBase, (int)GuestMemory.PageSize).ToArray();
        return TIsa.Frontend(bigEndian).Lift(pc, new ExecutableCodeReader(mem), maxInsns);
    }

    /// <summary>Runs a block of this thread's last lift on a state through both tiers; they must agree.</summary>
    public static TestOutcome Run(IrBlock block, string before, bool bigEndian) =>
        RunBoth(block, Initial(before, bigEndian));

    /// <summary>The whole check in one byte order: both tiers agree, and the outcome matches the expectation.</summary>
    public static TestOutcome CheckOrder(string words, string before, string after, bool bigEndian)
    {
        uint[] code = TestNumbers.ParseWords(words);
        var init = Initial(before, bigEndian);
        var expected = init.Clone();
        expected.Exit = ExitReason.Jump;
        expected.Pc = CodeBase + 4u * (uint)code.Length;
        expected.CheckArg = expected.CheckFault = false;
        TestStateText.Apply(after, expected, expected: true, TIsa.Parse);

        var block = LiftAt(CodeBase, code, code.Length, bigEndian);
        var got = RunBoth(block, init);
        string diff = expected.Differences(got);
        if (diff.Length > 0)
            Assert.Fail($"{Name(bigEndian)}: unexpected state (expected / got):\n{diff}\ngot: {got.Describe()}\n{Ir(block, bigEndian)}");
        return got;
    }

    static TestOutcome Initial(string before, bool bigEndian)
    {
        var init = new TestOutcome(TIsa.Registers, bigEndian);
        TestStateText.Apply(before, init, expected: false, TIsa.Parse);
        return init;
    }

    static TestOutcome RunBoth(IrBlock block, TestOutcome init)
    {
        var interpreted = RunTier(block, Prepare(ref memoryA, init), init, compile: false);
        var compiled = RunTier(block, Prepare(ref memoryB, init), init, compile: true);
        string tiers = interpreted.Differences(compiled);
        if (tiers.Length > 0)
            Assert.Fail($"{Name(init.BigEndian)}: interpreter and compiler disagree:\n{tiers}\n" +
                $"interpreted: {interpreted.Describe()}\ncompiled:    {compiled.Describe()}\n{Ir(block, init.BigEndian)}");
        return interpreted;
    }

    static GuestMemory Prepare(ref GuestMemory? slot, TestOutcome init)
    {
        var m = slot ??= new GuestMemory();
        m.Unmap(CodeBase, GuestMemory.PageSize);
        m.Unmap(DataBase, DataSize);
        m.Map(CodeBase, GuestMemory.PageSize, PagePermissions.All);
        m.Map(DataBase, DataSize, PagePermissions.ReadWrite);
        if (codePage is not null) m.WriteUnchecked(CodeBase, codePage);
        m.WriteUnchecked(DataBase, init.Data);
        return m;
    }

    static TestOutcome RunTier(IrBlock block, GuestMemory mem, TestOutcome init, bool compile)
    {
        var state = (TState*)NativeMemory.AllocZeroed((nuint)sizeof(TState));
        try
        {
            TIsa.Write(ref *state, init.R);
            var header = (CpuHeader*)state;   // every state struct starts with it
            header->InsnCount = init.InsnCount;
            var frontend = TIsa.Frontend(init.BigEndian);
            // a failed group access check goes on in the interpreter from the reported pc, up to
            // the block's end, as the engine does: the relift reads the code page
            IrBlock Relift(uint pc) => frontend.Lift(pc, new ExecutableCodeReader(mem), (int)((block.GuestEnd - pc) / 4));
            var reason = compile
                ? BlockRunner.Compile(block, frontend.Layout, (byte*)state, mem, Relift)
                : BlockRunner.Interpret(block, frontend.Layout, (byte*)state, mem);

            var o = new TestOutcome(TIsa.Registers, init.BigEndian);
            TIsa.Read(ref *state, o.R);
            o.Exit = header->Exit; o.Pc = header->Pc; o.ExitArg = header->ExitArg; o.FaultAddress = header->FaultAddress;
            o.Data = mem.Span(DataBase, DataSize).ToArray();
            if (reason != o.Exit) Assert.Fail($"{(compile ? "compiler" : "interpreter")} returned {reason} but the header says {o.Exit}");
            return o;
        }
        finally { NativeMemory.Free(state); }
    }

    static string Name(bool bigEndian) => bigEndian ? "big endian" : "little endian";

    static string Ir(IrBlock block, bool bigEndian)
    {
        var layout = TIsa.Frontend(bigEndian).Layout;
        return IrPrinter.Format(block, s => layout[s].Name);
    }
}
