@ alu.S: ARMv5TE data-processing, shift, multiply, clz, DSP and condition
@ edge cases.  Every test prints the instruction, r0..r3 and NZCVQ before
@ (r0 preloaded with 0xdeadbeef unless given) and after the instruction.
#include "lib/harness.inc"

    .text
    .globl main
main:
    push {r4-r11, lr}

    TITLE "add/sub family over edge values"
.irp a, 0, 1, 0x7fffffff, 0x80000000, 0xffffffff
.irp b, 0, 1, 0x7fffffff, 0x80000000, 0xffffffff
    ALU "adds r0, r1, r2", 0, \a, \b
    ALU "adcs r0, r1, r2", 0, \a, \b
    ALU "adcs r0, r1, r2", 0x20000000, \a, \b
    ALU "subs r0, r1, r2", 0, \a, \b
    ALU "sbcs r0, r1, r2", 0, \a, \b
    ALU "sbcs r0, r1, r2", 0x20000000, \a, \b
    ALU "rsbs r0, r1, r2", 0, \a, \b
    ALU "rscs r0, r1, r2", 0, \a, \b
    ALU "rscs r0, r1, r2", 0x20000000, \a, \b
    ALU "cmp r1, r2", 0, \a, \b
    ALU "cmn r1, r2", 0xf0000000, \a, \b
.endr
.endr

    TITLE "non-flag-setting forms keep the flags"
    ALU "add r0, r1, r2", 0xf0000000, 0xffffffff, 1
    ALU "adc r0, r1, r2", 0x20000000, 0x7fffffff, 0
    ALU "sub r0, r1, r2", 0x90000000, 0, 1
    ALU "sbc r0, r1, r2", 0x00000000, 5, 3
    ALU "rsc r0, r1, r2", 0x00000000, 5, 3
    ALU "rsb r0, r1, #0", 0x40000000, 0x80000000

    TITLE "logical ops: C from the shifter, V kept"
.irp a, 0, 0xffffffff, 0x80000000, 0xf0f0f0f0
.irp b, 0, 0x0ff00ff0, 0x80000000, 0xf0f0f0f0
    ALU "ands r0, r1, r2", 0x30000000, \a, \b
    ALU "orrs r0, r1, r2", 0x10000000, \a, \b
    ALU "eors r0, r1, r2", 0x20000000, \a, \b
    ALU "bics r0, r1, r2", 0x30000000, \a, \b
    ALU "tst r1, r2", 0x30000000, \a, \b
    ALU "teq r1, r2", 0x00000000, \a, \b
.endr
    ALU "mvns r0, r1", 0x30000000, \a
    ALU "movs r0, r1", 0x30000000, \a
.endr

    TITLE "rotated immediates set C from bit 31 when rotated"
    ALU "movs r0, #0xff000000", 0x00000000
    ALU "movs r0, #0x7f000000", 0x20000000
    ALU "movs r0, #0xff", 0x20000000
    ALU "movs r0, #0", 0x20000000
    ALU "mvns r0, #0", 0x00000000
    ALU "mvns r0, #0xff", 0x20000000
    ALU "mvns r0, #0x80000000", 0x00000000
    ALU "ands r0, r1, #0x80000000", 0x00000000, 0xffffffff
    ALU "ands r0, r1, #0xf0000000", 0x20000000, 0x0fffffff
    ALU "orrs r0, r1, #0x3fc", 0x20000000, 0x00000001
    ALU "eors r0, r1, #0xc0000003", 0x00000000, 0xffffffff
    ALU "bics r0, r1, #0x0ff00000", 0x00000000, 0xffffffff
    ALU "tst r1, #0xc0000000", 0x00000000, 0x40000000
    ALU "teq r1, #0x80000000", 0x00000000, 0x80000000
    ALU "cmp r1, #1", 0x00000000, 0
    ALU "cmp r1, #0x80000000", 0x00000000, 0x7fffffff
    ALU "cmn r1, #1", 0x00000000, 0xffffffff
    ALU "adds r0, r1, #0x80000000", 0x00000000, 0x80000000
    ALU "subs r0, r1, #0x3fc", 0x00000000, 0x3fc
    ALU "rsbs r0, r1, #0", 0x00000000, 0x80000000
    ALU "rsbs r0, r1, #0", 0x00000000, 0
    ALU "adcs r0, r1, #0xff", 0x20000000, 0xffffff00
    ALU "sbcs r0, r1, #1", 0x00000000, 1
    ALU "rscs r0, r1, #0", 0x20000000, 1

    TITLE "shift by immediate"
.irp v, 0x80000001, 0x7ffffffe, 0xc0000000
.irp c, 0, 0x20000000
    ALU "movs r0, r1, lsl #0", \c, \v
    ALU "movs r0, r1, lsl #1", \c, \v
    ALU "movs r0, r1, lsl #31", \c, \v
    ALU "movs r0, r1, lsr #1", \c, \v
    ALU "movs r0, r1, lsr #31", \c, \v
    ALU "movs r0, r1, lsr #32", \c, \v
    ALU "movs r0, r1, asr #1", \c, \v
    ALU "movs r0, r1, asr #31", \c, \v
    ALU "movs r0, r1, asr #32", \c, \v
    ALU "movs r0, r1, ror #1", \c, \v
    ALU "movs r0, r1, ror #31", \c, \v
    ALU "movs r0, r1, rrx", \c, \v
    ALU "mov r0, r1, ror #16", \c, \v
.endr
.endr

    TITLE "shift by register (bottom byte of rs)"
.irp v, 0x80000001, 0x7ffffffe
.irp s, 0, 1, 31, 32, 33, 255, 256, 0xffffff01
    ALU "movs r0, r1, lsl r2", 0x20000000, \v, \s
    ALU "movs r0, r1, lsr r2", 0x00000000, \v, \s
    ALU "movs r0, r1, asr r2", 0x20000000, \v, \s
    ALU "movs r0, r1, ror r2", 0x00000000, \v, \s
.endr
.endr
    ALU "movs r0, r1, lsl r2", 0x00000000, 0x80000001, 0
    ALU "movs r0, r1, lsr r2", 0x20000000, 0x80000001, 0
    ALU "movs r0, r1, asr r2", 0x00000000, 0x80000001, 0
    ALU "movs r0, r1, ror r2", 0x20000000, 0x7ffffffe, 0
    ALU "movs r0, r1, ror r2", 0x00000000, 0x80000001, 64

    TITLE "shifted register operands"
.irp s, 0, 1, 4, 31, 32, 40
    ALU "adds r0, r1, r2, lsl r3", 0, 0x10000000, 0x87654321, \s
    ALU "subs r0, r1, r2, lsr r3", 0x20000000, 0x10000000, 0x87654321, \s
    ALU "rsbs r0, r1, r2, asr r3", 0, 0x10000000, 0x87654321, \s
    ALU "ands r0, r1, r2, ror r3", 0x10000000, 0xffffffff, 0x87654321, \s
    ALU "orrs r0, r1, r2, lsr r3", 0x20000000, 0x00000000, 0x87654321, \s
    ALU "eors r0, r1, r2, asr r3", 0x00000000, 0xffffffff, 0x87654321, \s
    ALU "bics r0, r1, r2, lsl r3", 0x20000000, 0xffffffff, 0x87654321, \s
    ALU "tst r1, r2, lsl r3", 0x00000000, 0xffffffff, 0x87654321, \s
    ALU "teq r1, r2, lsr r3", 0x20000000, 0x00000000, 0x87654321, \s
    ALU "cmp r1, r2, asr r3", 0x00000000, 0x00000000, 0x87654321, \s
    ALU "adc r0, r1, r2, lsl r3", 0x20000000, 1, 0x87654321, \s
    ALU "mvns r0, r2, lsr r3", 0x00000000, 0, 0x87654321, \s
.endr
    ALU "adds r0, r1, r2, lsl #4", 0, 0x10000000, 0x0fffffff
    ALU "subs r0, r1, r2, asr #32", 0, 0x10000000, 0x80000000
    ALU "ands r0, r1, r2, rrx", 0x20000000, 0xffffffff, 0x00000002
    ALU "ands r0, r1, r2, rrx", 0x00000000, 0xffffffff, 0x00000003
    ALU "eors r0, r1, r2, lsr #32", 0x00000000, 0x00000001, 0x80000000
    ALU "add r0, r1, r1, lsl #2", 0, 12345
    ALU "rsb r0, r1, r1, lsl #3", 0, 12345
    ALU "sub r0, r1, r2, ror #8", 0, 0, 0x000000ff

    TITLE "multiply"
.irp a, 0, 1, 0xffffffff, 0x80000000, 0x7fffffff, 0x12345678
.irp b, 0, 1, 0xffffffff, 0x80000000, 0x7fffffff, 0x9abcdef0
    ALU "umull r0, r1, r2, r3", 0x30000000, 0x11111111, \a, \b
    ALU "smull r0, r1, r2, r3", 0x30000000, 0x11111111, \a, \b
.endr
    ALU "mul r0, r1, r2", 0xf0000000, \a, 0x00010003
    ALU "muls r0, r1, r2", 0x30000000, \a, 0xffffffff
    ALU "mla r0, r1, r2, r3", 0, \a, 3, 0x7fffffff
    ALU "mlas r0, r1, r2, r3", 0x20000000, \a, 0xffffffff, 0
    ALU "umulls r0, r1, r2, r3", 0x20000000, 0, \a, 0x80000000
    ALU "smulls r0, r1, r2, r3", 0x00000000, 0, \a, 0x80000000
    ALU "umlal r0, r1, r2, r3", 0, 0xffffffff, \a, 0xffffffff, 0xffffffff
    ALU "smlal r0, r1, r2, r3", 0, 0x7fffffff, \a, 0xffffffff, 0xffffffff
    ALU "umlals r0, r1, r2, r3", 0, 0, \a, 2, 0x80000000
    ALU "smlals r0, r1, r2, r3", 0, 0xffffffff, \a, 2, 0x80000000
.endr

    TITLE "clz"
.irp v, 0, 1, 0x80000000, 0xffffffff, 0x00010000, 0x7fffffff, 0x00000f00, 0x00800001
    ALU "clz r0, r1", 0xf0000000, \v
.endr

    TITLE "DSP (v5TE): halfword multiplies and saturation, Q is sticky"
.irp a, 0x80007fff, 0x7fff8000, 0xffff0002, 0x00030005
.irp b, 0x80008000, 0x7fff0003, 0xfffeffff
    ALU "smulbb r0, r1, r2", 0, \a, \b
    ALU "smulbt r0, r1, r2", 0, \a, \b
    ALU "smultb r0, r1, r2", 0, \a, \b
    ALU "smultt r0, r1, r2", 0, \a, \b
    ALU "smulwb r0, r1, r2", 0, \a, \b
    ALU "smulwt r0, r1, r2", 0, \a, \b
    ALU "smlabt r0, r1, r2, r3", 0, \a, \b, 0x7fffffff
    ALU "smlawb r0, r1, r2, r3", 0, \a, \b, 0x12345678
    ALU "smlaltb r0, r1, r2, r3", 0, 0xfffffff0, \a, \b, 0x87654321
.endr
.endr
    ALU "smlabb r0, r1, r2, r3", 0, 0x8000, 0x8000, 0x40000000
    ALU "smlabb r0, r1, r2, r3", 0, 0x8000, 0x8000, 0x3fffffff
    ALU "smlatt r0, r1, r2, r3", 0x08000000, 0x00010000, 0x00010000, 5
.irp a, 0, 1, 0x7fffffff, 0x80000000, 0xffffffff, 0x40000000, 0xc0000000
.irp b, 0, 1, 0x7fffffff, 0x80000000, 0xffffffff, 0x40000000
    ALU "qadd r0, r1, r2", 0, \a, \b
    ALU "qsub r0, r1, r2", 0x08000000, \a, \b
    ALU "qdadd r0, r1, r2", 0, \a, \b
    ALU "qdsub r0, r1, r2", 0, \a, \b
.endr
.endr

    TITLE "conditional execution of flag-setting instructions"
    ALU "addsne r0, r1, r2", 0x40000000, 0xffffffff, 1
    ALU "addseq r0, r1, r2", 0x40000000, 0xffffffff, 1
    ALU "subsgt r0, r1, r2", 0x90000000, 5, 5
    ALU "subsge r0, r1, r2", 0x90000000, 5, 5
    ALU "movshi r0, r1, lsr r2", 0x60000000, 3, 1
    ALU "movsls r0, r1, lsr r2", 0x60000000, 3, 1
    ALU "mulvs r0, r1, r2", 0x10000000, 7, 6
    ALU "mulvc r0, r1, r2", 0x10000000, 7, 6
    ALU "clzmi r0, r1", 0x80000000, 0x100
    ALU "clzpl r0, r1", 0x80000000, 0x100
    ALU "umlallt r0, r1, r2, r3", 0x10000000, 1, 0xffffffff, 0xffffffff, 1
    ALU "umlalle r0, r1, r2, r3", 0x00000000, 1, 0xffffffff, 0xffffffff, 1

    TITLE "condition codes over all 16 NZCV values"
    mov r5, #0
1:  mov r0, r5, lsl #28
    msr cpsr_f, r0
    mov r4, #0
    orreq r4, r4, #0x0001
    orrne r4, r4, #0x0002
    orrcs r4, r4, #0x0004
    orrcc r4, r4, #0x0008
    orrmi r4, r4, #0x0010
    orrpl r4, r4, #0x0020
    orrvs r4, r4, #0x0040
    orrvc r4, r4, #0x0080
    orrhi r4, r4, #0x0100
    orrls r4, r4, #0x0200
    orrge r4, r4, #0x0400
    orrlt r4, r4, #0x0800
    orrgt r4, r4, #0x1000
    orrle r4, r4, #0x2000
    orr   r4, r4, #0x4000
    @ branches taken/not taken on the same flags
    beq 2f
    orr r4, r4, #0x10000
2:  bhi 3f
    orr r4, r4, #0x20000
3:  blt 4f
    orr r4, r4, #0x40000
4:  ldr r0, =fmt_cond
    mov r1, r5
    mov r2, r4
    bl printf
    add r5, r5, #1
    cmp r5, #16
    blt 1b

    mov r0, #0
    pop {r4-r11, pc}

    .section .rodata
fmt_cond:
    .asciz "nzcv=%x taken=%05x\n"
