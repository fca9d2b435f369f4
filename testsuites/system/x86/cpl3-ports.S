# cpl3-ports: ring 3's port access is what the TSS I/O bitmap says (ring 3 runs with IOPL 0, as
# cpl3-loop does): after IRETQ to ring 3 it prints through COM1 (granted), then writes port 0x80
# (not granted), which must raise #GP(0) at that OUT.  The #GP handler checks the frame (error
# code 0, RIP of the OUT, ring 3 CS), prints and exits.
# Expected serial output:
#   cpl3-ports: entering ring 3
#   cpl 3: com1 granted
#   cpl 3: port 0x80 denied: #GP(0) at the out
# Exit: EXIT_OK (status 33); EXIT_FAIL (status 35) when the OUT does not fault ("... not denied"),
# or faults with another frame ("... wrong #GP frame: <error code> <rip>").
    .include "x86guest.inc"

    .equ DENIED_PORT, 0x80

main:
    movl $13, %edi
    leaq gp_handler(%rip), %rsi
    call set_gate
    leaq msg_enter(%rip), %rdi
    call puts
    pushq $SEL_UDATA | 3            # SS
    pushq $USER_STACK_TOP           # RSP
    pushq $0x0002                   # RFLAGS: IOPL=0, IF=0
    pushq $SEL_UCODE64 | 3          # CS
    leaq user_main(%rip), %rax
    pushq %rax                      # RIP
    iretq

user_main:                          # CPL3
    leaq msg_granted(%rip), %rdi
    call puts
    movw $DENIED_PORT, %dx
    xorl %eax, %eax
denied_out:
    outb %al, %dx
    leaq msg_not_denied(%rip), %rdi # still here: the OUT was allowed
    call puts
    movl $EXIT_FAIL, %edi
    call exit

gp_handler:                         # CPL0; frame: error code, RIP, CS, RFLAGS, RSP, SS
    cmpq $0, (%rsp)
    jne 1f
    leaq denied_out(%rip), %rax
    cmpq %rax, 8(%rsp)
    jne 1f
    cmpq $SEL_UCODE64 | 3, 16(%rsp)
    jne 1f
    leaq msg_denied(%rip), %rdi
    call puts
    movl $EXIT_OK, %edi
    call exit
1:  leaq msg_bad_frame(%rip), %rdi
    call puts
    movq (%rsp), %rdi
    call puthex
    leaq msg_space(%rip), %rdi
    call puts
    movq 8(%rsp), %rdi
    call puthex
    leaq msg_nl(%rip), %rdi
    call puts
    movl $EXIT_FAIL, %edi
    call exit

    .section .rodata
msg_enter:      .asciz "cpl3-ports: entering ring 3\n"
msg_granted:    .asciz "cpl 3: com1 granted\n"
msg_denied:     .asciz "cpl 3: port 0x80 denied: #GP(0) at the out\n"
msg_not_denied: .asciz "cpl 3: port 0x80 not denied\n"
msg_bad_frame:  .asciz "cpl 3: port 0x80: wrong #GP frame: "
