# Runtime of the MIPS assembly conformance programs (NAME.S including lib/harness.inc):
# no libc, only the write and exit_group system calls (o32: 4004, 4246), so the programs
# run as soon as an emulator has a frontend and those two calls.

    .set noreorder
    .set noat

    .bss
    .align 4
    .globl rt_vals
rt_vals:    .space 64        # REP stores the registers to print here ($gp)
rt_buf:     .space 256       # one output line

    .text
    .globl __start
    .ent __start
__start:
    la $gp, rt_vals
    addiu $sp, $sp, -32
    j main
    nop
    .end __start

# rt_puts(a0 = NUL-terminated string): write(1, s, strlen(s)).
    .globl rt_puts
    .ent rt_puts
rt_puts:
    move $a1, $a0
1:  lbu $t0, 0($a1)
    bnez $t0, 1b
    addiu $a1, $a1, 1
    addiu $a1, $a1, -1
    subu $a2, $a1, $a0       # length
    move $a1, $a0
    li $a0, 1
    li $v0, 4004
    syscall
    jr $ra
    nop
    .end rt_puts

# rt_line(a0 = label, a1 = count): "label v0 v1 ...\n" with the words at rt_vals as 8 hex digits.
    .globl rt_line
    .ent rt_line
rt_line:
    la $t0, rt_buf
1:  lbu $t1, 0($a0)          # copy the label
    beqz $t1, 2f
    addiu $a0, $a0, 1
    sb $t1, 0($t0)
    b 1b
    addiu $t0, $t0, 1
2:  la $t2, rt_vals
3:  beqz $a1, 5f
    li $t1, ' '
    sb $t1, 0($t0)
    addiu $t0, $t0, 1
    lw $t3, 0($t2)
    li $t4, 28               # shift of the next nibble
4:  srlv $t5, $t3, $t4
    andi $t5, $t5, 15
    sltiu $t6, $t5, 10
    bnez $t6, 6f
    addiu $t5, $t5, '0'
    addiu $t5, $t5, 'a' - '0' - 10
6:  sb $t5, 0($t0)
    addiu $t0, $t0, 1
    bnez $t4, 4b
    addiu $t4, $t4, -4
    addiu $t2, $t2, 4
    b 3b
    addiu $a1, $a1, -1
5:  li $t1, '\n'
    sb $t1, 0($t0)
    addiu $t0, $t0, 1
    la $a1, rt_buf
    subu $a2, $t0, $a1
    li $a0, 1
    li $v0, 4004
    syscall
    jr $ra
    nop
    .end rt_line
