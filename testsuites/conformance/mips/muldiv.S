# muldiv.S: HI/LO after MULT, MULTU, DIV, DIVU (non-zero divisors, INT_MIN/-1 included),
# MADD, MADDU, MSUB, MSUBU (accumulating onto a preset HI:LO), MTHI/MTLO/MFHI/MFLO, and
# the three-operand MUL.  Each line: rs rt -> hi lo.
# build-flags: -nostdlib -fno-pic -mno-abicalls
#include "lib/harness.inc"

# MD insn, a, b: HI:LO preset to 00000001:ffffffff, then "insn a, b".
.macro MD insn, a, b
    li $t0, 1
    mthi $t0
    li $t0, -1
    mtlo $t0
    li $s0, \a
    li $s1, \b
    \insn $s0, $s1
    mfhi $s2
    mflo $s3
    REP "\insn", $s0, $s1, $s2, $s3
.endm

    .globl main
main:
    TITLE "mthi/mtlo round trip"
    li $t0, 0x13579bdf
    mthi $t0
    li $t0, 0x2468ace0
    mtlo $t0
    mfhi $s0
    mflo $s1
    REP "hi lo", $s0, $s1
.irp insn, mult, multu, madd, maddu, msub, msubu
    TITLE "\insn"
.irp a, 1, -1, 0x7fffffff, 0x80000000, 0x12345678
.irp b, 0, -1, 0x7fffffff, 0x80000000, 0x9abcdef0
    MD \insn, \a, \b
.endr
.endr
.endr
# div/divu are written as "div $zero, rs, rt": the two-operand form is an assembler macro
# that adds a divide-by-zero check.
.irp insn, div, divu
    TITLE "\insn"
.irp a, 0, 7, -7, 0x7fffffff, 0x80000000, 0x12345678
.irp b, 1, -1, 2, -3, 0x7fffffff, 0x80000000
    li $s0, \a
    li $s1, \b
    \insn $zero, $s0, $s1
    mfhi $s2
    mflo $s3
    REP "\insn", $s0, $s1, $s2, $s3
.endr
.endr
.endr
    TITLE "mul (rd = low word; HI/LO not printed, unpredictable after it)"
.irp a, 3, -1, 0x7fffffff, 0x12345678
.irp b, 5, -1, 0x80000000, 0x9abcdef0
    li $s0, \a
    li $s1, \b
    mul $s2, $s0, $s1
    REP "mul", $s0, $s1, $s2
.endr
.endr
    EXIT 0
