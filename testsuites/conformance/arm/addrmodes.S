@ addrmodes.S: every ARMv5TE load/store addressing mode.  Before each test
@ membuf is refilled with a byte pattern, r0=a1b2c3d4 r1=8596a7b8 r2=01020304
@ r3=fedcba98, r4 = base (middle of membuf), r5 = index, r6/r7 = markers.
@ Prints r0..r7 (r4 as an offset from the middle) and every changed word.
@ Unaligned word loads (ldr [r4, #1..#3], #4095, asr #32) follow ARMv6+/v7
@ semantics (SCTLR.U=1: the bytes at the address), as qemu-arm's default CPU
@ and Linux on ARMv7 hardware do; ARMv5 hardware would rotate instead.
#include "lib/harness.inc"

    .text
    .globl main
main:
    push {r4-r11, lr}

    TITLE "word load/store, immediate offset"
    MEM "ldr r0, [r4]"
    MEM "ldr r0, [r4, #4]"
    MEM "ldr r0, [r4, #-4]"
    MEM "ldr r0, [r4, #4095]"
    MEM "ldr r0, [r4, #-4095]"
    MEM "ldr r0, [r4, #12]!"
    MEM "ldr r0, [r4, #-12]!"
    MEM "ldr r0, [r4], #12"
    MEM "ldr r0, [r4], #-12"
    MEM "ldr r0, [r4, #1]"
    MEM "ldr r0, [r4, #2]"
    MEM "ldr r0, [r4, #3]"
    MEM "str r0, [r4]"
    MEM "str r0, [r4, #8]"
    MEM "str r0, [r4, #-8]"
    MEM "str r1, [r4, #16]!"
    MEM "str r1, [r4, #-16]!"
    MEM "str r2, [r4], #20"
    MEM "str r2, [r4], #-20"
    MEM "str r3, [r4, #4092]"
    MEM "str r3, [r4, #-4092]"

    TITLE "word load/store, register offset with shifts"
    MEM "ldr r0, [r4, r5]", 8
    MEM "ldr r0, [r4, -r5]", 8
    MEM "ldr r0, [r4, r5, lsl #2]", 3
    MEM "ldr r0, [r4, -r5, lsl #2]", 3
    MEM "ldr r0, [r4, r5, lsr #4]", 0x80
    MEM "ldr r0, [r4, r5, lsr #32]", 0x80000000
    MEM "ldr r0, [r4, r5, asr #2]", 0xffffffe0
    MEM "ldr r0, [r4, -r5, asr #2]", 0xffffffe0
    MEM "ldr r0, [r4, r5, asr #32]", 0x80000000
    MEM "ldr r0, [r4, r5, ror #28]", 0x00000001
    MEM "ldr r0, [r4, r5, rrx]", 0x00000020, 0x00000000
    MEM "eor r4, r4, #0x80000000 ; ldr r0, [r4, r5, rrx]!", 0x00000020, 0x20000000
    MEM "ldr r0, [r4, r5, lsl #2]!", 5
    MEM "ldr r0, [r4, -r5, lsl #3]!", 5
    MEM "ldr r0, [r4], r5", 24
    MEM "ldr r0, [r4], -r5", 24
    MEM "ldr r0, [r4], r5, lsl #1", 24
    MEM "ldr r0, [r4], -r5, asr #1", 0xffffffc0
    MEM "str r0, [r4, r5]", 12
    MEM "str r0, [r4, -r5, lsl #1]", 12
    MEM "str r1, [r4, r5, lsl #2]!", 7
    MEM "str r1, [r4, -r5, lsr #1]!", 64
    MEM "str r2, [r4], r5, asr #3", 0xffffff00
    MEM "str r3, [r4], -r5", 36

    TITLE "bytes"
    MEM "ldrb r0, [r4]"
    MEM "ldrb r0, [r4, #1]"
    MEM "ldrb r0, [r4, #-1]"
    MEM "ldrb r0, [r4, #4095]"
    MEM "ldrb r0, [r4, #3]!"
    MEM "ldrb r0, [r4], #-3"
    MEM "ldrb r0, [r4, r5]", 5
    MEM "ldrb r0, [r4, -r5, lsl #1]!", 5
    MEM "ldrb r0, [r4], r5, lsr #1", 5
    MEM "strb r0, [r4]"
    MEM "strb r0, [r4, #1]"
    MEM "strb r1, [r4, #-3]!"
    MEM "strb r2, [r4], #7"
    MEM "strb r3, [r4, r5]", 2
    MEM "strb r3, [r4, -r5, lsl #4]!", 2
    MEM "strb r3, [r4], r5", 2
    MEM "ldrsb r0, [r4]"
    MEM "ldrsb r0, [r4, #3]"
    MEM "ldrsb r0, [r4, #-255]"
    MEM "ldrsb r0, [r4, #255]!"
    MEM "ldrsb r0, [r4], #-2"
    MEM "ldrsb r0, [r4, r5]", 9
    MEM "ldrsb r0, [r4, -r5]!", 9
    MEM "ldrsb r0, [r4], r5", 9

    TITLE "halfwords"
.irp o, 0, 2, 4, 6, -2, -4, 254, -254
    MEM "ldrh r0, [r4, #\o]"
    MEM "ldrsh r1, [r4, #\o]"
.endr
    MEM "ldrh r0, [r4, #6]!"
    MEM "ldrh r0, [r4], #-6"
    MEM "ldrsh r0, [r4, #-10]!"
    MEM "ldrsh r0, [r4], #10"
    MEM "ldrh r0, [r4, r5]", 6
    MEM "ldrh r0, [r4, -r5]", 6
    MEM "ldrh r0, [r4, r5]!", 0xfffffffe
    MEM "ldrsh r0, [r4, -r5]!", 0xfffffffe
    MEM "ldrh r0, [r4], r5", 14
    MEM "ldrsh r0, [r4], -r5", 14
    MEM "strh r0, [r4]"
    MEM "strh r0, [r4, #2]"
    MEM "strh r1, [r4, #-2]"
    MEM "strh r1, [r4, #-100]!"
    MEM "strh r2, [r4], #100"
    MEM "strh r3, [r4, r5]", 10
    MEM "strh r3, [r4, -r5]!", 10
    MEM "strh r3, [r4], -r5", 10

    TITLE "doublewords"
    MEM "ldrd r0, r1, [r4]"
    MEM "ldrd r0, r1, [r4, #8]"
    MEM "ldrd r2, r3, [r4, #-8]"
    MEM "ldrd r0, r1, [r4, #-16]!"
    MEM "ldrd r0, r1, [r4], #16"
    MEM "ldrd r2, r3, [r4, r5]", 24
    MEM "ldrd r2, r3, [r4, -r5]!", 24
    MEM "ldrd r6, r7, [r4], r5", 24
    MEM "strd r0, r1, [r4]"
    MEM "strd r2, r3, [r4, #8]"
    MEM "strd r0, r1, [r4, #-8]!"
    MEM "strd r2, r3, [r4], #-24"
    MEM "strd r6, r7, [r4, r5]", 32
    MEM "strd r0, r1, [r4, -r5]!", 32
    MEM "strd r2, r3, [r4], r5", 32

    TITLE "user-mode (T) variants and swp"
    MEM "ldrt r0, [r4], #4"
    MEM "ldrbt r0, [r4], #-1"
    MEM "strt r1, [r4], #8"
    MEM "strbt r1, [r4], r5", 3
    MEM "swp r0, r1, [r4]"
    MEM "swpb r0, r1, [r4]"
    MEM "swp r0, r0, [r4]"
    MEM "pld [r4, #64]"

    TITLE "load/store multiple"
    MEM "stmia r4, {r0-r3}"
    MEM "stmia r4!, {r0-r3}"
    MEM "stmib r4!, {r0-r3}"
    MEM "stmda r4!, {r0-r3}"
    MEM "stmdb r4!, {r0-r3}"
    MEM "stmia r4!, {r1}"
    MEM "stmdb r4!, {r0, r2, r7}"
    MEM "stmib r4, {r0, r3, r5-r7}"
    MEM "stmda r4, {r6}"
    MEM "ldmia r4, {r0-r3}"
    MEM "ldmia r4!, {r0-r3}"
    MEM "ldmib r4!, {r0-r3}"
    MEM "ldmda r4!, {r0-r3}"
    MEM "ldmdb r4!, {r0-r3}"
    MEM "ldmia r4!, {r7}"
    MEM "ldmdb r4, {r0, r2, r7}"
    MEM "ldmib r4, {r1, r3, r5-r7}"
    MEM "ldmda r4!, {r0-r3, r5-r7}"
    MEM "ldmia r4!, {r0-r3, r5-r7, r8-r11} ; mov r8, #0 ; mov r9, #0 ; mov r10, #0 ; mov r11, #0"

    TITLE "the stack (sp-relative, push/pop, full-descending)"
    MEM "mov r12, sp ; push {r0-r3} ; ldr r5, [sp, #4] ; ldr r6, [sp] ; sub r7, r12, sp ; pop {r0-r3}"
    MEM "mov r12, sp ; push {r0, r2} ; pop {r1, r3} ; sub r7, r12, sp"
    MEM "mov r12, sp ; stmfd sp!, {r0-r3} ; ldmfd sp!, {r2, r3} ; ldmfd sp!, {r5, r6} ; sub r7, r12, sp"
    MEM "mov r12, sp ; str r0, [sp, #-4]! ; str r1, [sp, #-4]! ; ldr r2, [sp], #4 ; ldr r3, [sp], #4 ; sub r7, r12, sp"
    MEM "mov r12, sp ; sub sp, sp, #16 ; strd r0, r1, [sp, #8] ; ldrd r2, r3, [sp, #8] ; ldrh r5, [sp, #10] ; add sp, sp, #16 ; sub r7, r12, sp"
    MEM "mov r12, sp ; stmea sp!, {r0,r1} ; ldmea sp!, {r2,r3} ; sub r7, r12, sp"
    MEM "mov r12, sp ; sub sp, sp, #8 ; stmia sp, {r0, r1} ; ldrb r5, [sp, #7] ; ldrsb r6, [sp, #5] ; add sp, sp, #8 ; sub r7, r12, sp"

    TITLE "pc-relative loads and ldr/ldm to pc"
    MEM "ldr r0, 1f ; b 2f ; 1: .word 0x13572468 ; 2:"
    MEM "ldr r0, [pc, #4] ; b 2f ; .word 0x11111111 ; .word 0x22222222 ; 2:"
    MEM "ldr r0, [pc, #-4] ; 1:"
    MEM "ldrh r0, 1f ; ldrsh r1, 1f+2 ; b 2f ; 1: .word 0x8001ff7f ; 2:"
    MEM "ldrd r0, r1, 1f ; b 2f ; .balign 8 ; 1: .word 0x11112222, 0x33334444 ; 2:"
    MEM "adr r0, 1f ; str r0, [r4] ; mov r0, #0 ; ldr pc, [r4] ; mov r0, #1 ; 1: add r0, r0, #2 ; mov r12, #0 ; str r12, [r4]"
    MEM "adr r1, 1f ; push {r1} ; mov r0, #5 ; pop {pc} ; mov r0, #99 ; 1: add r0, r0, #1 ; mov r1, #0"
    MEM "adr r12, 1f ; str r12, [r4, #8] ; mov r0, #7 ; ldmib r4, {r1, pc} ; mov r0, #99 ; 1: mov r12, #0 ; str r12, [r4, #8] ; ldr r1, [r4, #12]"

    mov r0, #0
    pop {r4-r11, pc}
