# nan.S: NaN encodings of the legacy MIPS FPU (NaN2008 = 0): a quiet NaN has the top
# fraction bit clear, a signalling NaN has it set, and the default NaN is 7ff7ffff ffffffff
# (double) / 7fbfffff (single).  Invalid operations (0/0, sqrt(-1), inf-inf, 0*inf, an sNaN
# operand) give the default NaN and the Invalid flag; a quiet NaN operand gives the default
# NaN too (legacy FPUs do not propagate payloads) without Invalid; moves, abs and neg only
# touch the sign.  Each line: the result as hex, then FCSR.
# build-flags: -nostdlib -fno-pic -mno-abicalls
#include "lib/harness.inc"

# D2 text, insn, ahi, alo, bhi, blo: "insn $f0, $f2, $f4" on doubles.
.macro D2 text, insn, ahi, alo, bhi, blo
    ctc1 $zero, $31
    LDD $f2, \ahi, \alo
    LDD $f4, \bhi, \blo
    \insn $f0, $f2, $f4
    mfhc1 $s0, $f0
    mfc1 $s1, $f0
    cfc1 $s2, $31
    REP "\text", $s0, $s1, $s2
.endm

# D1 text, insn, hi, lo: "insn $f0, $f2" on a double, double result.
.macro D1 text, insn, hi, lo
    ctc1 $zero, $31
    LDD $f2, \hi, \lo
    \insn $f0, $f2
    mfhc1 $s0, $f0
    mfc1 $s1, $f0
    cfc1 $s2, $31
    REP "\text", $s0, $s1, $s2
.endm

# S2 text, insn, a, b / S1 text, insn, a: the same on singles.
.macro S2 text, insn, a, b
    ctc1 $zero, $31
    LDS $f2, \a
    LDS $f4, \b
    \insn $f0, $f2, $f4
    mfc1 $s0, $f0
    cfc1 $s1, $31
    REP "\text", $s0, $s1
.endm

.macro S1 text, insn, a
    ctc1 $zero, $31
    LDS $f2, \a
    \insn $f0, $f2
    mfc1 $s0, $f0
    cfc1 $s1, $31
    REP "\text", $s0, $s1
.endm

    .globl main
main:
    TITLE "invalid operations give the default NaN"
    D2 "0/0 d", div.d, 0, 0, 0, 0
    S2 "0/0 s", div.s, 0, 0
    D1 "sqrt(-1) d", sqrt.d, 0xbff00000, 0
    S1 "sqrt(-1) s", sqrt.s, 0xbf800000
    D2 "inf-inf d", sub.d, 0x7ff00000, 0, 0x7ff00000, 0
    S2 "inf+-inf s", add.s, 0x7f800000, 0xff800000
    D2 "0*inf d", mul.d, 0, 0, 0x7ff00000, 0
    D2 "inf/inf d", div.d, 0xfff00000, 0, 0x7ff00000, 0
    TITLE "quiet NaN operands: the default NaN, no Invalid"
    D2 "qnan+1 d", add.d, 0x7ff00000, 0x1234, 0x3ff00000, 0
    D2 "1+qnan d", add.d, 0x3ff00000, 0, 0x7ff00000, 0x1234
    D2 "-qnan*2 d", mul.d, 0xfff00000, 0xabc, 0x40000000, 0
    D2 "qnanA-qnanB d", sub.d, 0x7ff00000, 0xa, 0x7ff00000, 0xb
    S2 "qnan+1 s", add.s, 0x7f801234, 0x3f800000
    S2 "1/qnan s", div.s, 0x3f800000, 0xff800077
    D1 "sqrt(qnan) d", sqrt.d, 0x7ff00000, 0x55
    TITLE "signalling NaN operands give the default NaN and Invalid"
    D2 "snan+1 d", add.d, 0x7ff80000, 1, 0x3ff00000, 0
    D2 "1*snan d", mul.d, 0x3ff00000, 0, 0xfff80000, 1
    D2 "qnan+snan d", add.d, 0x7ff00000, 0x1234, 0x7ff80000, 1
    S2 "snan+1 s", add.s, 0x7fc00001, 0x3f800000
    TITLE "conversions"
    ctc1 $zero, $31
    LDD $f2, 0x7ff00000, 0x12345678
    cvt.s.d $f0, $f2
    mfc1 $s0, $f0
    cfc1 $s1, $31
    REP "cvt.s.d qnan", $s0, $s1
    ctc1 $zero, $31
    LDS $f2, 0x7f812345
    cvt.d.s $f0, $f2
    mfhc1 $s0, $f0
    mfc1 $s1, $f0
    cfc1 $s2, $31
    REP "cvt.d.s qnan", $s0, $s1, $s2
    ctc1 $zero, $31
    LDS $f2, 0x7fc00001
    cvt.d.s $f0, $f2
    mfhc1 $s0, $f0
    mfc1 $s1, $f0
    cfc1 $s2, $31
    REP "cvt.d.s snan", $s0, $s1, $s2
    ctc1 $zero, $31
    LDD $f2, 0x7ff00000, 1
    cvt.w.d $f0, $f2
    mfc1 $s0, $f0
    cfc1 $s1, $31
    REP "cvt.w.d qnan", $s0, $s1
    TITLE "mov/abs/neg of quiet NaNs change the sign bit only"
    D1 "mov.d qnan", mov.d, 0xfff00000, 0x99
    D1 "mov.d snan", mov.d, 0x7ff80000, 0x99
    D1 "abs.d -qnan", abs.d, 0xfff00000, 0x99
    D1 "neg.d qnan", neg.d, 0x7ff00000, 0x99
    S1 "abs.s -qnan", abs.s, 0xff800099
    S1 "neg.s qnan", neg.s, 0x7f800099
    EXIT 0
