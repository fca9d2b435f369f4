# cpl3-loop: long mode, then IRETQ to ring 3 with IOPL 0.  Ring 3 uses the UART and the
# debug-exit port directly, allowed by the I/O bitmap of the start-up code's TSS, not by IOPL:
# PVM runs guest ring 3 with IOPL 0 whatever the guest sets and checks only that bitmap
# (pvm-spec: "Underlying RFLAGS: IOPL=0"), hardware checks the bitmap when IOPL < CPL.
# No way back to ring 0 is needed: the TSS's RSP0 only gives a fault in ring 3 a stack to
# report it on.  Ring 3 runs the compute loop of
# loop.inc for N iterations, prints the checksum and exits.  The native program
# native/cpl3-loop-native.S runs the same loop: compare the checksums and the times.
# N: the u64 at image offset 8 (guest_param), default LOOP_DEFAULT_N; the host may patch it.
# Expected serial output (default N):
#   cpl3-loop: entering ring 3
#   cpl 3, iterations 100000000
#   checksum <16 hex digits, as printed by cpl3-loop-native>
# Exit: EXIT_OK (status 33), or EXIT_FAIL (status 35) if the code does not run at CPL3.
    .include "loop.inc"
    .equ GUEST_PARAM, LOOP_DEFAULT_N
    .include "x86guest.inc"

main:
    leaq msg_enter(%rip), %rdi
    call puts
    pushq $SEL_UDATA | 3            # SS
    pushq $USER_STACK_TOP           # RSP
    pushq $0x0002                   # RFLAGS: IOPL=0 (ports by the TSS I/O bitmap), IF=0
    pushq $SEL_UCODE64 | 3          # CS
    leaq user_main(%rip), %rax
    pushq %rax                      # RIP
    iretq

user_main:                          # CPL3
    movw %cs, %ax
    andl $3, %eax
    cmpl $3, %eax
    jne 9f
    leaq msg_cpl(%rip), %rdi
    call puts
    movq guest_param(%rip), %rdi
    call putdec
    leaq msg_nl(%rip), %rdi
    call puts
    movq guest_param(%rip), %rcx
    COMPUTE_LOOP
    movq %rax, %rbx
    leaq msg_sum(%rip), %rdi
    call puts
    movq %rbx, %rdi
    call puthex
    leaq msg_nl(%rip), %rdi
    call puts
    movl $EXIT_OK, %edi
    call exit
9:  leaq msg_notcpl3(%rip), %rdi
    call puts
    movl $EXIT_FAIL, %edi
    call exit

    .section .rodata
msg_enter:   .asciz "cpl3-loop: entering ring 3\n"
msg_cpl:     .asciz "cpl 3, iterations "
msg_sum:     .asciz "checksum "
msg_notcpl3: .asciz "not running at CPL3\n"
