/* ARM (A32, EABI) side of the harness. */
#define NREGS  16                 /* r0-r15 */
#define NEXTRA 1                  /* CPSR */
#include "harness.h"
#define FLAG_BITS 0xf80f0000u     /* N Z C V Q and GE[3:0]: what a sequence may change */

#define SYS_write        4
#define SYS_open         5
#define SYS_exit_group   248
#define SYS_rt_sigaction 174
#define SYS_sigaltstack  186
#define SYS_rt_sigreturn 173

#define SIG_ILL 4
#define SIG_TRAP 5
#define SIG_BUS 7
#define SIG_FPE 8
#define SIG_SEGV 11
#define SA_SIGINFO_ 0x4
#define SA_ONSTACK_ 0x08000000
#define SA_RESTORER_ 0x04000000
#define O_WRONLY_CREAT_TRUNC 01101

/* The trap that starts and ends each sequence: a permanently undefined instruction (UDF #0). */
#define TRAP_WORD 0xe7f000f0u

static inline long sys3(long n, long a, long b, long c)
{
    register long r0 __asm__("r0") = a, r1 __asm__("r1") = b, r2 __asm__("r2") = c, r7 __asm__("r7") = n;
    __asm__ volatile("svc 0" : "+r"(r0) : "r"(r1), "r"(r2), "r"(r7) : "memory");
    return r0;
}

static inline long sys4(long n, long a, long b, long c, long d)
{
    register long r0 __asm__("r0") = a, r1 __asm__("r1") = b, r2 __asm__("r2") = c, r3 __asm__("r3") = d, r7 __asm__("r7") = n;
    __asm__ volatile("svc 0" : "+r"(r0) : "r"(r1), "r"(r2), "r"(r3), "r"(r7) : "memory");
    return r0;
}

struct ksigaction { void *handler; unsigned long flags; void *restorer; uint32_t mask[2]; };
struct kstack { void *sp; int flags; unsigned long size; };

static void make_action(struct ksigaction *a, void *handler);
extern void sigreturn_trampoline(void);
__asm__(".text\n.arm\n.globl sigreturn_trampoline\nsigreturn_trampoline:\n mov r7, #173\n svc 0\n");
static void make_action(struct ksigaction *a, void *handler)
{
    a->handler = handler;
    a->flags = SA_SIGINFO_ | SA_ONSTACK_ | SA_RESTORER_;
    a->restorer = (void *)sigreturn_trampoline;
    a->mask[0] = a->mask[1] = 0xffffffffu;
}

static void make_stack(struct kstack *s, void *sp, unsigned long size) { s->sp = sp; s->flags = 0; s->size = size; }

/* siginfo: signo, errno, code, then the fault address. */
static inline uint32_t si_code_of(const uint32_t *si) { return si[2]; }

/* ucontext: uc_flags, uc_link, uc_stack (12 bytes), then sigcontext: trap_no, error_code,
 * oldmask, r0..r15, cpsr. */
#define UC_REGS 32
#define UC_CPSR 96
static inline uint32_t *uc_word(void *uc, int offset) { return (uint32_t *)((char *)uc + offset); }
static inline uint32_t uc_pc(void *uc) { return *uc_word(uc, UC_REGS + 4 * 15); }
static inline void uc_set_pc(void *uc, uint32_t pc) { *uc_word(uc, UC_REGS + 4 * 15) = pc; }

/* The whole register context: saved at the start trap, put back at the end. */
#define CONTEXT_WORDS 17
static void save_context(void *uc, uint32_t *ctx)
{
    for (int i = 0; i < 17; i++) ctx[i] = *uc_word(uc, UC_REGS + 4 * i);
}
static void restore_context(void *uc, const uint32_t *ctx)
{
    for (int i = 0; i < 17; i++) *uc_word(uc, UC_REGS + 4 * i) = ctx[i];
}

static void load_state(void *uc, const struct init *in)
{
    for (int i = 0; i < 15; i++) *uc_word(uc, UC_REGS + 4 * i) = in->regs[i];
    uint32_t *cpsr = uc_word(uc, UC_CPSR);
    *cpsr = (*cpsr & ~FLAG_BITS) | (in->extra[0] & FLAG_BITS);
}

static void dump_state(void *uc, uint32_t *regs, uint32_t *extra)
{
    for (int i = 0; i < 16; i++) regs[i] = *uc_word(uc, UC_REGS + 4 * i);
    extra[0] = *uc_word(uc, UC_CPSR);
}

__asm__(".text\n.arm\n.globl _start\n_start:\n mov r0, sp\n bl cmain\n");

/* The start trap's handler jumps into the sequence; the end trap's comes back after it. */
__asm__(".text\n.arm\n.balign 4\n.globl run_sequence\nrun_sequence:\n .word 0xe7f000f0\n bx lr\n");

/* Clears the exclusive monitor, so no sequence's STREX depends on an earlier sequence's LDREX. */
static inline void clear_monitor(void) { __asm__ volatile("clrex" ::: "memory"); }
