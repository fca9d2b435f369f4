"""State strings of the MIPS test rows (MipsTestCpu.cs parses the same grammar).

Items, space separated: r0..r31, $0..$31 or ABI names (zero at v0 v1 a0-a3 t0-t9 s0-s8 k0 k1
gp sp fp ra) = value; hi= lo=; [addr]=v [addr].h=v [addr].b=v (in the guest's byte order);
fill=1; expected only: exit= pc= arg= fault=. A prefix le: or be: limits an item to one byte order.
"""

CODE, DATA, DATA_SIZE = 0x10000, 0x20000, 0x2000
NAMES = ["zero", "at", "v0", "v1", "a0", "a1", "a2", "a3", "t0", "t1", "t2", "t3", "t4", "t5", "t6", "t7",
         "s0", "s1", "s2", "s3", "s4", "s5", "s6", "s7", "t8", "t9", "k0", "k1", "gp", "sp", "fp", "ra"]
HI, LO = 32, 33


def default_reg(n):
    """Registers a row does not set (MipsTestCpu.DefaultReg)."""
    return 0 if n == 0 else 0xDEAD0000 + n if n < 32 else 0xDEAD0100 + (n - 32)


def fill_byte(i):
    """Byte i of the data area under fill=1 (TestMemory.FillByte, testsuites/Shared/FrontendTests)."""
    return (i * 0x9E + 0x5B + (i >> 8)) & 0xFF


def num(s):
    s = s.replace("_", "")
    if s.lower().startswith("0x"): return int(s, 16)
    if s.lower().startswith("0b"): return int(s[2:], 2)
    return int(s) & 0xFFFFFFFFFFFFFFFF if not s.startswith("-") else int(s) & 0xFFFFFFFF


def reg_index(key):
    if key in NAMES: return NAMES.index(key)
    if key == "s8": return 30
    if key in ("hi", "lo"): return HI if key == "hi" else LO
    if key[0] in "r$" and key[1:].isdigit() and int(key[1:]) < 32: return int(key[1:])
    return None


class State:
    def __init__(self, text, big):
        self.regs = [default_reg(i) for i in range(34)]
        self.data = bytearray(DATA_SIZE)
        self.other = []   # (key, value) items the oracle does not set up (exit, pc, ...)
        items = []
        for tok in text.split():
            if tok.startswith("le:") or tok.startswith("be:"):
                if (tok[:2] == "be") != big: continue
                tok = tok[3:]
            items.append(tok)
        if "fill=1" in items:
            self.data = bytearray(fill_byte(i) for i in range(DATA_SIZE))
        for tok in items:
            k, v = tok.split("=", 1)
            k = k.lower()
            if k.startswith("["):
                close = k.index("]")
                addr = num(k[1:close]); size = {"": 4, ".b": 1, ".h": 2, ".d": 8}[k[close + 1:]]
                self.data[addr - DATA: addr - DATA + size] = (num(v) & ((1 << 8 * size) - 1)).to_bytes(size, "big" if big else "little")
            elif k == "fill": pass
            elif reg_index(k) is not None: self.regs[reg_index(k)] = num(v) & 0xFFFFFFFF
            else: self.other.append((k, v))


def reg_name(i):
    return "hi" if i == HI else "lo" if i == LO else NAMES[i]
