# llsc.S: LL/SC.  A retry loop increments a counter 1000 times, an atomic swap and a
# compare-and-swap (matching and not matching), ll/sc with non-zero offsets, and the
# values sc leaves in its register (1 on success).
# build-flags: -nostdlib -fno-pic -mno-abicalls
#include "lib/harness.inc"

    .globl main
main:
    la $s0, words
    TITLE "retry loop: 1000 atomic increments"
    li $s1, 1000
    li $s2, 0                   # failed sc count (qemu-user: none)
1:  ll $t0, 0($s0)
    addiu $t0, $t0, 1
    sc $t0, 0($s0)
    bnez $t0, 2f
    nop
    b 1b
    addiu $s2, $s2, 1
2:  addiu $s1, $s1, -1
    bnez $s1, 1b
    nop
    lw $s3, 0($s0)
    REP "counter, failed sc", $s3, $s2

    TITLE "swap: old value returned, new value stored, sc result"
    li $s4, 0x12345678
1:  ll $s1, 4($s0)
    move $t0, $s4
    sc $t0, 4($s0)
    beqz $t0, 1b
    nop
    lw $s2, 4($s0)
    REP "old, new, sc", $s1, $s2, $t0

    TITLE "compare-and-swap"
    li $a2, 0x12345678          # expected
    li $a3, 0xcafe              # new
    jal cas
    addiu $a0, $s0, 4
    lw $s2, 4($s0)
    move $s1, $v0
    REP "match: ok, word", $s1, $s2
    li $a2, 0x12345678          # no longer there
    li $a3, 0xbeef
    jal cas
    addiu $a0, $s0, 4
    lw $s2, 4($s0)
    move $s1, $v0
    REP "mismatch: ok, word", $s1, $s2

    TITLE "negative and large offsets"
    addiu $s5, $s0, 16
1:  ll $s1, -8($s5)             # words[2]
    addiu $t0, $s1, 0x100
    sc $t0, -8($s5)
    beqz $t0, 1b
    nop
    lw $s2, 8($s0)
    REP "ll -8 / sc: old, new", $s1, $s2
    la $s6, words - 0x1000
1:  ll $s1, 0x100c($s6)         # words[3]
    addiu $t0, $s1, -1
    sc $t0, 0x100c($s6)
    beqz $t0, 1b
    nop
    lw $s2, 12($s0)
    REP "ll 0x100c / sc: old, new", $s1, $s2

    TITLE "sc writes 1 into its register whatever it held"
    li $t0, 0x80000000
1:  ll $t1, 0($s0)
    li $t0, 0x80000000
    sc $t0, 0($s0)
    beqz $t0, 1b
    nop
    lw $s2, 0($s0)
    REP "sc result, stored word", $t0, $s2
    EXIT 0

# cas(a0 = address, a2 = expected, a3 = new): v0 = 1 when swapped, else 0.
cas:
1:  ll $t0, 0($a0)
    bne $t0, $a2, 2f
    li $v0, 0
    move $t1, $a3
    sc $t1, 0($a0)
    beqz $t1, 1b
    nop
    li $v0, 1
2:  jr $ra
    nop

    .data
    .align 4
words: .word 0, 0x11111111, 0x22222222, 0x33333333
