#!/usr/bin/env python3
"""Fills the encoded words of the per-instruction test rows from their assembler text.

A row looks like  [DataRow("e0810002", "add r0, r1, r2", "before", "after")]: the first string
is (re)computed by assembling the second with arm-linux-gnueabi-as (instructions separated by ';').
Rows whose assembler text starts with '#' keep their words (hand-made encodings).
Usage: tools/fill-encodings.py *.cs   (from the test project folder)
"""
import os, subprocess, sys, tempfile

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "Shared", "tools"))
from datarows import fill_words

def assemble(asm):
    with tempfile.TemporaryDirectory() as d:
        src, obj, binf = (os.path.join(d, n) for n in ("t.s", "t.o", "t.bin"))
        with open(src, "w") as f:
            f.write(".syntax unified\n" + "\n".join(s.strip() for s in asm.split(";")) + "\n")
        r = subprocess.run(["arm-linux-gnueabi-as", "-march=armv7ve", "-o", obj, src], capture_output=True, text=True)
        if r.returncode != 0:
            raise SystemExit(f"cannot assemble '{asm}':\n{r.stderr}")
        subprocess.run(["arm-linux-gnueabi-objcopy", "-O", "binary", "-j", ".text", obj, binf], check=True)
        data = open(binf, "rb").read()
    return " ".join(f"{int.from_bytes(data[i:i+4], 'little'):08x}" for i in range(0, len(data), 4))

if __name__ == "__main__":
    fill_words(sys.argv[1:], assemble)
