# hello: reset vector -> 16-bit -> protected mode -> long mode; prints through the UART
# and leaves through debug-exit.
# Expected serial output:
#   hello from long mode
#   mode: 64-bit long mode (EFER.LMA=1, CR0.PG=1, CR4.PAE=1)
# Exit: EXIT_OK (0x10, status 33); EXIT_FAIL (status 35) when LMA is not set.
    .include "x86guest.inc"

main:
    leaq msg_hello(%rip), %rdi
    call puts
    movl $0xC0000080, %ecx
    rdmsr
    btl $10, %eax                   # EFER.LMA
    jnc 1f
    movq %cr0, %rax
    btl $31, %eax
    jnc 1f
    movq %cr4, %rax
    btl $5, %eax
    jnc 1f
    leaq msg_mode(%rip), %rdi
    call puts
    movl $EXIT_OK, %eax
    ret
1:  leaq msg_nolong(%rip), %rdi
    call puts
    movl $EXIT_FAIL, %eax
    ret

    .section .rodata
msg_hello:  .asciz "hello from long mode\n"
msg_mode:   .asciz "mode: 64-bit long mode (EFER.LMA=1, CR0.PG=1, CR4.PAE=1)\n"
msg_nolong: .asciz "mode: NOT long mode\n"
