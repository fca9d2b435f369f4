# fcsr.S: FCSR rounding modes (RM = 0 nearest, 1 zero, 2 +inf, 3 -inf) written with ctc1,
# applied by cvt.w.d, by add/mul/div/sqrt and cvt.s.d; the fixed-mode round/trunc/ceil/
# floor.w.d; the cause and flag bits they set (inexact, overflow, underflow, invalid);
# ctc1/cfc1 round trip of FCSR's writable bits.  Each line: result word(s) then FCSR.
# build-flags: -nostdlib -fno-pic -mno-abicalls
#include "lib/harness.inc"

# CVT rm, insn, hi, lo: FCSR = rm, then "insn $f0, $f2" on the double hi:lo; prints w, FCSR.
.macro CVT rm, insn, hi, lo
    li $t0, \rm
    ctc1 $t0, $31
    LDD $f2, \hi, \lo
    \insn $f0, $f2
    mfc1 $s0, $f0
    cfc1 $s1, $31
    REP "rm\rm \insn \hi:\lo", $s0, $s1
.endm

# OPD rm, insn, ahi, alo, bhi, blo: double result of "insn $f0, $f2, $f4"; prints hi, lo, FCSR.
.macro OPD rm, insn, ahi, alo, bhi, blo
    li $t0, \rm
    ctc1 $t0, $31
    LDD $f2, \ahi, \alo
    LDD $f4, \bhi, \blo
    \insn $f0, $f2, $f4
    mfhc1 $s0, $f0
    mfc1 $s1, $f0
    cfc1 $s2, $31
    REP "rm\rm \insn", $s0, $s1, $s2
.endm

    .globl main
main:
    TITLE "cvt.w.d under each rounding mode"
.irp rm, 0, 1, 2, 3
.irp v, "0x40040000, 0", "0xc0040000, 0", "0x3ff80000, 0", "0x3fe00000, 0", "0xbfe00000, 0", "0x41dfffff, 0xffe00000", "0x4202a05f, 0x20000000", "0xc202a05f, 0x20000000", "0x7ff00000, 1"
    CVT \rm, cvt.w.d, \v
.endr
.endr
    TITLE "round/trunc/ceil/floor.w.d ignore RM (RM = 3 set)"
.irp insn, round.w.d, trunc.w.d, ceil.w.d, floor.w.d
.irp v, "0x40040000, 0", "0xc0040000, 0", "0x400c0000, 0", "0xc00c0000, 0", "0x3fe00000, 0", "0x4202a05f, 0x20000000"
    CVT 3, \insn, \v
.endr
.endr
    TITLE "arithmetic under each rounding mode"
.irp rm, 0, 1, 2, 3
    OPD \rm, add.d, 0x3ff00000, 0, 0x3c300000, 0                # 1 + 2^-60
    OPD \rm, add.d, 0xbff00000, 0, 0xbc300000, 0                # -1 - 2^-60
    OPD \rm, div.d, 0x3ff00000, 0, 0x40080000, 0                # 1 / 3
    OPD \rm, div.d, 0xbff00000, 0, 0x40080000, 0                # -1 / 3
    OPD \rm, mul.d, 0x7fe00000, 0, 0x40000000, 0                # overflow
    OPD \rm, mul.d, 0x00100000, 0, 0x3fe00000, 0                # underflow to a subnormal
    OPD \rm, sub.d, 0x3ff00000, 0, 0x3ff00000, 0                # exact zero: sign by RM
    OPD \rm, div.d, 0x3ff00000, 0, 0, 0                         # divide by zero
    li $t0, \rm
    ctc1 $t0, $31
    LDD $f2, 0x40000000, 0
    sqrt.d $f0, $f2
    mfhc1 $s0, $f0
    mfc1 $s1, $f0
    cfc1 $s2, $31
    REP "rm\rm sqrt.d 2", $s0, $s1, $s2
    li $t0, \rm
    ctc1 $t0, $31
    LDD $f2, 0x3fb99999, 0x9999999a                             # 0.1
    cvt.s.d $f0, $f2
    mfc1 $s0, $f0
    cfc1 $s1, $31
    REP "rm\rm cvt.s.d 0.1", $s0, $s1
.endr
    TITLE "flags accumulate, cause is per instruction"
    ctc1 $zero, $31
    LDD $f2, 0x3ff00000, 0
    LDD $f4, 0x40080000, 0
    div.d $f0, $f2, $f4         # inexact
    cfc1 $s0, $31
    add.d $f0, $f2, $f2         # exact: clears cause, keeps the flag
    cfc1 $s1, $31
    REP "after div, after add", $s0, $s1
    TITLE "ctc1/cfc1 round trip"
# (cause bits are written without their enables, and never cause E: both would trap)
.irp v, 0x00000003, 0x0000007c, 0x00000f80, 0x0001f000, 0x01000000, 0xfe800000, 0xfe81f07f
    li $t0, \v
    ctc1 $zero, $31
    ctc1 $t0, $31
    cfc1 $s0, $31
    ctc1 $zero, $31
    REP "ctc1 \v", $s0
.endr
    EXIT 0
