# branchlikely.S: branch-likely instructions (beql bnel blezl bgtzl bltzl bgezl bltzall
# bgezall bc1tl bc1fl): the delay slot runs only when the branch is taken; the link forms
# write $ra whether or not they are taken.  Each case prints how often the
# delay slot and the fall-through ran: slot adds 1, fall-through adds 0x10.
# build-flags: -nostdlib -fno-pic -mno-abicalls
#include "lib/harness.inc"

# BL "text", insn operands...: runs "insn operands, 1f" with a counting delay slot.
.macro BL text, insn, ops:vararg
    li $s0, 0
    \insn \ops 1f
    addiu $s0, $s0, 1           # delay slot: annulled when not taken
    addiu $s0, $s0, 0x10        # fall-through
1:  REP "\text", $s0
.endm

    .globl main
main:
    li $s1, -1
    li $s2, 0
    li $s3, 1
    TITLE "two-register forms"
    BL "beql 1,1", beql, $s3, $s3,
    BL "beql 1,0", beql, $s3, $s2,
    BL "bnel 1,0", bnel, $s3, $s2,
    BL "bnel 1,1", bnel, $s3, $s3,
    TITLE "compare with zero over -1, 0, 1"
.irp r, $s1, $s2, $s3
    BL "blezl \r", blezl, \r,
    BL "bgtzl \r", bgtzl, \r,
    BL "bltzl \r", bltzl, \r,
    BL "bgezl \r", bgezl, \r,
.endr
    TITLE "link forms: ra - label after the slot"
.irp r, $s1, $s2, $s3
    li $ra, 0
    li $s0, 0
    bltzall \r, 1f
    addiu $s0, $s0, 1
2:  addiu $s0, $s0, 0x10
1:  la $t0, 2b
    subu $s4, $ra, $t0
    REP "bltzall \r", $s0, $s4
    li $ra, 0
    li $s0, 0
    bgezall \r, 1f
    addiu $s0, $s0, 1
2:  addiu $s0, $s0, 0x10
1:  la $t0, 2b
    subu $s4, $ra, $t0
    REP "bgezall \r", $s0, $s4
.endr
    TITLE "bc1tl/bc1fl after c.eq.s"
    LDS $f0, 0x3f800000         # 1.0
    LDS $f2, 0x40000000         # 2.0
    c.eq.s $fcc0, $f0, $f0      # true
    c.eq.s $fcc5, $f0, $f2      # false
    BL "bc1tl true", bc1tl, $fcc0,
    BL "bc1fl true", bc1fl, $fcc0,
    BL "bc1tl false", bc1tl, $fcc5,
    BL "bc1fl false", bc1fl, $fcc5,
    TITLE "a likely loop: the slot runs on every taken iteration only"
    li $s0, 0
    li $t0, 5
1:  addiu $t0, $t0, -1
    bnel $t0, $zero, 1b
    addiu $s0, $s0, 1           # 4 times, not on the exit
    REP "count", $s0
    EXIT 0
