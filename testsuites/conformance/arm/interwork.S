@ interwork.S: ARM <-> Thumb interworking on ARMv5TE: blx immediate and
@ register, bx, ldr pc and pop {pc} / ldm into pc switching state, Thumb code
@ calling ARM code and libc, and a Thumb-1 instruction mix.
    .syntax unified
    .text

@ SHOW "label": prints "label = <r0 in hex>"
.macro SHOW label
    mov r1, r0
    ldr r0, =8f
    bl printf
    b 9f
    .ltorg
    .pushsection .rodata.str1.1,"aMS",%progbits,1
8:  .asciz "\label = %08x\n"
    .popsection
9:
.endm

    .arm
    .globl main
main:
    push {r4-r11, lr}

    mov r0, #40
    mov r1, #2
    blx t_add
    SHOW "blx imm to thumb add(40,2)"

    mov r0, #100
    mov r1, #23
    ldr r12, =t_add
    blx r12
    SHOW "blx reg to thumb add(100,23)"

    mov r0, #5
    mov r1, #6
    adr r12, t_add + 1
    mov lr, pc
    bx r12
    SHOW "mov lr,pc; bx to thumb add(5,6)"

    mov r0, #7
    mov r1, #8
    adr lr, 1f
    ldr pc, =t_add
1:  SHOW "ldr pc to thumb add(7,8)"

    mov r0, #21
    blx t_calls_arm
    SHOW "thumb calling arm double(21)+1"

    mov r0, #10
    blx t_mix
    SHOW "thumb-1 instruction mix(10)"

    mov r0, #3
    blx t_recurse
    SHOW "thumb recursive sum(3..0) via bl"

    blx t_printf
    SHOW "thumb calls printf, returns"

    mov r0, #0x11
    ldr r1, =t_add
    push {r1}
    mov r1, #0x22
    adr lr, 2f
    pop {pc}
2:  SHOW "pop {pc} into thumb add(0x11,0x22)"

    mov r0, #0
    pop {r4-r11, pc}

a_double:
    add r0, r0, r0
    bx lr

    .ltorg

    .thumb
    .thumb_func
t_add:
    adds r0, r0, r1
    bx lr

    .thumb_func
t_calls_arm:
    push {r4, lr}
    blx a_double
    adds r0, #1
    pop {r4, pc}

    .thumb_func
t_recurse:
    push {r4, lr}
    movs r4, r0
    beq 1f
    subs r0, #1
    bl t_recurse
    adds r0, r0, r4
    pop {r4, pc}
1:  movs r0, #0
    pop {r4, pc}

    .thumb_func
t_printf:
    push {r4, lr}
    ldr r0, =fmt_thumb
    movs r1, #99
    bl printf
    pop {r4, pc}

    @ r0 = n; exercises Thumb-1 ALU, shifts, multiply, loads/stores,
    @ sp-relative addressing, literal loads and conditional branches.
    .thumb_func
t_mix:
    push {r4-r7, lr}
    sub sp, #32
    movs r4, r0            @ n
    movs r5, #0            @ acc
    mov r6, sp
1:  lsls r1, r4, #3
    adds r5, r5, r1
    lsrs r2, r4, #1
    eors r5, r2
    movs r3, #13
    muls r3, r4
    subs r5, r5, r3
    asrs r1, r5, #2
    orrs r5, r1
    mvns r2, r4
    ands r2, r5
    bics r5, r2
    movs r1, #3
    rors r5, r1
    negs r1, r1
    adds r5, r5, r1
    adds r5, r5, r4
    lsls r1, r4, #2
    str r5, [r6, #0]
    strh r4, [r6, #4]
    strb r4, [r6, #6]
    ldr r2, [r6, #0]
    ldrh r3, [r6, #4]
    ldrb r7, [r6, #6]
    adds r5, r2, r3
    adds r5, r5, r7
    str r5, [sp, #8]
    ldr r5, [sp, #8]
    movs r2, #6
    ldrsb r3, [r6, r2]
    ldrsh r7, [r6, r2]
    adds r5, r5, r3
    cmp r4, #5
    bgt 2f
    adds r5, #100
2:  ldr r1, =0x01010101
    adds r5, r5, r1
    adcs r5, r4
    cmn r5, r4
    sbcs r5, r7
    subs r4, #1
    bne 1b
    movs r0, r5
    add sp, #32
    pop {r4-r7, pc}
    .ltorg

    .section .rodata
fmt_thumb:
    .asciz "printf from thumb: %d\n"

    .section .note.GNU-stack,"",%progbits
