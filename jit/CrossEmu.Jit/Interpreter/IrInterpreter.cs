using CrossEmu.Isa.Ir;
using CrossEmu.Isa.Memory;
using CrossEmu.Isa.State;
using CrossEmu.Jit.Runtime;

namespace CrossEmu.Jit.Interpreter;

/// <summary>
/// Tier 0: runs an IR block directly. Cheap to start, so cold code runs here, and it is the
/// reference the IL compiler is tested against. Pure ops use PureOps, the shared semantics.
/// </summary>
public sealed unsafe class IrInterpreter
{
    readonly GuestStateLayout layout;
    readonly IGuestMemory memory;
    readonly PageTableLayout pages;
    /// <summary>Each thread's scratch for the values of the block it runs (guest threads share one interpreter).</summary>
    [ThreadStatic] static ulong[]? values;

    public IrInterpreter(GuestStateLayout layout, IGuestMemory memory)
    {
        this.layout = layout;
        this.memory = memory;
        pages = memory.FastPath;
    }

    /// <summary>Label id to instruction index, computed once per block.</summary>
    public static int[] LabelTable(IrBlock block)
    {
        var t = new int[block.LabelCount];
        foreach (var i in block.Insts)
            if (i.Op == Opcode.Label) t[i.Aux] = i.Id;
        return t;
    }

    /// <summary>Runs the block once; the header describes the exit.</summary>
    public ExitReason Run(IrBlock block, int[] labels, byte* state)
    {
        var h = (CpuHeader*)state;
        var insts = block.Insts;
        if (values == null || values.Length < insts.Count) values = new ulong[Math.Max(256, insts.Count * 2)];
        var v = values;
        uint pc = block.GuestPc;
        h->InsnCount += (ulong)block.GuestInsnCount;

        for (int n = 0; n < insts.Count; n++)
        {
            var i = insts[n];
            var args = i.Args;
            ulong A(int k) => args[k].Def is { } d ? v[d.Id] : args[k].Constant;
            switch (i.Op)
            {
                case Opcode.InsnStart: pc = (uint)i.Aux; break;
                case Opcode.Label: break;
                case Opcode.Br: n = labels[i.Aux]; break;
                case Opcode.BrIf: if ((A(0) & 1) != 0) n = labels[i.Aux]; break;

                case Opcode.GetReg1: v[n] = state[layout[(int)i.Aux].Offset]; break;
                case Opcode.GetReg32: v[n] = *(uint*)(state + layout[(int)i.Aux].Offset); break;
                case Opcode.GetReg64: v[n] = *(ulong*)(state + layout[(int)i.Aux].Offset); break;
                case Opcode.SetReg1: state[layout[(int)i.Aux].Offset] = (byte)(A(0) & 1); break;
                case Opcode.SetReg32: *(uint*)(state + layout[(int)i.Aux].Offset) = (uint)A(0); break;
                case Opcode.SetReg64: *(ulong*)(state + layout[(int)i.Aux].Offset) = A(0); break;

                case Opcode.CarryOf32 or Opcode.OverflowOf32:
                    {
                        var add = args[0].Def!.Args;
                        ulong Op(int k) => add[k].Def is { } d ? v[d.Id] : add[k].Constant;
                        v[n] = PureOps.Eval(i.Op, Op(0), Op(1), Op(2));
                        break;
                    }

                case Opcode.Load8U or Opcode.Load8S or Opcode.Load16U or Opcode.Load16S or Opcode.Load32 or Opcode.Load64:
                    {
                        uint addr = (uint)A(0);
                        int size = SizeOf(i.Op);
                        byte* p = pages.Translate(h, addr, size, write: false);
                        if (p == null && (p = memory.LoadAddress(h, addr, size, pc)) == null) return h->Exit;
                        ulong x = size switch { 1 => *p, 2 => *(ushort*)p, 4 => *(uint*)p, _ => *(ulong*)p };
                        v[n] = i.Op switch
                        {
                            Opcode.Load8S => (uint)(sbyte)x,
                            Opcode.Load16S => (uint)(short)x,
                            _ => x,
                        };
                        break;
                    }
                case Opcode.Store8 or Opcode.Store16 or Opcode.Store32 or Opcode.Store64:
                    {
                        uint addr = (uint)A(0);
                        int size = SizeOf(i.Op);
                        ulong x = A(1);
                        byte* p = pages.Translate(h, addr, size, write: true);
                        if (p == null)
                        {
                            if (!memory.Store(h, addr, size, x, pc)) return h->Exit;
                            break;
                        }
                        switch (size)
                        {
                            case 1: *p = (byte)x; break;
                            case 2: *(ushort*)p = (ushort)x; break;
                            case 4: *(uint*)p = (uint)x; break;
                            default: *(ulong*)p = x; break;
                        }
                        break;
                    }
                case Opcode.LoadLinked8 or Opcode.LoadLinked16 or Opcode.LoadLinked32 or Opcode.LoadLinked64:
                    {
                        if (!GuestAccess.LoadLinked(h, memory, (uint)A(0), SizeOf(i.Op), pc, out ulong x)) return h->Exit;
                        v[n] = x;
                        break;
                    }
                case Opcode.StoreCond8 or Opcode.StoreCond16 or Opcode.StoreCond32 or Opcode.StoreCond64:
                    {
                        int stored = GuestAccess.StoreConditional(h, memory, (uint)A(0), SizeOf(i.Op), A(1), pc);
                        if (stored < 0) return h->Exit;
                        v[n] = (ulong)stored;
                        break;
                    }
                case Opcode.ClearLinked: h->LinkValid = 0; break;
                case Opcode.Fence: Interlocked.MemoryBarrier(); break;
                case Opcode.CallHelper:
                    v[n] = ((delegate*<byte*, ulong, ulong, ulong, ulong>)IrHelpers.Get(i.Aux).Pointer)(state, A(0), A(1), A(2));
                    break;

                case Opcode.ExitJump: h->Pc = (uint)i.Aux; h->Exit = ExitReason.Jump; return ExitReason.Jump;
                case Opcode.ExitIndirect: h->Pc = (uint)A(0); h->Exit = ExitReason.Jump; return ExitReason.Jump;
                case Opcode.ExitTrapIf:
                    if ((A(1) & 1) == 0) break;
                    goto case Opcode.ExitTrap;
                case Opcode.ExitTrap:
                    h->Pc = (uint)i.Aux2;
                    h->Exit = (ExitReason)i.Aux;
                    h->ExitArg = (uint)A(0);
                    if (h->Exit is ExitReason.MemoryFault or ExitReason.AlignmentFault) h->FaultAddress = h->ExitArg;
                    return h->Exit;

                default:
                    v[n] = PureOps.Eval(i.Op, args.Length > 0 ? A(0) : 0, args.Length > 1 ? A(1) : 0, args.Length > 2 ? A(2) : 0);
                    break;
            }
        }
        throw new InvalidOperationException($"block 0x{block.GuestPc:x8} ran off its end");
    }

    public static int SizeOf(Opcode op) => op switch
    {
        Opcode.Load8U or Opcode.Load8S or Opcode.Store8 or Opcode.LoadLinked8 or Opcode.StoreCond8 => 1,
        Opcode.Load16U or Opcode.Load16S or Opcode.Store16 or Opcode.LoadLinked16 or Opcode.StoreCond16 => 2,
        Opcode.Load32 or Opcode.Store32 or Opcode.LoadLinked32 or Opcode.StoreCond32 => 4,
        _ => 8,
    };
}
