#!/usr/bin/env python3
"""Fills the encoded words of the MIPS per-instruction test rows from their assembler text.

A row looks like  [DataRow("00851021", "addu $v0, $a0, $a1", "before", "after")]: the first
string is (re)computed by assembling the second with mipsel-linux-gnu-as (MIPS32 R2, no Loongson LL/SC fix, noreorder,
noat, nomacro; statements separated by ';', local labels like "1:" allowed). Words are
instruction values, the same for both byte orders. Rows whose text starts with '#' keep their
words (hand-made encodings the assembler would refuse or rewrite).
Usage: tools/fill-encodings.py *.cs   (from the test project folder)
"""
import os, subprocess, sys, tempfile

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "Shared", "tools"))
from datarows import fill_words

SENTINEL = 0x7A7A7A7A


def assemble(asm):
    with tempfile.TemporaryDirectory() as d:
        src, obj, binf = (os.path.join(d, n) for n in ("t.s", "t.o", "t.bin"))
        body = "\n".join(s.strip() for s in asm.split(";"))
        with open(src, "w") as f:
            f.write(f".set noreorder\n.set noat\n.set nomacro\n{body}\n.word {SENTINEL:#x}\n")
        r = subprocess.run(["mipsel-linux-gnu-as", "-march=mips32r2", "-EL", "-mno-fix-loongson3-llsc", "-o", obj, src], capture_output=True, text=True)
        if r.returncode != 0:
            raise SystemExit(f"cannot assemble '{asm}':\n{r.stderr}")
        subprocess.run(["mipsel-linux-gnu-objcopy", "-O", "binary", "-j", ".text", obj, binf], check=True)
        data = open(binf, "rb").read()
    words = [int.from_bytes(data[i:i + 4], "little") for i in range(0, len(data), 4)]
    return " ".join(f"{w:08x}" for w in words[:words.index(SENTINEL)])


if __name__ == "__main__":
    fill_words(sys.argv[1:], assemble)
