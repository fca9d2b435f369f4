# unaligned.S: LWL/LWR/SWL/SWR at every byte offset of a word, alone (merging into the
# register or memory) and paired as the ulw/usw idiom, plus the assembler's ulh/ulhu/ush.
# Results depend on the byte order: mips and mipsel have their own expected files.
# Loads print the register (preloaded with 0xa5a5a5a5); stores print the 3 words of buf.
# build-flags: -nostdlib -fno-pic -mno-abicalls
#include "lib/harness.inc"

# RESET: buf = 00 11 22 33 44 55 66 77 88 99 aa bb (bytes in memory order).
.macro RESET
    la $s0, buf
    la $t0, pattern
.irp o, 0, 4, 8
    lw $t1, \o($t0)
    sw $t1, \o($s0)
.endr
.endm

.macro SHOWBUF text
    lw $s1, 0($s0)
    lw $s2, 4($s0)
    lw $s3, 8($s0)
    REP "\text", $s1, $s2, $s3
.endm

    .globl main
main:
    RESET
    li $s4, 0xa5a5a5a5
    li $s5, 0xc0ffee42
    TITLE "lwl/lwr alone, register preloaded with a5a5a5a5"
.irp o, 0, 1, 2, 3, 4, 5, 6, 7
    move $s1, $s4
    lwl $s1, \o($s0)
    move $s2, $s4
    lwr $s2, \o($s0)
    REP "lwl/lwr +\o", $s1, $s2
.endr
    TITLE "ulw (lwl+lwr pair) at every offset"
.irp o, 0, 1, 2, 3, 4, 5, 6, 7, 8
    move $s1, $s4
    ulw $s1, \o($s0)
    REP "ulw +\o", $s1
.endr
    TITLE "ulh/ulhu at every offset"
.irp o, 0, 1, 2, 3, 7, 8, 9
    .set at                     # the ulh/ush macros need $at
    ulh $s1, \o($s0)
    ulhu $s2, \o($s0)
    .set noat
    REP "ulh/ulhu +\o", $s1, $s2
.endr
    TITLE "swl of c0ffee42"
.irp o, 0, 1, 2, 3, 5, 6
    RESET
    swl $s5, \o($s0)
    SHOWBUF "swl +\o"
.endr
    TITLE "swr of c0ffee42"
.irp o, 0, 1, 2, 3, 5, 6
    RESET
    swr $s5, \o($s0)
    SHOWBUF "swr +\o"
.endr
    TITLE "usw (swl+swr pair) and ush of c0ffee42"
.irp o, 0, 1, 2, 3, 4, 5, 6, 7, 8
    RESET
    usw $s5, \o($s0)
    SHOWBUF "usw +\o"
.endr
.irp o, 0, 1, 3, 9
    RESET
    .set at
    ush $s5, \o($s0)
    .set noat
    SHOWBUF "ush +\o"
.endr
    TITLE "lwl/lwr with a negative offset from an unaligned base"
    addiu $s6, $s0, 7
    move $s1, $s4
    lwl $s1, -2($s6)
    move $s2, $s4
    lwr $s2, -2($s6)
    REP "base+7, -2", $s1, $s2
    EXIT 0

    .data
    .align 4
pattern: .byte 0x00, 0x11, 0x22, 0x33, 0x44, 0x55, 0x66, 0x77, 0x88, 0x99, 0xaa, 0xbb
    .align 4
buf: .space 16
