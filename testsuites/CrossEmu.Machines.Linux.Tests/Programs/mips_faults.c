/* Guest program for MipsEndToEndTests: the MIPS faults a handler can catch, compared with qemu-mips(el). */
#define _GNU_SOURCE
#include <fenv.h>
#include <setjmp.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <ucontext.h>

static sigjmp_buf jb;

static void on_fault(int sig, siginfo_t *si, void *uc)
{
    (void)uc;
    printf("sig=%d code=%d addr=%s\n", sig, si->si_code, si->si_addr ? "set" : "0");
    siglongjmp(jb, 1);
}

static volatile int zero = 0, big = 0x7fffffff;
static volatile double dzero = 0.0;
static char buffer[16] __attribute__((aligned(8)));

int main(int argc, char **argv)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_sigaction = on_fault;
    sa.sa_flags = SA_SIGINFO;
    sigaction(SIGFPE, &sa, 0);
    sigaction(SIGBUS, &sa, 0);
    sigaction(SIGSEGV, &sa, 0);
    sigaction(SIGTRAP, &sa, 0);

    if (!sigsetjmp(jb, 1)) printf("div=%d\n", 10 / zero);           /* teq $div, $zero, 7 */
    if (!sigsetjmp(jb, 1)) { int r; __asm__ volatile("add %0, %1, %1" : "=r"(r) : "r"(big)); printf("add=%d\n", r); }
    if (!sigsetjmp(jb, 1)) { char *volatile p = buffer + 1; printf("load=%d\n", *(volatile int *)p); }
    if (!sigsetjmp(jb, 1)) printf("null=%d\n", *(volatile int *)8);
    if (!sigsetjmp(jb, 1)) __asm__ volatile("break 3");
    feenableexcept(FE_DIVBYZERO);
    if (!sigsetjmp(jb, 1)) printf("fdiv=%f\n", 1.0 / dzero);
    fedisableexcept(FE_DIVBYZERO);
    printf("after=%f\n", 1.0 / dzero);
    printf("argc=%d\n", argc);
    return argc + 40;
}
