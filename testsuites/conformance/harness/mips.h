/* MIPS32 (o32, either byte order, FR = 0 FPU) side of the harness. */
#define NREGS  32                 /* $0-$31 ($0 stays 0) */
#define NEXTRA 35                 /* hi, lo, f0-f31, fcsr */
#include "harness.h"
#define X_HI 0
#define X_LO 1
#define X_F0 2
#define X_FCSR 34

#define SYS_write        4004
#define SYS_open         4005
#define SYS_exit_group   4246
#define SYS_rt_sigaction 4194
#define SYS_sigaltstack  4206

#define SIG_ILL 4
#define SIG_TRAP 5
#define SIG_BUS 10
#define SIG_FPE 8
#define SIG_SEGV 11
#define SA_SIGINFO_ 0x8
#define SA_ONSTACK_ 0x08000000
#define O_WRONLY_CREAT_TRUNC 01401   /* O_WRONLY | O_CREAT (0x100) | O_TRUNC (0x200) */

/* The trap that starts and ends each sequence: SPECIAL function 0x3f, reserved in MIPS32. */
#define TRAP_WORD 0x0000003fu

static inline long sys_result(long v0, long a3) { return a3 ? -v0 : v0; }

static inline long sys3(long n, long a, long b, long c)
{
    register long v0 __asm__("$2") = n, a0 __asm__("$4") = a, a1 __asm__("$5") = b, a2 __asm__("$6") = c, a3 __asm__("$7");
    __asm__ volatile("syscall" : "+r"(v0), "=r"(a3) : "r"(a0), "r"(a1), "r"(a2)
                     : "$1", "$3", "$8", "$9", "$10", "$11", "$12", "$13", "$14", "$15", "$24", "$25", "hi", "lo", "memory");
    return sys_result(v0, a3);
}

static inline long sys4(long n, long a, long b, long c, long d)
{
    register long v0 __asm__("$2") = n, a0 __asm__("$4") = a, a1 __asm__("$5") = b, a2 __asm__("$6") = c, a3 __asm__("$7") = d;
    __asm__ volatile("syscall" : "+r"(v0), "+r"(a3) : "r"(a0), "r"(a1), "r"(a2)
                     : "$1", "$3", "$8", "$9", "$10", "$11", "$12", "$13", "$14", "$15", "$24", "$25", "hi", "lo", "memory");
    return sys_result(v0, a3);
}

/* o32 struct sigaction: flags come first; there is no restorer (the kernel supplies one). */
struct ksigaction { unsigned long flags; void *handler; uint32_t mask[4]; };
struct kstack { void *sp; unsigned long size; int flags; };

static void make_action(struct ksigaction *a, void *handler)
{
    a->handler = handler;
    a->flags = SA_SIGINFO_ | SA_ONSTACK_;
    a->mask[0] = a->mask[1] = a->mask[2] = a->mask[3] = 0xffffffffu;
}

static void make_stack(struct kstack *s, void *sp, unsigned long size) { s->sp = sp; s->flags = 0; s->size = size; }

/* MIPS siginfo: signo, code, errno, then the fault address. */
static inline uint32_t si_code_of(const uint32_t *si) { return si[1]; }

/* ucontext: uc_flags, uc_link, uc_stack (12 bytes), pad, then sigcontext with 64-bit slots:
 * regmask, status, pc, regs[32], fpregs[32], acx, fpc_csr, fpc_eir, used_math, dsp, mdhi, mdlo. */
#define UC_SC 24
#define SC_PC 8
#define SC_REGS 16
#define SC_FPREGS 272
#define SC_FPC_CSR 532
#define SC_MDHI 552
#define SC_MDLO 560
static inline uint64_t *uc_slot(void *uc, int offset) { return (uint64_t *)((char *)uc + UC_SC + offset); }
static inline uint32_t uc_pc(void *uc) { return (uint32_t)*uc_slot(uc, SC_PC); }
static inline void uc_set_pc(void *uc, uint32_t pc) { *uc_slot(uc, SC_PC) = pc; }

#define CONTEXT_WORDS 35
static void save_context(void *uc, uint32_t *ctx)
{
    for (int i = 0; i < 32; i++) ctx[i] = (uint32_t)*uc_slot(uc, SC_REGS + 8 * i);
    ctx[32] = (uint32_t)*uc_slot(uc, SC_MDHI);
    ctx[33] = (uint32_t)*uc_slot(uc, SC_MDLO);
    ctx[34] = uc_pc(uc);
}
static void restore_context(void *uc, const uint32_t *ctx)
{
    for (int i = 1; i < 32; i++) *uc_slot(uc, SC_REGS + 8 * i) = ctx[i];
    *uc_slot(uc, SC_MDHI) = ctx[32];
    *uc_slot(uc, SC_MDLO) = ctx[33];
    uc_set_pc(uc, ctx[34]);
}

#define MTC1(n, v) __asm__ volatile(".set push\n.set hardfloat\nmtc1 %0, $f" #n "\n.set pop" : : "r"(v))
#define MFC1(n, v) __asm__ volatile(".set push\n.set hardfloat\nmfc1 %0, $f" #n "\n.set pop" : "=r"(v))
#define EACH_FPR(X) X(0) X(1) X(2) X(3) X(4) X(5) X(6) X(7) X(8) X(9) X(10) X(11) X(12) X(13) X(14) X(15) \
    X(16) X(17) X(18) X(19) X(20) X(21) X(22) X(23) X(24) X(25) X(26) X(27) X(28) X(29) X(30) X(31)

/* The FPU registers come back from the signal frame on sigreturn: Linux (and CrossEmu) keep a
 * pair as one double in the even slot, QEMU keeps each register in its own slot; fill both. The
 * FCSR is set directly too, since QEMU does not restore it from the frame. */
static void load_state(void *uc, const struct init *in)
{
    for (int i = 1; i < 32; i++) *uc_slot(uc, SC_REGS + 8 * i) = in->regs[i];
    *uc_slot(uc, SC_MDHI) = in->extra[X_HI];
    *uc_slot(uc, SC_MDLO) = in->extra[X_LO];
    const uint32_t *f = &in->extra[X_F0];
    for (int i = 0; i < 32; i += 2) {
        *uc_slot(uc, SC_FPREGS + 8 * i) = (uint64_t)f[i + 1] << 32 | f[i];
        *uc_slot(uc, SC_FPREGS + 8 * (i + 1)) = f[i + 1];
    }
    *(uint32_t *)uc_slot(uc, SC_FPC_CSR) = in->extra[X_FCSR];
#define SET(n) MTC1(n, f[n]);
    EACH_FPR(SET)
    __asm__ volatile(".set push\n.set hardfloat\nctc1 %0, $31\n.set pop" : : "r"(in->extra[X_FCSR]));
}

static void dump_state(void *uc, uint32_t *regs, uint32_t *extra)
{
    for (int i = 0; i < 32; i++) regs[i] = (uint32_t)*uc_slot(uc, SC_REGS + 8 * i);
    extra[X_HI] = (uint32_t)*uc_slot(uc, SC_MDHI);
    extra[X_LO] = (uint32_t)*uc_slot(uc, SC_MDLO);
    uint32_t *f = &extra[X_F0], v;
#define GET(n) MFC1(n, v); f[n] = v;
    EACH_FPR(GET)
    __asm__ volatile(".set push\n.set hardfloat\ncfc1 %0, $31\n.set pop" : "=r"(v));
    extra[X_FCSR] = v;
}

__asm__(".text\n.set noreorder\n.globl __start\n__start:\n move $4, $29\n addiu $29, $29, -32\n jal cmain\n nop\n.set reorder\n");

/* The start trap's handler jumps into the sequence; the end trap's comes back after it. */
__asm__(".text\n.set push\n.set noreorder\n.balign 4\n.globl run_sequence\nrun_sequence:\n .word 0x0000003f\n jr $31\n nop\n.set pop\n");

/* Moves the LL link to a word of the harness's own (then clears it with SC), so no sequence's SC
 * depends on an earlier sequence's LL: QEMU keeps the link across the signal return that starts a
 * sequence and only compares addresses; Linux's eret clears the LL bit. */
static uint32_t monitor_scratch;
static inline void clear_monitor(void)
{
    uint32_t t;
    __asm__ volatile(".set push\n.set mips32r2\nll %0, %1\nsc %0, %1\n.set pop" : "=&r"(t), "+m"(monitor_scratch));
}
