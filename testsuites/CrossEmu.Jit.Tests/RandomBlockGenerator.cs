using CrossEmu.Isa.Ir;
using CrossEmu.Isa.State;

namespace CrossEmu.Jit.Tests;

/// <summary>
/// Builds random, valid IR blocks over TestMachine's registers: every pure op of the table with
/// random operands, register reads and writes, loads and stores inside a mapped window (and now
/// and then outside it), forward branches over conditional sections, and a random exit.
/// </summary>
sealed class RandomBlockGenerator
{
    static readonly OpDesc[] PureOps = OpInfo.All.Where(d => d.Is(OpFlags.Pure) && d.Op is not (Opcode.CarryOf32 or Opcode.OverflowOf32)).ToArray();
    readonly Random rng;
    IrBuilder b = null!;
    readonly List<Value> i1 = new(), i32 = new(), i64 = new(), adds = new();

    public RandomBlockGenerator(int seed) { rng = new Random(seed); }

    public IrBlock Generate(int length)
    {
        b = new IrBuilder(0x4000);
        NewSegment();
        uint pc = 0x4000;
        for (int n = 0; n < length; n++)
        {
            if (n % 4 == 0) { b.InsnStart(pc, 0); pc += 4; }
            int pick = rng.Next(100);
            if (pick < 55) PureOp();
            else if (pick < 65)
            {
                var s = Slot();
                Push(s.Type, s.Type switch { IrType.I1 => b.GetReg1(s.Index), IrType.I32 => b.GetReg32(s.Index), _ => b.GetReg64(s.Index) });
            }
            else if (pick < 77) SetReg();
            else if (pick < 87) MemoryOp();
            else if (pick < 90) { var a = b.AddC32(Arg(IrType.I32), Arg(IrType.I32), Arg(IrType.I1)); i32.Add(a); adds.Add(a); }
            else if (pick < 94 && adds.Count > 0) { var a = adds[rng.Next(adds.Count)]; i1.Add(rng.Next(2) == 0 ? b.CarryOf32(a) : b.OverflowOf32(a)); }
            else if (pick < 97) ConditionalSection(pc);
        }
        Exit(pc);
        b.Block.GuestInsnCount = (int)((pc - 0x4000) / 4);
        b.Block.GuestEnd = pc;
        return b.Block;
    }

    void NewSegment() { i1.Clear(); i32.Clear(); i64.Clear(); adds.Clear(); }

    RegSlot Slot() => TestMachine.Layout[rng.Next(TestMachine.Layout.Slots.Count)];

    Value Constant(IrType t) => t switch
    {
        IrType.I1 => Value.I1(rng.Next(2) == 1),
        IrType.I32 => Value.I32(Interesting32()),
        _ => Value.I64(rng.Next(3) == 0 ? (ulong)Interesting32() << 32 | Interesting32() : (ulong)rng.NextInt64()),
    };

    uint Interesting32() => rng.Next(6) switch
    {
        0 => 0, 1 => 0xffffffff, 2 => 0x80000000, 3 => 0x7fffffff, 4 => (uint)rng.Next(64), _ => (uint)rng.Next() ^ (uint)rng.Next() << 16,
    };

    Value Arg(IrType t)
    {
        var pool = t switch { IrType.I1 => i1, IrType.I32 => i32, _ => i64 };
        return pool.Count > 0 && rng.Next(4) != 0 ? pool[rng.Next(pool.Count)] : Constant(t);
    }

    void Push(IrType t, Value v) { (t switch { IrType.I1 => i1, IrType.I32 => i32, _ => i64 }).Add(v); }

    void PureOp()
    {
        var d = PureOps[rng.Next(PureOps.Length)];
        var args = d.Args.Select(Arg).ToArray();
        var inst = typeof(IrBuilder).GetMethod(d.Name)!.Invoke(b, args.Cast<object>().ToArray());
        Push(d.Result, (Value)inst!);
    }

    void SetReg()
    {
        var s = Slot();
        var v = Arg(s.Type);
        switch (s.Type)
        {
            case IrType.I1: b.SetReg1(v, s.Index); break;
            case IrType.I32: b.SetReg32(v, s.Index); break;
            default: b.SetReg64(v, s.Index); break;
        }
    }

    /// <summary>An address in the mapped window 0x10000..0x1ffff, or rarely an unmapped one.</summary>
    Value Address()
    {
        if (rng.Next(40) == 0) return Value.I32(0x30000u + (uint)rng.Next(0x100));
        var offset = b.And32(Arg(IrType.I32), Value.I32(0xffffu));
        return b.Add32(offset, Value.I32(0x10000u));
    }

    void MemoryOp()
    {
        var addr = Address();
        switch (rng.Next(10))
        {
            case 0: i32.Add(b.Load8U(addr)); break;
            case 1: i32.Add(b.Load8S(addr)); break;
            case 2: i32.Add(b.Load16U(addr)); break;
            case 3: i32.Add(b.Load16S(addr)); break;
            case 4: i32.Add(b.Load32(addr)); break;
            case 5: i64.Add(b.Load64(addr)); break;
            case 6: b.Store8(addr, Arg(IrType.I32)); break;
            case 7: b.Store16(addr, Arg(IrType.I32)); break;
            case 8: b.Store32(addr, Arg(IrType.I32)); break;
            default: b.Store64(addr, Arg(IrType.I64)); break;
        }
    }

    /// <summary>BrIf over a few instructions (one may leave the block), then the label.</summary>
    void ConditionalSection(uint pc)
    {
        var skip = b.NewLabel();
        b.BrIf(Arg(IrType.I1), skip);
        for (int k = rng.Next(1, 4); k > 0; k--) { if (rng.Next(2) == 0) PureOp(); else SetReg(); }
        if (rng.Next(4) == 0) Exit(pc);
        b.Label(skip);
        NewSegment();
    }

    void Exit(uint pc)
    {
        switch (rng.Next(3))
        {
            case 0: b.ExitJump(0x8000 + (uint)rng.Next(16) * 4); break;
            case 1: b.ExitIndirect(Arg(IrType.I32), 0); break;
            default: b.ExitTrap(Arg(IrType.I32), (long)ExitReason.Syscall, pc); break;
        }
    }
}
