# smp: the BSP starts CPU 1 (APIC ID 1) with INIT-SIPI-SIPI through the local APIC; the AP
# enters at the trampoline the start-up code copied to 0x8000 (SIPI vector 0x08), goes
# 16-bit -> protected -> long mode on its own stack (0x78000, the first AP's) and prints; the UART is
# serialised by a spin lock in RAM.  The BSP waits for the AP's flag (bounded by 2^33 TSC
# ticks, ~2-8 s) and exits.
# Expected serial output:
#   smp: starting cpu 1
#   cpu 1 up
#   smp ok: 2 cpus
# Exit: EXIT_OK (status 33); EXIT_FAIL (status 35) after "smp failed: cpu 1 did not come up".
    .include "x86guest.inc"

    .equ AP_APIC_ID, 1

main:
    pushq %rbx
    pushq %r12
    leaq msg_start(%rip), %rdi
    call puts
    movl $LAPIC, %r12d
    movl $0x1FF, 0xF0(%r12)         # SVR: software-enable the local APIC
    movl $0x4500, %edi              # INIT, level assert
    call send_ipi
    movl $10000000, %edi            # ~10 ms at 1 GHz (less on faster TSCs; emulators do not care)
    call delay
    movl $0x4600 | (TRAMPOLINE >> 12), %edi   # START-UP, vector 0x08 -> 0x8000
    call send_ipi
    movl $1000000, %edi
    call delay
    cmpl $0, ap_flag                # a second SIPI only if the first one did not start it
    jne 2f
    movl $0x4600 | (TRAMPOLINE >> 12), %edi
    call send_ipi
2:  call rdtsc64
    movq %rax, %rbx
1:  cmpl $0, ap_flag
    jne 3f
    pause
    call rdtsc64
    subq %rbx, %rax
    shrq $33, %rax
    jz 1b
    leaq msg_fail(%rip), %rdi
    call puts
    movl $EXIT_FAIL, %eax
    jmp 4f
3:  leaq msg_ok(%rip), %rdi
    call puts
    movl $EXIT_OK, %eax
4:  popq %r12
    popq %rbx
    ret

# send_ipi(%edi = ICR low) to AP_APIC_ID; waits (bounded) until the APIC has sent it
send_ipi:
    movl $LAPIC, %eax
    movl $AP_APIC_ID << 24, 0x310(%rax)
    movl %edi, 0x300(%rax)          # writing ICR low sends
    movl $1000000, %ecx
1:  testl $0x1000, 0x300(%rax)      # delivery status
    jz 2f
    pause
    decl %ecx
    jnz 1b
2:  ret

# the AP, in long mode on its own stack: %edi = its APIC ID
    .globl ap_main
ap_main:
    pushq %rbx
    movl %edi, %ebx
    leaq msg_cpu(%rip), %rdi
    call puts
    movl %ebx, %edi
    call putdec
    leaq msg_up(%rip), %rdi
    call puts
    movl %ebx, ap_flag              # after its output: the BSP may print and exit now
    popq %rbx
    ret                             # -> halt_forever

    .section .rodata
msg_start: .asciz "smp: starting cpu 1\n"
msg_cpu:   .asciz "cpu "
msg_up:    .asciz " up\n"
msg_ok:    .asciz "smp ok: 2 cpus\n"
msg_fail:  .asciz "smp failed: cpu 1 did not come up\n"

    .section .bss
    .balign 4
ap_flag: .long 0
