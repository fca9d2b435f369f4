@ v7.S: ARMv6/ARMv7-A instructions (built with -march=armv7-a): movw/movt,
@ bitfields, byte reversal, extends, SIMD-in-GPR with GE flags, saturation,
@ the v6 multiplies, and exclusive loads/stores.
@ build-flags: -march=armv7-a
#include "lib/harness.inc"

    .text
    .globl main
main:
    push {r4-r11, lr}

    TITLE "movw/movt, mls, umaal"
    ALU "movw r0, #0xbeef", 0xf0000000
    ALU "movt r0, #0x1234", 0x00000000, 0, 0, 0, 0xffffffff
    ALU "movw r0, #0 ; movt r0, #0xffff", 0
.irp a, 0, 1, 0xffffffff, 0x80000000, 0x12345678
    ALU "mls r0, r1, r2, r3", 0, \a, 0x10001, 0x7fffffff
    ALU "umaal r0, r1, r2, r3", 0, 0xffffffff, \a, 0xffffffff, 0xffffffff
    ALU "umaal r0, r1, r2, r3", 0, 0x12345678, \a, 0x9abcdef0, 0x0fedcba9
.endr

    TITLE "bitfields and bit/byte reversal"
.irp v, 0x00000000, 0xffffffff, 0x80000001, 0x12345678, 0xf00ff00f
    ALU "ubfx r0, r1, #0, #1", 0, \v
    ALU "ubfx r0, r1, #4, #8", 0, \v
    ALU "ubfx r0, r1, #31, #1", 0, \v
    ALU "ubfx r0, r1, #0, #32", 0, \v
    ALU "sbfx r0, r1, #3, #5", 0, \v
    ALU "sbfx r0, r1, #28, #4", 0, \v
    ALU "sbfx r0, r1, #0, #32", 0, \v
    ALU "bfi r0, r1, #8, #8", 0, \v, 0, 0, 0xaaaaaaaa
    ALU "bfi r0, r1, #0, #32", 0, \v, 0, 0, 0xaaaaaaaa
    ALU "bfi r0, r1, #31, #1", 0, \v, 0, 0, 0x55555555
    ALU "bfc r0, #4, #20", 0, \v, 0, 0, 0xffffffff
    ALU "rbit r0, r1", 0, \v
    ALU "rev r0, r1", 0, \v
    ALU "rev16 r0, r1", 0, \v
    ALU "revsh r0, r1", 0, \v
.endr

    TITLE "sign/zero extension with rotation and accumulate"
.irp v, 0x80ff7f01, 0x017f80ff
    ALU "uxtb r0, r1", 0, \v
    ALU "uxtb r0, r1, ror #8", 0, \v
    ALU "uxth r0, r1, ror #16", 0, \v
    ALU "sxtb r0, r1", 0, \v
    ALU "sxtb r0, r1, ror #24", 0, \v
    ALU "sxth r0, r1", 0, \v
    ALU "sxth r0, r1, ror #8", 0, \v
    ALU "uxtb16 r0, r1", 0, \v
    ALU "sxtb16 r0, r1, ror #8", 0, \v
    ALU "uxtab r0, r2, r1", 0, \v, 0xfffffff0
    ALU "uxtah r0, r2, r1, ror #16", 0, \v, 0xfffffff0
    ALU "sxtab r0, r2, r1", 0, \v, 0x100
    ALU "sxtah r0, r2, r1", 0, \v, 0x100
    ALU "uxtab16 r0, r2, r1", 0, \v, 0x00ff00ff
    ALU "sxtab16 r0, r2, r1", 0, \v, 0x00ff00ff
.endr

    TITLE "saturation (Q sticky)"
.irp v, 0, 0x7fffffff, 0x80000000, 0x000000ff, 0xffffff00, 0x00012345
    ALU "usat r0, #8, r1", 0, \v
    ALU "usat r0, #31, r1", 0, \v
    ALU "ssat r0, #8, r1", 0, \v
    ALU "ssat r0, #1, r1", 0, \v
    ALU "ssat r0, #16, r1, lsl #4", 0, \v
    ALU "usat r0, #16, r1, asr #4", 0x08000000, \v
    ALU "ssat16 r0, #4, r1", 0, \v
    ALU "usat16 r0, #4, r1", 0, \v
.endr

    TITLE "parallel add/sub (GE flags) and sel"
.irp a, 0x7f80ff01, 0x00010000, 0x80008000
.irp b, 0x01807f01, 0xffffffff, 0x80010002
    ALU "uadd8 r0, r1, r2", 0, \a, \b
    ALU "sadd8 r0, r1, r2", 0, \a, \b
    ALU "usub8 r0, r1, r2", 0, \a, \b
    ALU "ssub8 r0, r1, r2", 0, \a, \b
    ALU "uadd16 r0, r1, r2", 0, \a, \b
    ALU "sadd16 r0, r1, r2", 0, \a, \b
    ALU "usub16 r0, r1, r2", 0, \a, \b
    ALU "ssub16 r0, r1, r2", 0, \a, \b
    ALU "uasx r0, r1, r2", 0, \a, \b
    ALU "ssax r0, r1, r2", 0, \a, \b
    ALU "qadd8 r0, r1, r2", 0, \a, \b
    ALU "qsub16 r0, r1, r2", 0, \a, \b
    ALU "uqadd8 r0, r1, r2", 0, \a, \b
    ALU "uqsub16 r0, r1, r2", 0, \a, \b
    ALU "shadd8 r0, r1, r2", 0, \a, \b
    ALU "uhsub16 r0, r1, r2", 0, \a, \b
    ALU "usad8 r0, r1, r2", 0, \a, \b
    ALU "usada8 r0, r1, r2, r3", 0, \a, \b, 1000
    ALU "pkhbt r0, r1, r2, lsl #8", 0, \a, \b
    ALU "pkhtb r0, r1, r2, asr #12", 0, \a, \b
    ALU "usub8 r3, r1, r2 ; sel r0, r1, r2", 0, \a, \b
    ALU "ssub16 r3, r1, r2 ; sel r0, r1, r2", 0, \a, \b
.endr
.endr
.irp g, 0x00000000, 0x00050000, 0x000a0000, 0x000f0000, 0x00030000
    ALU "sel r0, r1, r2", \g, 0x11223344, 0xaabbccdd
    ALU "sadd16 r0, r1, r2", \g, 0, 0
.endr

    TITLE "v6 signed multiplies"
.irp a, 0x7fff8000, 0x80017fff, 0xffff0001
.irp b, 0x80008000, 0x00027ffe
    ALU "smuad r0, r1, r2", 0, \a, \b
    ALU "smuadx r0, r1, r2", 0, \a, \b
    ALU "smusd r0, r1, r2", 0, \a, \b
    ALU "smlad r0, r1, r2, r3", 0, \a, \b, 0x7fffffff
    ALU "smlsdx r0, r1, r2, r3", 0, \a, \b, 0x80000000
    ALU "smlald r0, r1, r2, r3", 0, 0xffffffff, \a, \b, 0xffffffff
    ALU "smlsld r0, r1, r2, r3", 0, 0x00000000, \a, \b, 0x00000001
    ALU "smmul r0, r1, r2", 0, \a, \b
    ALU "smmulr r0, r1, r2", 0, \a, \b
    ALU "smmla r0, r1, r2, r3", 0, \a, \b, 0x01234567
    ALU "smmlsr r0, r1, r2, r3", 0, \a, \b, 0x01234567
.endr
.endr

    TITLE "exclusive loads/stores"
    MEM "ldrex r0, [r4] ; strex r5, r1, [r4]"
    MEM "ldrex r0, [r4] ; clrex ; strex r5, r1, [r4]"
    MEM "ldrexb r0, [r4] ; strexb r5, r1, [r4]"
    MEM "ldrexh r0, [r4] ; strexh r5, r1, [r4]"
    MEM "ldrexd r0, r1, [r4] ; strexd r5, r2, r3, [r4]"
    MEM "add r4, r4, #8 ; ldrex r0, [r4] ; add r0, r0, #1 ; strex r5, r0, [r4]"
    MEM "dmb ; dsb ; isb"

    TITLE "unprivileged halfword/signed-byte loads and stores"
    MEM "ldrht r0, [r4], #2"
    MEM "ldrsbt r0, [r4], #1"
    MEM "strht r1, [r4], #-2"

    mov r0, #0
    pop {r4-r11, pc}
