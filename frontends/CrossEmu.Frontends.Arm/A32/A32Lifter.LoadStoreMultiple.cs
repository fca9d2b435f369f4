using System.Numerics;
using CrossEmu.Isa.Ir;

namespace CrossEmu.Frontends.Arm.A32;

/// <summary>
/// LDM/STM in the four addressing modes (IA, IB, DA, DB; p: before, u: increment) with and
/// without writeback; PUSH is STMDB sp!, POP is LDMIA sp!. The lowest register goes to the
/// lowest address. All loads happen before any register is written.
/// </summary>
internal sealed partial class A32Lifter
{
    /// <summary>The lowest address accessed, and the final value of rn.</summary>
    Value BlockAddress(int p, int u, int rn, int count, out Value updated)
    {
        Value n = R(rn);
        int bytes = 4 * count;
        updated = u != 0 ? b.Add32(n, Imm32(bytes)) : b.Sub32(n, Imm32(bytes));
        int start = (p, u) switch
        {
            (0, 1) => 0,            // IA
            (1, 1) => 4,            // IB
            (0, _) => 4 - bytes,    // DA
            _ => -bytes,            // DB
        };
        return start == 0 ? n : b.Add32(n, Imm32(start));
    }

    static IEnumerable<int> RegisterList(int list)
    {
        for (int r = 0; r < 16; r++)
            if ((list & (1 << r)) != 0) yield return r;
    }

    // ldm{ia,ib,da,db} rn{!}, {list} / pop {list} (pc in the list: an interworking return)
    public bool Trans_LDM(ref A32Arg_ldm a)
    {
        int count = BitOperations.PopCount((uint)a.list);
        if (count == 0 || (a.w != 0 && a.rn == 15)) return false;
        Value addr = BlockAddress(a.p, a.u, a.rn, count, out Value updated);
        var loaded = new List<(int reg, Value value)>();
        int k = 0;
        foreach (int r in RegisterList(a.list))
        {
            Value at = k == 0 ? addr : b.Add32(addr, Imm32(4 * k));
            loaded.Add((r, b.Load32(at)));
            k++;
        }
        // Writeback first: when rn is in the list (UNPREDICTABLE) the loaded value wins.
        if (a.w != 0) SetR(a.rn, updated);
        foreach (var (r, v) in loaded)
        {
            if (r == 15) SetPc(v, ExitKind.Return);
            else SetR(r, v);
        }
        return true;
    }

    // stm{ia,ib,da,db} rn{!}, {list} / push {list} (rn in the list stores its original value; pc stores pc+8)
    public bool Trans_STM(ref A32Arg_ldm a)
    {
        int count = BitOperations.PopCount((uint)a.list);
        if (count == 0 || (a.w != 0 && a.rn == 15)) return false;
        Value addr = BlockAddress(a.p, a.u, a.rn, count, out Value updated);
        var values = RegisterList(a.list).Select(R).ToList();
        for (int k = 0; k < values.Count; k++)
            b.Store32(k == 0 ? addr : b.Add32(addr, Imm32(4 * k)), values[k]);
        if (a.w != 0) SetR(a.rn, updated);
        return true;
    }
}
