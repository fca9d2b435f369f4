#!/usr/bin/env python3
"""Computes the expected state of MIPS per-instruction test rows with qemu-mips / qemu-mipsel.

For every row  [DataRow("words", "asm", "before", "?")]  (expected state "?"), builds a static
program for each byte order (oracle-harness.c + a generated case file) that sets up the registers,
hi, lo and the data area (0x20000..0x21fff) of "before", runs the words at 0x10000 as the test
harness does, and dumps the state from a signal handler (break words surround the case, so falling
through or branching away also ends in the handler). The row gets what changed: registers, hi,
lo, data words, and the exit (pc, arg, fault) when it is not a plain fall-through. Items that
differ between the byte orders are written with le: / be: prefixes.

Usage (from the test project folder):
  tools/qemu-oracle.py File.cs...                 fill the "?" rows
  tools/qemu-oracle.py --run "words" "before"     print the outcome of one case
  tools/qemu-oracle.py --check File.cs...         rerun every row and report rows qemu disagrees with
"""
import os, re, subprocess, sys, tempfile
from mipsstate import CODE, DATA, DATA_SIZE, HI, LO, State, reg_name

HERE = os.path.dirname(os.path.abspath(__file__))
ROW = re.compile(r'(\[DataRow\("([^"]*)",\s*"([^"]*)",\s*((?:"[^"]*"|\w+)(?:\s*\+\s*(?:"[^"]*"|\w+))*),\s*")([^"]*)(")')
CONST = re.compile(r'const string (\w+) = "([^"]*)";')
MARKER = 0x03E8000D   # break 1000: surrounds the case
SIGILL, SIGTRAP, SIGBUS, SIGFPE, SIGSEGV = 4, 5, 10, 8, 11
FPE_INTOVF = 2
_objs = {}


def evaluate(expr, consts):
    """The value of a C# string expression made of literals, constants and '+'."""
    parts = re.findall(r'"([^"]*)"|(\w+)', expr)
    return "".join(lit if lit or not name else consts[name] for lit, name in parts)


def tool(big, name):
    return ("mips" if big else "mipsel") + "-linux-gnu-" + name


def harness(big, d):
    if big not in _objs:
        o = os.path.join(d, f"harness-{big}.o")
        subprocess.run([tool(big, "gcc"), "-O1", "-c", os.path.join(HERE, "oracle-harness.c"), "-o", o], check=True)
        _objs[big] = o
    return _objs[big]


def case_source(words, st):
    lines = [".set noreorder", ".set noat", ".set mips32r2", '.section .snip,"awx",@progbits',
             f".rept 64\n.word {MARKER:#x}\n.endr", "snip_start:"]
    lines += [f".word {w:#010x}" for w in words]
    lines += [f".rept 64\n.word {MARKER:#x}\n.endr", '.section .mydata,"aw",@progbits']
    lines += [".byte " + ",".join(str(x) for x in st.data[i:i + 64]) for i in range(0, DATA_SIZE, 64)]
    lines += [".data", ".globl case_regs", "case_regs: .word " + ",".join(str(v) for v in st.regs),
              ".text", ".globl enter", "enter:", "lw $1, 128($4)", "mthi $1", "lw $1, 132($4)", "mtlo $1"]
    lines += [f"lw ${n}, {4 * n}($4)" for n in range(1, 32) if n != 4]
    lines += [f".word {0x08000000 | CODE >> 2:#x}   # j 0x10000 (gas would make a PIC branch of a j)", "lw $4, 16($4)"]
    return "\n".join(lines) + "\n"


def run_order(words, before, big, d):
    st = State(before, big)
    src, exe = os.path.join(d, f"case-{big}.S"), os.path.join(d, f"case-{big}")
    open(src, "w").write(case_source(words, st))
    r = subprocess.run([tool(big, "gcc"), "-static", "-o", exe, harness(big, d), src,
                        "-Wl,--section-start=.snip=0xff00", "-Wl,--section-start=.mydata=0x20000"], capture_output=True, text=True)
    if r.returncode: raise SystemExit(f"link failed: {r.stderr}")
    r = subprocess.run(["qemu-mips" if big else "qemu-mipsel", exe], capture_output=True, timeout=20)
    out = r.stdout
    if len(out) != 4 * 38 + DATA_SIZE:
        raise SystemExit(f"qemu failed for {words} (status {r.returncode}, {len(out)} bytes): {r.stderr.decode()}")
    order = "big" if big else "little"
    v = [int.from_bytes(out[i:i + 4], order) for i in range(0, 4 * 38, 4)]
    sig, code, addr, pc = v[0:4]
    regs = v[4:36] + [v[36], v[37]]
    data = out[4 * 38:]
    res = [f"{reg_name(i)}=0x{regs[i]:x}" for i in range(1, 34) if regs[i] != st.regs[i]]
    for i in range(0, DATA_SIZE, 4):
        if data[i:i + 4] != st.data[i:i + 4]:
            res.append(f"[0x{DATA + i:x}]=0x{int.from_bytes(data[i:i + 4], order):x}")
    res += exit_items(words, sig, code, addr, pc)
    return res


def word_at(words, pc):
    i = (pc - CODE) // 4
    return words[i] if 0 <= i < len(words) else MARKER


def is_branch(w):
    op, fn, rt = w >> 26, w & 0x3F, (w >> 16) & 0x1F
    return op in (2, 3, 4, 5, 6, 7, 20, 21, 22, 23) or (op == 0 and fn in (8, 9)) or (op == 1 and rt in (0, 1, 2, 3, 16, 17, 18, 19))


def trap_code(w):
    """The code Linux computes for a break or trap word, or None for other words."""
    op, fn = w >> 26, w & 0x3F
    if op == 0 and fn == 0x0D:
        c = (w >> 6) & 0xFFFFF
        return ((c & 0x3FF) << 10) | (c >> 10) if c >= 1 << 10 else c
    if op == 0 and 0x30 <= fn <= 0x36: return (w >> 6) & 0x3FF
    if op == 1 and 8 <= (w >> 16) & 0x1F <= 14: return 0
    return None


def exit_items(words, sig, code, addr, pc):
    end = CODE + 4 * len(words)
    inside = CODE <= pc < end
    if sig == SIGTRAP and not inside:
        return [] if pc == end else [f"pc=0x{pc:x}"]
    w = word_at(words, pc)
    culprit = word_at(words, pc + 4) if is_branch(w) else w   # an exception in a delay slot reports the branch
    if sig == SIGILL: return ["exit=Undefined", f"pc=0x{pc:x}", f"arg=0x{culprit:x}"]
    if sig == SIGBUS: return ["exit=AlignmentFault", f"pc=0x{pc:x}", f"arg=0x{addr:x}", f"fault=0x{addr:x}"]
    if sig == SIGSEGV: return ["exit=MemoryFault", f"pc=0x{pc:x}", f"fault=0x{addr:x}"]
    tc = trap_code(culprit)
    if sig == SIGFPE and code == FPE_INTOVF and tc is None: return ["exit=IntegerOverflow", f"pc=0x{pc:x}"]
    if sig in (SIGTRAP, SIGFPE) and tc is not None:
        # Linux sends SIGFPE for codes 6 and 7, SIGTRAP otherwise; Debian's qemu 7.2 sends SIGTRAP
        # for all codes, so the signal only confirms that the word trapped: the code is the word's.
        if sig == SIGFPE and tc not in (6, 7): raise SystemExit(f"trap code {tc} raised SIGFPE")
        return ["exit=Trap", f"pc=0x{pc:x}", f"arg=0x{tc:x}"]
    raise SystemExit(f"unexpected signal {sig} (code {code}) at 0x{pc:x}")


def run(words, before):
    """The expected-state string for both byte orders (order-specific items prefixed)."""
    with tempfile.TemporaryDirectory() as d:
        _objs.clear()
        le, be = run_order(words, before, False, d), run_order(words, before, True, d)
    common = [x for x in le if x in be]
    return " ".join(common + ["le:" + x for x in le if x not in be] + ["be:" + x for x in be if x not in le])


def parse_words(text):
    return [int(w, 16) for w in re.split(r"[\s,;]+", text.strip()) if w]


def normalise(state):
    return sorted(state.split())


if __name__ == "__main__":
    if sys.argv[1] == "--run":
        print(run(parse_words(sys.argv[2]), sys.argv[3] if len(sys.argv) > 3 else ""))
        sys.exit(0)
    check = sys.argv[1] == "--check"
    bad = 0
    for path in sys.argv[2:] if check else sys.argv[1:]:
        text = open(path).read()
        consts = dict(CONST.findall(text))

        def fill(m):
            global bad
            words, asm, before, after = m.group(2), m.group(3), evaluate(m.group(4), consts), m.group(5)
            if check:
                if "noqemu" in asm: return m.group(0)
                got = run(parse_words(words), before)
                if normalise(got) != normalise(after):
                    bad += 1
                    print(f"{path}: {asm}\n  row:  {after}\n  qemu: {got}")
                return m.group(0)
            if after != "?": return m.group(0)
            return m.group(1) + run(parse_words(words), before) + m.group(6)
        new = ROW.sub(fill, text)
        if new != text:
            open(path, "w").write(new)
            print(f"updated {path}")
    sys.exit(1 if bad else 0)
