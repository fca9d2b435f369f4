# delayslot.S: branch delay slots.  The delay-slot instruction runs before the branch
# target (taken or not), a branch compares the registers as they were before its delay
# slot changed them, jal/jalr/bal write $ra before the delay slot runs (the slot sees the
# link), link branches link even when not taken, a jump into a delay slot runs it as a
# plain instruction.  Addresses are printed relative to labels, never absolute.
# build-flags: -nostdlib -fno-pic -mno-abicalls
#include "lib/harness.inc"

    .globl main
main:
    TITLE "delay slot runs on taken and not-taken branches"
    li $s0, 0
    b 1f
    addiu $s0, $s0, 1           # delay slot of a taken branch: runs
    addiu $s0, $s0, 0x100       # skipped
1:  li $t0, 5
    bne $t0, $t0, 2f
    addiu $s0, $s0, 0x10        # delay slot of a not-taken branch: runs
    addiu $s0, $s0, 0x1000      # fall-through: runs
2:  REP "b/bne slots", $s0

    TITLE "a branch compares the values from before its delay slot"
    li $s0, 0
    li $t0, 1
    beq $t0, $zero, 1f          # t0 = 1: not taken although the slot clears t0
    move $t0, $zero
    ori $s0, $s0, 1             # fall-through marker
1:  REP "beq, slot clears rs", $s0, $t0
    li $s0, 0
    li $t0, 0
    beqz $t0, 1f                # taken although the slot sets t0
    li $t0, 7
    ori $s0, $s0, 1             # skipped
1:  REP "beqz, slot sets rs", $s0, $t0
    li $s0, 0
    li $t0, -1
    bltz $t0, 1f                # taken
    addiu $t0, $t0, 1
    ori $s0, $s0, 1
1:  REP "bltz, slot increments rs", $s0, $t0
    li $s0, 0
    li $t0, 3
    li $t1, 4
    bne $t0, $t1, 1f            # taken: the slot makes them equal
    move $t1, $t0
    ori $s0, $s0, 1
1:  REP "bne, slot copies rs to rt", $s0, $t0, $t1
    la $s1, word_five
    li $t0, 0
    beqz $t0, 1f                # taken: the slot loads t0
    lw $t0, 0($s1)
    ori $s0, $s0, 1
1:  REP "beqz, slot loads rs", $s0, $t0

    TITLE "jr/jalr jump to the address from before the slot"
    la $t0, 1f
    jr $t0
    move $t0, $zero             # slot clears the jump register
    li $s0, 0xbad
1:  REP "jr, slot clears rs", $t0
    la $t9, ret_t9
    jalr $t9
    li $t9, 0                   # slot clears the jump register
2:  move $s0, $v0
    la $t1, 2b
    subu $s1, $v1, $t1          # $ra seen by the callee, relative to the return label
    REP "jalr, slot clears rs: callee ran, ra-ret", $s0, $s1

    TITLE "the link register is written before the delay slot"
    jal 1f
    move $s0, $ra               # slot sees the link
2:  b 3f
    nop
1:  jr $ra
    nop
3:  la $t0, 2b
    subu $s0, $s0, $t0
    REP "jal: slot's ra - return label", $s0
    la $t9, 1f
    jalr $t9
    move $s0, $ra
2:  b 3f
    nop
1:  jr $ra
    nop
3:  la $t0, 2b
    subu $s0, $s0, $t0
    REP "jalr: slot's ra - return label", $s0
    la $t9, 1f
    jalr $s2, $t9               # link into another register
    move $s0, $s2
2:  b 3f
    nop
1:  jr $s2
    nop
3:  la $t0, 2b
    subu $s0, $s0, $t0
    subu $s1, $s2, $t0
    REP "jalr s2: slot's s2, s2 - return label", $s0, $s1
    bal 1f
    move $s0, $ra
2:  b 3f
    nop
1:  jr $ra
    nop
3:  la $t0, 2b
    subu $s0, $s0, $t0
    REP "bal: slot's ra - return label", $s0

    TITLE "link branches link even when not taken"
    li $ra, 0
    li $t0, 1
    bltzal $t0, 9f              # not taken (t0 > 0)
    nop
2:  la $t0, 2b
    subu $s0, $ra, $t0
    REP "bltzal not taken: ra - next", $s0
    li $ra, 0
    li $t0, -1
    bgezal $t0, 9f              # not taken
    nop
2:  la $t0, 2b
    subu $s0, $ra, $t0
    REP "bgezal not taken: ra - next", $s0
    li $t0, 0
    bgezal $t0, 1f              # taken
    move $s0, $ra
2:  b 3f
    nop
1:  jr $ra
    nop
3:  la $t0, 2b
    subu $s0, $s0, $t0
    REP "bgezal taken: slot's ra - return label", $s0

    TITLE "branch to its own delay slot: the slot runs twice"
    li $s0, 0
    b 1f
1:  addiu $s0, $s0, 1
    REP "count", $s0

    TITLE "jump into a delay slot: runs as a plain instruction"
    li $s0, 0
    b 1f
    nop
    beq $zero, $zero, 2f        # never reached
1:  addiu $s0, $s0, 1           # the slot of the branch above, entered directly
    addiu $s0, $s0, 0x10
2:  REP "count", $s0

    TITLE "a loop counting in its delay slot"
    li $s0, 0
    li $t0, 10
1:  addiu $t0, $t0, -1
    bnez $t0, 1b
    addiu $s0, $s0, 3           # runs on every iteration, the last included
    REP "10 iterations", $s0, $t0

    EXIT 0

9:  EXIT 99                     # a not-taken link branch went here

# ret_t9: returns 0x5a in $v0 and its $ra in $v1.
ret_t9:
    move $v1, $ra
    jr $ra
    li $v0, 0x5a

    .data
    .align 2
word_five: .word 5
