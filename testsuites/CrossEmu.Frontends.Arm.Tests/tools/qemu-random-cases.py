#!/usr/bin/env python3
"""Generates QemuRandomCases.cs: random encodings of every A32 pattern with random
state, and the state qemu-arm leaves after running them (the reference for RandomCaseTests).

Register fields are kept to r0..r12 and address registers point into the data area, so the
cases neither branch nor fault; words qemu finds undefined are kept with exit=Undefined.
Patterns that branch, trap or read state the harness cannot give qemu are skipped.

Usage: tools/qemu-random-cases.py <generated A32 decoder .g.cs> <generated A32Uncond .g.cs> [per-pattern] [seed]
(the generated sources come from: dotnet build -p:EmitCompilerGeneratedFiles=true
 -p:CompilerGeneratedFilesOutputPath=DIR frontends/CrossEmu.Frontends.Arm)
"""
import importlib.util, os, random, re, subprocess, sys, tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
spec = importlib.util.spec_from_file_location("oracle", os.path.join(HERE, "qemu-oracle.py"))
oracle = importlib.util.module_from_spec(spec)
spec.loader.exec_module(oracle)

SKIP = {"B", "BL", "BX", "BXJ", "BLX_r", "BLX_i", "SVC", "BKPT", "UDF", "SETEND", "MRC_TPIDRURO"}
REGS = {"rd", "rn", "rm", "rt", "ra", "rs", "rdlo", "rdhi", "rt2"}
MEMORY = re.compile(r"^(LDR|STR|LDM|STM|SWP|LDREX|STREX|PLD|PLI)")

def patterns(path):
    text = open(path).read()
    out = []
    for m in re.finditer(r'PatternInfo\("(\w+)", 0x([0-9A-F]+)u, 0x([0-9A-F]+)u, \d+, "\w+", new \w+\[\]\s*\{(.*?)\n        \}', text, re.S):
        fields = {}
        for f in re.finditer(r'FieldInfo\("(\w+)", new \w+\[\] \{ ([^}]*)\}', m.group(4)):
            segs = [(int(a), int(b)) for a, b in re.findall(r'FieldSegment\((\d+), (\d+),', f.group(2))]
            if len(segs) == 1:
                fields[f.group(1)] = segs[0]
        out.append((m.group(1), int(m.group(2), 16), int(m.group(3), 16), fields))
    return out

def put(word, seg, value):
    pos, length = seg
    mask = ((1 << length) - 1) << pos
    return (word & ~mask) | ((value << pos) & mask)

def case(rng, name, mask, bits, fields, uncond):
    word = (rng.getrandbits(32) & ~mask) | bits
    if not uncond and word >> 28 == 0xF:
        word = (word & 0x0FFFFFFF) | 0xE0000000
    regs = {}
    for f, seg in fields.items():
        if f in REGS and seg[1] == 4:
            word = put(word, seg, rng.randrange(13))
    memory = MEMORY.match(name) is not None
    if memory:
        if "shimm" in fields: word = put(word, fields["shimm"], rng.randrange(3))
        if "shtype" in fields: word = put(word, fields["shtype"], 0)
        if "list" in fields:
            rn = (word >> 16) & 0xF
            word = put(word, fields["list"], rng.getrandbits(13) & ~(1 << rn) or 1 << ((rn + 1) % 13))
    # state: random registers; for memory patterns the base is an aligned data address and the offset small
    for i in range(13):
        regs[i] = rng.getrandbits(32) if rng.random() < 0.7 else rng.choice([0, 1, 0x7FFFFFFF, 0x80000000, 0xFFFFFFFF, 0x8000, 0x7FFF, 0xFF])
    if memory:
        for f in ("rm", "rs"):
            if f in fields: regs[(word >> fields[f][0]) & 0xF] = rng.randrange(0, 64, 4)
        if "rn" in fields:
            regs[(word >> fields["rn"][0]) & 0xF] = 0x21000 + rng.randrange(0, 0x400, 8)
    if "rt" in fields and name.startswith(("LDRD", "STRD", "LDREXD", "STREXD")):
        pass
    items = [f"r{i}=0x{regs[i]:x}" for i in range(13)]
    items.append("nzcv=" + "".join(rng.choice("01") for _ in range(4)))
    items.append(f"q={rng.randrange(2)}")
    items.append(f"ge=0b{rng.randrange(16):04b}")
    items.append("fill=1")
    return word, " ".join(items)

def disassemble(words):
    with tempfile.TemporaryDirectory() as d:
        s, o = os.path.join(d, "t.s"), os.path.join(d, "t.o")
        open(s, "w").write("".join(f".inst 0x{w:08x}\n" for w in words))
        subprocess.run(["arm-linux-gnueabi-as", "-o", o, s], check=True)
        out = subprocess.run(["arm-linux-gnueabi-objdump", "-d", "-M", "reg-names-std", o], capture_output=True, text=True, check=True).stdout
    text = {}
    for line in out.splitlines():
        m = re.match(r"\s*([0-9a-f]+):\s+([0-9a-f]{8})\s+(.*)", line)
        if m: text[int(m.group(1), 16) // 4] = re.sub(r"\s+", " ", m.group(3).split(";")[0]).strip()
    return [text.get(i, "?") for i in range(len(words))]

def main():
    a32, uncond = sys.argv[1], sys.argv[2]
    per = int(sys.argv[3]) if len(sys.argv) > 3 else 8
    rng = random.Random(int(sys.argv[4]) if len(sys.argv) > 4 else 2024)
    cases = []
    for path, is_uncond in ((a32, False), (uncond, True)):
        for name, mask, bits, fields in patterns(path):
            if name in SKIP: continue
            for _ in range(per):
                cases.append((name,) + case(rng, name, mask, bits, fields, is_uncond))
    asm = disassemble([w for _, w, _ in cases])
    lines = ["# Random encodings of every A32 pattern; expected states computed by qemu-arm",
             "# (tools/qemu-random-cases.py). Columns: pattern | word | disassembly | before | after"]
    for (name, word, before), text in zip(cases, asm):
        sig = oracle.run(f".word 0x{word:08x}", before, raw=True)
        if sig == 4: after = f"exit=Undefined pc=0x10000 arg=0x{word:08x}"
        elif isinstance(sig, int): continue   # a fault: not a case for this file
        else: after = sig
        lines.append(f"{name} | {word:08x} | {text} | {before} | {after}")
    src = ["// Generated by tools/qemu-random-cases.py: do not edit, regenerate.",
           "namespace CrossEmu.Frontends.Arm.Tests;", "",
           "internal static class QemuRandomCases", "{",
           "    public const string Text = \"\"\"", *lines, "\"\"\";", "}"]
    with open(os.path.join(HERE, "..", "QemuRandomCases.cs"), "w") as f:
        f.write("\n".join(src) + "\n")
    print(f"{len(lines) - 2} cases")

main()
