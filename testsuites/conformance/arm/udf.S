@ udf.S: executing the permanently-undefined instruction (UDF #0, 0xe7f000f0)
@ kills the process with SIGILL (exit status 128 + 4 = 132) after a line
@ has been written with the write syscall.
    .syntax unified
    .arm
    .text
    .globl main
main:
    push {r4, lr}
    mov r0, #1
    ldr r1, =msg
    mov r2, #(msg_end - msg)
    bl write
    .word 0xe7f000f0
    mov r0, #0
    pop {r4, pc}

    .section .rodata
msg:
    .ascii "executing udf\n"
msg_end:

    .section .note.GNU-stack,"",%progbits
