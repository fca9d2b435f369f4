#!/usr/bin/env python3
"""Computes the expected state of per-instruction test rows with qemu-arm as the reference.

For every row  [DataRow("words", "asm", "before", "?")]  (expected state "?"), builds a static
ARM program that sets up the registers, flags and data area (0x20000..0x21fff) of "before",
runs the instructions at 0x10000 (as the test harness does), dumps the state, and writes the
difference into the row: changed registers, nzcv/q/ge when they changed, changed memory words.
Only for rows that fall through (no branch, trap or fault).

Usage: tools/qemu-oracle.py File.cs...      or   tools/qemu-oracle.py --run "asm" "before"
"""
import os, re, subprocess, sys, tempfile

DATA, DATA_SIZE = 0x20000, 0x2000
ROW = re.compile(r'(\[DataRow\("([^"]*)",\s*"([^"]*)",\s*((?:"[^"]*"|\w+)(?:\s*\+\s*(?:"[^"]*"|\w+))*),\s*")\?(")')
CONST = re.compile(r'const string (\w+) = "([^"]*)";')

def evaluate(expr, consts):
    """The value of a C# string expression made of literals, constants and '+'."""
    parts = re.findall(r'"([^"]*)"|(\w+)', expr)
    return "".join(lit if lit or not name else consts[name] for lit, name in parts)
LD = """ENTRY(_start)
SECTIONS {
  . = 0x10000; .snip : { *(.snip) }
  . = 0x20000; .mydata : { *(.mydata) }
  . = 0x30000; .setup : { *(.setup) }
}
"""
ALIASES = {"sp": 13, "lr": 14, "fp": 11, "ip": 12}

def num(s):
    s = s.replace("_", "")
    if s.lower().startswith("0x"): return int(s, 16)
    if s.lower().startswith("0b"): return int(s[2:], 2)
    return int(s) & 0xFFFFFFFF

def parse(state):
    regs = {i: 0xDEAD0000 + i for i in range(15)}
    flags = {"n": 0, "z": 0, "c": 0, "v": 0, "q": 0}
    ge = 0
    mem = []
    fill = False
    for tok in state.split():
        k, v = tok.split("=", 1)
        k = k.lower()
        if k.startswith("["):
            close = k.index("]")
            addr = num(k[1:close]); size = {"": 4, ".b": 1, ".h": 2, ".d": 8}[k[close + 1:]]
            mem.append((addr, size, num(v)))
        elif k in ALIASES: regs[ALIASES[k]] = num(v)
        elif k in flags: flags[k] = num(v)
        elif k == "nzcv":
            for ch, f in zip(v, "nzcv"): flags[f] = int(ch)
        elif k == "ge": ge = num(v)
        elif k == "fill": fill = True
        elif k[0] == "r": regs[int(k[1:])] = num(v)
        else: raise SystemExit(f"oracle cannot set '{tok}'")
    return regs, flags, ge, mem, fill

def fill_byte(i):
    """Byte i of the data area under fill=1 (TestMemory.FillByte, testsuites/Shared/FrontendTests, computes the same)."""
    return (i * 0x9E + 0x5B + (i >> 8)) & 0xFF

def run(asm, before, raw=False):
    regs, flags, ge, mem, fill = parse(before)
    psr = flags["n"] << 31 | flags["z"] << 30 | flags["c"] << 29 | flags["v"] << 28 | flags["q"] << 27 | ge << 16
    data = bytearray(fill_byte(i) for i in range(DATA_SIZE)) if fill else bytearray(DATA_SIZE)
    for addr, size, v in mem:
        data[addr - DATA: addr - DATA + size] = (v & ((1 << (8 * size)) - 1)).to_bytes(size, "little")
    lines = [".syntax unified", ".arch armv7ve", '.section .snip,"awx"']
    lines += [s.strip() for s in asm.split(";")]
    lines += [".rept 64", "b dump", ".endr", '.section .mydata,"aw"']
    lines += [".byte " + ",".join(str(x) for x in data[i:i + 64]) for i in range(0, DATA_SIZE, 64)]
    lines += ['.section .setup,"awx"', ".global _start", "_start:",
              f"ldr r0, ={psr}", "msr APSR_nzcvqg, r0", "ldr r0, =regs_in", "ldm r0, {r0-r14}", "b snip_start",
              "dump:", "str r0, out_regs", "ldr r0, =out_regs+4", "stm r0, {r1-r14}", "mrs r1, apsr", "str r1, out_psr",
              "mov r0, #1", "ldr r1, =out_regs", "mov r2, #64", "mov r7, #4", "svc #0",
              "mov r0, #1", f"ldr r1, ={DATA}", f"ldr r2, ={DATA_SIZE}", "mov r7, #4", "svc #0",
              "mov r0, #0", "mov r7, #1", "svc #0", ".ltorg",
              "regs_in: .word " + ",".join(str(regs[i]) for i in range(15)),
              "out_regs: .space 60", "out_psr: .word 0",
              '.section .snip,"awx"']
    # snip_start must be the first word of .snip
    lines.insert(3, "snip_start:")
    with tempfile.TemporaryDirectory() as d:
        s, o, x, l = (os.path.join(d, n) for n in ("t.s", "t.o", "t", "t.ld"))
        open(s, "w").write("\n".join(lines) + "\n")
        open(l, "w").write(LD)
        r = subprocess.run(["arm-linux-gnueabi-as", "-march=armv7ve", "-o", o, s], capture_output=True, text=True)
        if r.returncode: raise SystemExit(f"as failed for '{asm}': {r.stderr}")
        subprocess.run(["arm-linux-gnueabi-ld", "-static", "-T", l, "-o", x, o], check=True, capture_output=True)
        r = subprocess.run(["qemu-arm", x], capture_output=True, timeout=20)
        out = r.stdout
        if raw and r.returncode < 0:
            return -r.returncode   # the signal that stopped the program
        if r.returncode != 0 or len(out) != 64 + DATA_SIZE:
            raise SystemExit(f"qemu-arm failed for '{asm}' (status {r.returncode}, {len(out)} bytes): {r.stderr.decode()}")
    words = [int.from_bytes(out[i:i + 4], "little") for i in range(0, 64, 4)]
    res = []
    for i in range(15):
        if words[i] != regs[i]:
            res.append(f"r{i}=0x{words[i]:x}")
    p = words[15]
    nzcv = "".join(str(p >> b & 1) for b in (31, 30, 29, 28))
    if nzcv != "".join(str(flags[f]) for f in "nzcv"): res.append(f"nzcv={nzcv}")
    if (p >> 27 & 1) != flags["q"]: res.append(f"q={p >> 27 & 1}")
    if (p >> 16 & 0xF) != ge: res.append(f"ge=0b{p >> 16 & 0xF:04b}")
    newdata = out[64:]
    for i in range(0, DATA_SIZE, 4):
        if newdata[i:i + 4] != data[i:i + 4]:
            res.append(f"[0x{DATA + i:x}]=0x{int.from_bytes(newdata[i:i + 4], 'little'):x}")
    return " ".join(res)

if __name__ == "__main__":
    if sys.argv[1] == "--run":
        print(run(sys.argv[2], sys.argv[3] if len(sys.argv) > 3 else ""))
        sys.exit(0)
    for path in sys.argv[1:]:
        text = open(path).read()
        consts = dict(CONST.findall(text))
        def code(words, asm):
            # hand-encoded rows ('#' text) run their words
            return "; ".join(f".inst 0x{w}" for w in words.split()) if asm.startswith("#") else asm
        new = ROW.sub(lambda m: m.group(1) + run(code(m.group(2), m.group(3)), evaluate(m.group(4), consts)) + m.group(5), text)
        if new != text:
            open(path, "w").write(new)
            print(f"updated {path}")
