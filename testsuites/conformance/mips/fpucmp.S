# fpucmp.S: FPU compares c.COND.d and c.COND.s for all 16 conditions over ordered
# (less, greater, equal, -0 vs +0) and unordered (a quiet NaN) operand pairs, each into
# condition code 0..7 in turn.  Each line: FCSR after the compare (condition bits 23 and
# 25-31, Invalid flag/cause for the signalling conditions on a NaN), then what bc1t/bc1f
# (bit 0: bc1f not taken, bit 1: bc1t not taken), movt, movf, movt.s and movf.s saw.
# build-flags: -nostdlib -fno-pic -mno-abicalls
#include "lib/harness.inc"

# CMP fmt, cond, cc: compares $f0 with $f2 (already loaded) into $fcc\cc and prints.
.macro CMP fmt, cond, cc
    ctc1 $zero, $31
    c.\cond\().\fmt $fcc\cc, $f0, $f2
    cfc1 $s0, $31
    li $s1, 0
    bc1f $fcc\cc, 1f
    nop
    ori $s1, $s1, 1             # condition true
1:  bc1t $fcc\cc, 2f
    nop
    ori $s1, $s1, 2             # condition false
2:  li $s2, 0x11
    li $t0, 0x22
    movt $s2, $t0, $fcc\cc      # 0x22 when true
    li $s3, 0x33
    li $t0, 0x44
    movf $s3, $t0, $fcc\cc      # 0x44 when false
    LDS $f4, 0x3f800000         # 1.0
    LDS $f6, 0xbf800000         # -1.0
    movt.s $f4, $f6, $fcc\cc    # -1.0 when true
    mfc1 $s4, $f4
    LDS $f8, 0x3f800000
    movf.s $f8, $f6, $fcc\cc    # -1.0 when false
    mfc1 $s5, $f8
    REP "c.\cond\().\fmt cc\cc", $s0, $s1, $s2, $s3, $s4, $s5
.endm

# ALLD title, ahi, alo, bhi, blo: the 16 double compares of a and b.
.macro ALLD title, ahi, alo, bhi, blo
    TITLE "\title"
    LDD $f0, \ahi, \alo
    LDD $f2, \bhi, \blo
    CMP d, f, 0
    CMP d, un, 1
    CMP d, eq, 2
    CMP d, ueq, 3
    CMP d, olt, 4
    CMP d, ult, 5
    CMP d, ole, 6
    CMP d, ule, 7
    CMP d, sf, 0
    CMP d, ngle, 1
    CMP d, seq, 2
    CMP d, ngl, 3
    CMP d, lt, 4
    CMP d, nge, 5
    CMP d, le, 6
    CMP d, ngt, 7
.endm

.macro ALLS title, a, b
    TITLE "\title"
    LDS $f0, \a
    LDS $f2, \b
    CMP s, f, 0
    CMP s, un, 1
    CMP s, eq, 2
    CMP s, ueq, 3
    CMP s, olt, 4
    CMP s, ult, 5
    CMP s, ole, 6
    CMP s, ule, 7
    CMP s, sf, 0
    CMP s, ngle, 1
    CMP s, seq, 2
    CMP s, ngl, 3
    CMP s, lt, 4
    CMP s, nge, 5
    CMP s, le, 6
    CMP s, ngt, 7
.endm

    .globl main
main:
    ALLD "double 1.0 ? 2.0", 0x3ff00000, 0, 0x40000000, 0
    ALLD "double 2.0 ? 1.0", 0x40000000, 0, 0x3ff00000, 0
    ALLD "double -0.0 ? 0.0", 0x80000000, 0, 0, 0
    ALLD "double qnan ? 1.0", 0x7ff00000, 1, 0x3ff00000, 0
    ALLS "single 1.0 ? 2.0", 0x3f800000, 0x40000000
    ALLS "single 2.0 ? 2.0", 0x40000000, 0x40000000
    ALLS "single -inf ? qnan", 0xff800000, 0x7f800001
    TITLE "condition codes are independent"
    ctc1 $zero, $31
    LDD $f0, 0x3ff00000, 0
    LDD $f2, 0x40000000, 0
    c.lt.d $fcc1, $f0, $f2      # true
    c.lt.d $fcc2, $f2, $f0      # false
    c.eq.d $fcc7, $f0, $f0      # true
    c.eq.d $fcc0, $f0, $f2      # false
    c.le.d $fcc4, $f0, $f0      # true
    cfc1 $s0, $31
    REP "fcsr", $s0
    c.f.d $fcc7, $f0, $f0       # clears cc7 only
    cfc1 $s0, $31
    REP "fcsr after c.f.d cc7", $s0
    EXIT 0
