/* traps.c: integer traps become SIGFPE with the kernel's si_code: gcc's division-by-zero
 * check (teq rt, $zero, 7), break 7 (divide by zero) and break 6 (overflow), ADD/ADDI/SUB
 * signed overflow (FPE_INTOVF; the destination keeps its old value, ADDU does not trap),
 * and a trap in a branch delay slot, reported at the branch (the EPC of a delay slot).
 * The handler prints si_signo, si_code and where the trap was, then resumes. */
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <ucontext.h>

extern char at_teq[], at_break7[], at_break6[], at_add[], at_addi[], at_sub[], at_branch[], after_branch[];

static volatile int got_signo, got_code;
static volatile uintptr_t got_pc;
static volatile uintptr_t resume_at; /* 0: resume after the trapping instruction */

static void handler(int sig, siginfo_t *si, void *ctx)
{
    ucontext_t *uc = ctx;
    got_signo = sig;
    got_code = si->si_code;
    got_pc = (uintptr_t)uc->uc_mcontext.pc;
    uc->uc_mcontext.pc = resume_at ? resume_at : uc->uc_mcontext.pc + 4;
}

static const char *where(uintptr_t pc, const char *name, const char *label)
{
    return pc == (uintptr_t)label ? name : "somewhere else";
}

static void report(const char *what, const char *name, const char *label)
{
    printf("%-28s signo=%d si_code=%d at %s\n", what, got_signo, got_code, where(got_pc, name, label));
    got_signo = got_code = 0;
    got_pc = 0;
}

__attribute__((noinline)) static int divide(int a, int b)
{
    int q;
    __asm__ volatile(".set push\n.set noreorder\n"
                     "div $zero, %1, %2\n"
                     ".globl at_teq\nat_teq: teq %2, $zero, 7\n"
                     "mflo %0\n.set pop"
                     : "=r"(q) : "r"(a), "r"(b) : "hi", "lo");
    return q;
}

int main(void)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_sigaction = handler;
    sa.sa_flags = SA_SIGINFO;
    sigaction(SIGFPE, &sa, NULL);
    sigaction(SIGTRAP, &sa, NULL);

    printf("divide(42, 6) = %d, no signal: %s\n", divide(42, 6), got_signo ? "no" : "yes");
    divide(42, 0);
    report("teq after div by zero", "at_teq", at_teq);
    volatile int zero = 0, seven = 7, quotient;
    quotient = seven / zero; /* gcc's own check: a teq, or a break 7 (stored: not dead code) */
    (void)quotient;
    printf("%-28s signo=%d si_code=%d\n", "C division by zero", got_signo, got_code);
    got_signo = got_code = 0;

    __asm__ volatile(".globl at_break7\nat_break7: break 7");
    report("break 7", "at_break7", at_break7);
    __asm__ volatile(".globl at_break6\nat_break6: break 6");
    report("break 6", "at_break6", at_break6);

    int r = 0x55;
    __asm__ volatile(".globl at_add\nat_add: add %0, %1, %2" : "+r"(r) : "r"(0x7fffffff), "r"(1));
    report("add 7fffffff+1", "at_add", at_add);
    printf("  destination kept: %08x\n", (unsigned)r);
    r = 0x66;
    __asm__ volatile(".globl at_addi\nat_addi: addi %0, %1, -1" : "+r"(r) : "r"(0x80000000));
    report("addi 80000000-1", "at_addi", at_addi);
    printf("  destination kept: %08x\n", (unsigned)r);
    r = 0x77;
    __asm__ volatile(".globl at_sub\nat_sub: sub %0, %1, %2" : "+r"(r) : "r"(0x80000000), "r"(1));
    report("sub 80000000-1", "at_sub", at_sub);
    printf("  destination kept: %08x\n", (unsigned)r);
    __asm__ volatile("add %0, %1, %2" : "=r"(r) : "r"(-5), "r"(3));
    printf("add -5+3 = %d, addu 7fffffff+1 = ", r);
    __asm__ volatile("addu %0, %1, %2" : "=r"(r) : "r"(0x7fffffff), "r"(1));
    printf("%08x, signals: %d\n", (unsigned)r, got_signo);

    /* An overflow in the delay slot of a taken branch: the kernel reports the branch
     * (EPC points at it, Cause.BD is set); the handler resumes after the branch's target. */
    resume_at = (uintptr_t)after_branch;
    __asm__ volatile(".set push\n.set noreorder\n"
                     ".globl at_branch\nat_branch: b 1f\n"
                     "add $t0, %0, %1\n"
                     "1: nop\n"
                     ".globl after_branch\nafter_branch: nop\n.set pop"
                     : : "r"(0x7fffffff), "r"(0x7fffffff) : "t0");
    report("add in a delay slot", "at_branch", at_branch);
    return 0;
}
