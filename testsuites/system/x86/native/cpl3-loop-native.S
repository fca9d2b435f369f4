# cpl3-loop-native: the cpl3-loop guest's compute loop (loop.inc) as a static x86-64 Linux
# program without libc, for comparing guest time with native time.
#   cpl3-loop-native [N]      N iterations (decimal), default LOOP_DEFAULT_N
# Prints "checksum <16 hex digits>\n" (the guest's checksum line) and exits 0.
    .include "loop.inc"

    .text
    .globl _start
_start:
    movq (%rsp), %rax               # argc
    movq $LOOP_DEFAULT_N, %rcx
    cmpq $2, %rax
    jb 3f
    movq 16(%rsp), %rsi             # argv[1]
    xorl %ecx, %ecx
1:  movzbl (%rsi), %eax
    subl $0x30, %eax
    cmpl $9, %eax
    ja 3f
    imulq $10, %rcx, %rcx
    addq %rax, %rcx
    incq %rsi
    jmp 1b
3:  COMPUTE_LOOP
    # format "checksum " + 16 hex digits + "\n" on the stack
    subq $32, %rsp
    movabsq $0x6d75736b63656863, %rdx   # "checksum"
    movq %rdx, (%rsp)
    movb $0x20, 8(%rsp)
    leaq 9(%rsp), %rdi
    movl $16, %ecx
4:  rolq $4, %rax
    movl %eax, %edx
    andl $15, %edx
    leaq hexdigits(%rip), %rsi
    movb (%rsi,%rdx), %dl
    movb %dl, (%rdi)
    incq %rdi
    decl %ecx
    jnz 4b
    movb $10, (%rdi)
    movl $1, %eax                   # write(1, buf, 26)
    movl $1, %edi
    movq %rsp, %rsi
    movl $26, %edx
    syscall
    movl $60, %eax                  # exit(0)
    xorl %edi, %edi
    syscall

    .section .rodata
hexdigits:
    .ascii "0123456789abcdef"
    .section .note.GNU-stack, "", @progbits
