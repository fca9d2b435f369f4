# virtio-blk: scans the virtio-mmio transports (0xFEB00000 + 0x200 * i, i = 0..7, then on to
# 23: QEMU 7.2's microvm has 24 and fills the last first) for MagicValue "virt", Version 2,
# DeviceID 2, stopping at the first; negotiates VIRTIO_F_VERSION_1 (and nothing else);
# sets up split queue 0 (8 entries) in RAM; polls the used ring (no interrupts).  Reads
# sector 0 and prints its first 16 bytes as text (non-printable bytes as '.'), writes the
# pattern byte[i] = (i & 0xFF) ^ 0xA5 to sector 1, reads it back and compares.
# Expected serial output (sector 0 starting with the 16 bytes "CrossEmu-virtio!"):
#   virtio-blk: sector 0: CrossEmu-virtio!
#   virtio-blk ok
# Exit: EXIT_OK (status 33); after a "virtio-blk failed: ..." line
#   0x12 (status 37) no virtio-blk device on a version-2 transport
#   0x13 (status 39) VIRTIO_F_VERSION_1 not offered or FEATURES_OK not accepted
#   0x14 (status 41) queue 0 unusable, a request timed out or its status was not OK
#   0x15 (status 43) sector 1 read back differs from what was written
    .include "x86guest.inc"

    .equ EXIT_NODEV,    0x12
    .equ EXIT_FEATURES, 0x13
    .equ EXIT_IO,       0x14
    .equ EXIT_COMPARE,  0x15

    # virtio-mmio registers
    .equ VM_MAGIC, 0x000
    .equ VM_VERSION, 0x004
    .equ VM_DEVICE_ID, 0x008
    .equ VM_DEVICE_FEATURES, 0x010
    .equ VM_DEVICE_FEATURES_SEL, 0x014
    .equ VM_DRIVER_FEATURES, 0x020
    .equ VM_DRIVER_FEATURES_SEL, 0x024
    .equ VM_QUEUE_SEL, 0x030
    .equ VM_QUEUE_NUM_MAX, 0x034
    .equ VM_QUEUE_NUM, 0x038
    .equ VM_QUEUE_READY, 0x044
    .equ VM_QUEUE_NOTIFY, 0x050
    .equ VM_INTERRUPT_STATUS, 0x060
    .equ VM_INTERRUPT_ACK, 0x064
    .equ VM_STATUS, 0x070
    .equ VM_QUEUE_DESC_LOW, 0x080
    .equ VM_QUEUE_DESC_HIGH, 0x084
    .equ VM_QUEUE_DRIVER_LOW, 0x090
    .equ VM_QUEUE_DRIVER_HIGH, 0x094
    .equ VM_QUEUE_DEVICE_LOW, 0x0A0
    .equ VM_QUEUE_DEVICE_HIGH, 0x0A4

    # queue memory (RAM)
    .equ QSIZE, 8
    .equ VQ_DESC, 0x30000           # 16 bytes per descriptor
    .equ VQ_AVAIL, 0x30100          # flags, idx, ring[QSIZE]
    .equ VQ_USED, 0x30200           # flags, idx, ring[QSIZE] of {id, len}
    .equ REQ_HDR, 0x31000           # type, reserved, sector
    .equ REQ_STATUS, 0x31010
    .equ DATA_BUF, 0x32000          # 512 bytes

# The device's transport base is kept in %r12 by main and used by the helpers.
main:
    pushq %rbx
    pushq %r12
    # ---- find the device ----
    movl $VIRTIO_MMIO, %r12d
    movl $24, %ebx
1:  cmpl $0x74726976, VM_MAGIC(%r12)
    jne 2f
    cmpl $2, VM_VERSION(%r12)
    jne 2f
    cmpl $2, VM_DEVICE_ID(%r12)
    je found
2:  addl $0x200, %r12d
    decl %ebx
    jnz 1b
    leaq msg_nodev(%rip), %rdi
    movl $EXIT_NODEV, %ebx
    jmp fail
found:
    # ---- initialise: reset, ACKNOWLEDGE, DRIVER, features, FEATURES_OK ----
    movl $0, VM_STATUS(%r12)
    movl $1, VM_STATUS(%r12)
    movl $3, VM_STATUS(%r12)
    movl $1, VM_DEVICE_FEATURES_SEL(%r12)
    testl $1, VM_DEVICE_FEATURES(%r12)   # bit 32: VIRTIO_F_VERSION_1
    jz bad_features
    movl $0, VM_DRIVER_FEATURES_SEL(%r12)
    movl $0, VM_DRIVER_FEATURES(%r12)
    movl $1, VM_DRIVER_FEATURES_SEL(%r12)
    movl $1, VM_DRIVER_FEATURES(%r12)
    movl $0xB, VM_STATUS(%r12)
    testl $8, VM_STATUS(%r12)
    jz bad_features
    # ---- queue 0 ----
    movl $VQ_DESC, %edi
    xorl %eax, %eax
    movl $0x3000, %ecx
    rep stosb
    movl $0, VM_QUEUE_SEL(%r12)
    cmpl $QSIZE, VM_QUEUE_NUM_MAX(%r12)
    jb bad_queue
    movl $QSIZE, VM_QUEUE_NUM(%r12)
    movl $VQ_DESC, VM_QUEUE_DESC_LOW(%r12)
    movl $0, VM_QUEUE_DESC_HIGH(%r12)
    movl $VQ_AVAIL, VM_QUEUE_DRIVER_LOW(%r12)
    movl $0, VM_QUEUE_DRIVER_HIGH(%r12)
    movl $VQ_USED, VM_QUEUE_DEVICE_LOW(%r12)
    movl $0, VM_QUEUE_DEVICE_HIGH(%r12)
    movl $1, VM_QUEUE_READY(%r12)
    movl $0xF, VM_STATUS(%r12)      # DRIVER_OK
    # ---- read sector 0, print its first 16 bytes ----
    xorl %edi, %edi                 # VIRTIO_BLK_T_IN
    xorl %esi, %esi
    call blk_request
    testl %eax, %eax
    jnz io_failed
    movl $DATA_BUF, %esi
    leaq text_buf, %rdi
    movl $16, %ecx
3:  movb (%rsi), %al
    cmpb $0x20, %al
    jb 4f
    cmpb $0x7E, %al
    jbe 5f
4:  movb $0x2E, %al                 # '.'
5:  movb %al, (%rdi)
    incl %esi
    incq %rdi
    decl %ecx
    jnz 3b
    movb $0, (%rdi)
    leaq msg_sector0(%rip), %rdi
    call puts
    leaq text_buf, %rdi
    call puts
    leaq msg_nl(%rip), %rdi
    call puts
    # ---- write the pattern to sector 1 ----
    call fill_pattern
    movl $1, %edi                   # VIRTIO_BLK_T_OUT
    movl $1, %esi
    call blk_request
    testl %eax, %eax
    jnz io_failed
    # ---- clear the buffer, read sector 1 back, compare ----
    movl $DATA_BUF, %edi
    xorl %eax, %eax
    movl $512, %ecx
    rep stosb
    xorl %edi, %edi
    movl $1, %esi
    call blk_request
    testl %eax, %eax
    jnz io_failed
    xorl %ecx, %ecx
6:  movl %ecx, %eax
    xorb $0xA5, %al
    cmpb %al, DATA_BUF(%ecx)
    jne mismatch
    incl %ecx
    cmpl $512, %ecx
    jb 6b
    leaq msg_ok(%rip), %rdi
    call puts
    movl $EXIT_OK, %eax
    popq %r12
    popq %rbx
    ret

bad_features:
    leaq msg_features(%rip), %rdi
    movl $EXIT_FEATURES, %ebx
    jmp fail
bad_queue:
    leaq msg_queue(%rip), %rdi
    movl $EXIT_IO, %ebx
    jmp fail
io_failed:
    leaq msg_io(%rip), %rdi
    movl $EXIT_IO, %ebx
    jmp fail
mismatch:
    leaq msg_mismatch(%rip), %rdi
    movl $EXIT_COMPARE, %ebx
fail:                               # %rdi = message, %ebx = exit value
    call puts
    movl %ebx, %eax
    popq %r12
    popq %rbx
    ret

fill_pattern:                       # DATA_BUF[i] = (i & 0xFF) ^ 0xA5
    xorl %ecx, %ecx
1:  movl %ecx, %eax
    xorb $0xA5, %al
    movb %al, DATA_BUF(%ecx)
    incl %ecx
    cmpl $512, %ecx
    jb 1b
    ret

# blk_request(%edi = type (0 read, 1 write), %rsi = sector): one request of three
# descriptors (header, 512 data bytes, status), polled to completion.
# Returns %eax = 0 when the device completed it with VIRTIO_BLK_S_OK.
blk_request:
    pushq %rbx
    movl %edi, REQ_HDR
    movl $0, REQ_HDR + 4
    movq %rsi, REQ_HDR + 8
    movb $0xFF, REQ_STATUS
    # desc 0: header (device reads)
    movq $REQ_HDR, VQ_DESC
    movl $16, VQ_DESC + 8
    movw $1, VQ_DESC + 12           # NEXT
    movw $1, VQ_DESC + 14
    # desc 1: data (device writes it for a read)
    movq $DATA_BUF, VQ_DESC + 16
    movl $512, VQ_DESC + 24
    movl $3, %eax                   # NEXT | WRITE
    testl %edi, %edi
    jz 1f
    movl $1, %eax                   # NEXT
1:  movw %ax, VQ_DESC + 28
    movw $2, VQ_DESC + 30
    # desc 2: status (device writes)
    movq $REQ_STATUS, VQ_DESC + 32
    movl $1, VQ_DESC + 40
    movw $2, VQ_DESC + 44           # WRITE
    movw $0, VQ_DESC + 46
    # publish head 0 in the available ring
    movzwl VQ_AVAIL + 2, %eax
    movl %eax, %ecx
    andl $QSIZE - 1, %ecx
    movw $0, VQ_AVAIL + 4(,%rcx,2)
    incl %eax
    mfence
    movw %ax, VQ_AVAIL + 2
    mfence
    movl $0, VM_QUEUE_NOTIFY(%r12)
    # poll the used ring, bounded by 2^32 TSC ticks
    movl %eax, %ebx                 # the used idx to wait for
    call rdtsc64
    movq %rax, %r8
2:  movzwl VQ_USED + 2, %eax
    cmpw %bx, %ax
    je 3f
    pause
    call rdtsc64
    subq %r8, %rax
    shrq $32, %rax
    jz 2b
    movl $1, %eax                   # timed out
    popq %rbx
    ret
3:  movl VM_INTERRUPT_STATUS(%r12), %eax
    movl %eax, VM_INTERRUPT_ACK(%r12)
    movzbl REQ_STATUS, %eax         # 0 = VIRTIO_BLK_S_OK
    popq %rbx
    ret

    .section .rodata
msg_sector0:  .asciz "virtio-blk: sector 0: "
msg_ok:       .asciz "virtio-blk ok\n"
msg_nodev:    .asciz "virtio-blk failed: no virtio-blk device on a version-2 virtio-mmio transport\n"
msg_features: .asciz "virtio-blk failed: VIRTIO_F_VERSION_1 not offered or FEATURES_OK refused\n"
msg_queue:    .asciz "virtio-blk failed: queue 0 has fewer than 8 entries\n"
msg_io:       .asciz "virtio-blk failed: request timed out or returned an error\n"
msg_mismatch: .asciz "virtio-blk failed: sector 1 read back differs from what was written\n"

    .section .bss
text_buf: .space 20
