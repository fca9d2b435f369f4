# portio: long mode, then N OUT instructions to an unclaimed port (0x510), then exit.
# The benchmark divides the run time (minus that of hello) by N: the cost of one
# port-I/O exit round trip.  N: the u64 at image offset 8 (guest_param), default 100000.
# Expected serial output (default N):
#   portio: 100000 out to port 0x510
#   portio done
# Exit: EXIT_OK (status 33).
    .equ GUEST_PARAM, 100000
    .equ PORTIO_PORT, 0x510
    .include "x86guest.inc"

main:
    leaq msg_start(%rip), %rdi
    call puts
    movq guest_param(%rip), %rdi
    call putdec
    leaq msg_port(%rip), %rdi
    call puts
    movq guest_param(%rip), %rcx
    testq %rcx, %rcx
    jz 2f
    movw $PORTIO_PORT, %dx
    xorl %eax, %eax
1:  outb %al, %dx
    decq %rcx
    jnz 1b
2:  leaq msg_done(%rip), %rdi
    call puts
    movl $EXIT_OK, %eax
    ret

    .section .rodata
msg_start: .asciz "portio: "
msg_port:  .asciz " out to port 0x510\n"
msg_done:  .asciz "portio done\n"
