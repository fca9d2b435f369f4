/* The qemu side of tools/qemu-oracle.py: sets up a case, runs it, dumps the state.
 *
 * main() installs one handler for every signal a case can raise, then enter() (in the
 * generated case file) loads hi, lo and $1..$31 and jumps to the case's words at 0x10000.
 * Break words surround the case, so a case that falls through or branches lands on one; the
 * handler then writes what the signal context holds: signal, si_code, si_addr, pc, the
 * registers, hi, lo, then the data area (0x20000..0x21fff), and exits. */
#include <signal.h>
#include <stdint.h>
#include <string.h>
#include <ucontext.h>
#include <unistd.h>

extern uint32_t case_regs[34];          /* $0..$31, hi, lo: set by the case file */
extern void enter(uint32_t *regs);

static char altstack[65536];

static void dump(int sig, siginfo_t *si, void *ucv)
{
    ucontext_t *uc = ucv;
    uint32_t out[4 + 34];
    out[0] = sig;
    out[1] = si->si_code;
    out[2] = (uint32_t)(uintptr_t)si->si_addr;
    out[3] = (uint32_t)uc->uc_mcontext.pc;
    for (int i = 0; i < 32; i++) out[4 + i] = (uint32_t)uc->uc_mcontext.gregs[i];
    out[36] = (uint32_t)uc->uc_mcontext.mdhi;
    out[37] = (uint32_t)uc->uc_mcontext.mdlo;
    write(1, out, sizeof out);
    write(1, (void *)0x20000, 0x2000);
    _exit(0);
}

int main(void)
{
    stack_t ss = { .ss_sp = altstack, .ss_size = sizeof altstack, .ss_flags = 0 };
    sigaltstack(&ss, 0);
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_sigaction = dump;
    sa.sa_flags = SA_SIGINFO | SA_ONSTACK;
    int sigs[] = { SIGILL, SIGTRAP, SIGFPE, SIGBUS, SIGSEGV };
    for (unsigned i = 0; i < sizeof sigs / sizeof sigs[0]; i++) sigaction(sigs[i], &sa, 0);
    enter(case_regs);
    return 1;
}
