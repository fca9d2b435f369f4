# irq: long mode with an IDT; the 8259 PICs remapped to vectors 0x20/0x28, the local APIC
# enabled with LINT0 in ExtINT mode (virtual wire: the PIC's INTR reaches the CPU), the PIT's
# channel 0 at ~1 kHz (IRQ 0).  STI, wait (TSC-bounded) for the first timer interrupt, then HLT
# until 5 have been counted (at most 1000 HLTs).  Then the UART's THRE interrupt (IRQ 4):
# IER.ETBEI with an empty transmitter raises it at once.
# Expected serial output:
#   irq: pic and pit programmed
#   irq ok: 5 timer interrupts
#   irq ok: uart thre interrupt
# Exit: EXIT_OK (status 33); EXIT_FAIL (status 35) after "irq failed: ..." when an interrupt
# does not come.
    .include "x86guest.inc"

    .equ PIT_DIVISOR, 1193          # 1.193182 MHz / 1193 = ~1 kHz
    .equ TIMER_TARGET, 5

main:
    pushq %rbx
    movl $0x20, %edi
    leaq timer_isr(%rip), %rsi
    call set_gate
    movl $0x24, %edi
    leaq uart_isr(%rip), %rsi
    call set_gate
    movl $0x27, %edi
    leaq spurious_isr(%rip), %rsi
    call set_gate
    movl $0x2F, %edi
    leaq spurious_isr(%rip), %rsi
    call set_gate
    # local APIC: software-enabled (spurious vector 0xFF), LINT0 = ExtINT, LINT1 = NMI
    movl $LAPIC, %eax
    movl $0x1FF, 0xF0(%rax)
    movl $0x700, 0x350(%rax)
    movl $0x400, 0x360(%rax)
    # 8259 pair: ICW1..ICW4, then masks (only IRQ 0)
    leaq pic_init_seq(%rip), %rsi
1:  movzwl (%rsi), %edx
    testl %edx, %edx
    jz 2f
    movb 2(%rsi), %al
    outb %al, %dx
    addq $4, %rsi
    jmp 1b
2:  # PIT channel 0: lobyte/hibyte, mode 2 (rate generator)
    movb $0x34, %al
    outb %al, $0x43
    movb $PIT_DIVISOR & 0xFF, %al
    outb %al, $0x40
    movb $PIT_DIVISOR >> 8, %al
    outb %al, $0x40
    leaq msg_start(%rip), %rdi
    call puts
    sti
    # the first timer interrupt, bounded by 2^32 TSC ticks (~1-2 s)
    call rdtsc64
    movq %rax, %rbx
3:  cmpl $0, timer_count
    jne 4f
    pause
    call rdtsc64
    subq %rbx, %rax
    shrq $32, %rax
    jz 3b
    jmp no_timer
4:  movl $1000, %ebx                # then HLT until TIMER_TARGET, at most 1000 wake-ups
5:  cmpl $TIMER_TARGET, timer_count
    jae 6f
    hlt
    decl %ebx
    jnz 5b
    jmp no_timer
6:  cli
    movb $0xFF, %al                 # mask the PIT again
    outb %al, $0x21
    leaq msg_timer_ok(%rip), %rdi
    call puts
    # UART THRE interrupt
    movb $0xEF, %al                 # only IRQ 4
    outb %al, $0x21
    movw $COM1 + 1, %dx
    movb $0x02, %al                 # IER.ETBEI
    outb %al, %dx
    sti
    call rdtsc64
    movq %rax, %rbx
7:  cmpl $0, uart_count
    jne 8f
    pause
    call rdtsc64
    subq %rbx, %rax
    shrq $32, %rax
    jz 7b
    cli
    leaq msg_no_uart(%rip), %rdi
    call puts
    movl $EXIT_FAIL, %eax
    popq %rbx
    ret
8:  cli
    leaq msg_uart_ok(%rip), %rdi
    call puts
    movl $EXIT_OK, %eax
    popq %rbx
    ret
no_timer:
    cli
    leaq msg_no_timer(%rip), %rdi
    call puts
    movl timer_count, %edi
    call putdec
    leaq msg_nl(%rip), %rdi
    call puts
    movl $EXIT_FAIL, %eax
    popq %rbx
    ret

timer_isr:
    pushq %rax
    incl timer_count
    movb $0x20, %al                 # EOI to the master PIC
    outb %al, $0x20
    popq %rax
    iretq

uart_isr:
    pushq %rax
    pushq %rdx
    movw $COM1 + 2, %dx
    inb %dx, %al                    # IIR: reading it clears a THRE interrupt
    movw $COM1 + 1, %dx
    xorb %al, %al
    outb %al, %dx                   # IER = 0: no more
    incl uart_count
    movb $0x20, %al
    outb %al, $0x20
    popq %rdx
    popq %rax
    iretq

spurious_isr:                       # IRQ 7 / 15 without a request: no EOI
    iretq

    .section .rodata
    .balign 4
pic_init_seq:                       # port (u16), value (u8), pad
    .word 0x20; .byte 0x11, 0       # ICW1: edge, cascade, ICW4 follows
    .word 0xA0; .byte 0x11, 0
    .word 0x21; .byte 0x20, 0       # ICW2: master vectors 0x20..0x27
    .word 0xA1; .byte 0x28, 0       #       slave 0x28..0x2F
    .word 0x21; .byte 0x04, 0       # ICW3: slave on IRQ 2
    .word 0xA1; .byte 0x02, 0
    .word 0x21; .byte 0x01, 0       # ICW4: 8086 mode
    .word 0xA1; .byte 0x01, 0
    .word 0x21; .byte 0xFE, 0       # OCW1: only IRQ 0
    .word 0xA1; .byte 0xFF, 0
    .word 0
msg_start:    .asciz "irq: pic and pit programmed\n"
msg_timer_ok: .asciz "irq ok: 5 timer interrupts\n"
msg_uart_ok:  .asciz "irq ok: uart thre interrupt\n"
msg_no_timer: .asciz "irq failed: timer interrupts counted: "
msg_no_uart:  .asciz "irq failed: no uart thre interrupt\n"

    .section .bss
    .balign 4
timer_count: .long 0
uart_count:  .long 0
