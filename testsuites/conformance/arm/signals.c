/* signals.c: signal delivery with guest signal frames: SA_SIGINFO contents,
 * blocking and pending, sa_mask deferral, nesting, SA_RESETHAND, sigaltstack,
 * SIGSEGV (unmapped and read-only) recovered with siglongjmp, SIGILL whose
 * handler edits the saved pc/r0 and returns, SIGFPE from integer division by
 * zero (libgcc raises it), an interval timer, and every register preserved
 * across a signal delivered on return from a syscall. */
#define _GNU_SOURCE
#include <errno.h>
#include <setjmp.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/time.h>
#include <ucontext.h>
#include <unistd.h>

static volatile sig_atomic_t log_buf[64];
static volatile int log_n;
static void note(int v)
{
    if (log_n < 64)
        log_buf[log_n++] = v;
}
static void print_log(const char *label)
{
    printf("%s:", label);
    for (int i = 0; i < log_n; i++)
        printf(" %d", log_buf[i]);
    putchar('\n');
    log_n = 0;
}

static volatile int info_signo, info_code, info_pid_ok, info_errno;
static void info_handler(int sig, siginfo_t *si, void *uc)
{
    (void)uc;
    info_signo = si->si_signo;
    info_code = si->si_code;
    info_pid_ok = si->si_pid == getpid();
    info_errno = si->si_errno;
    note(sig);
}

static void usr1_raises_usr2(int sig)
{
    note(sig * 100);
    raise(SIGUSR2);
    note(sig * 100 + 1);
}
static void plain(int sig) { note(sig); }

static sigjmp_buf jb;
static void *volatile fault_addr;
static volatile int fault_code;
static void segv_handler(int sig, siginfo_t *si, void *uc)
{
    (void)uc;
    fault_addr = si->si_addr;
    fault_code = si->si_code;
    siglongjmp(jb, sig);
}

extern char udf_insn[];
static volatile int ill_code, ill_addr_ok;
static void ill_handler(int sig, siginfo_t *si, void *ucv)
{
    (void)sig;
    ucontext_t *uc = ucv;
    ill_code = si->si_code;
    ill_addr_ok = si->si_addr == (void *)udf_insn && uc->uc_mcontext.arm_pc == (uintptr_t)udf_insn;
    uc->uc_mcontext.arm_pc += 4;     /* skip the undefined instruction */
    uc->uc_mcontext.arm_r0 = 0x1234; /* and change the result register */
}
static int run_udf(void)
{
    int r;
    __asm__ volatile("mov r0, #7\n"
                     ".globl udf_insn\n"
                     "udf_insn: .word 0xe7f000f0\n"
                     "mov %0, r0\n"
                     : "=r"(r)
                     :
                     : "r0", "memory");
    return r;
}

static char altstack[16384] __attribute__((aligned(16)));
static volatile int on_altstack;
static void alt_handler(int sig)
{
    char local;
    on_altstack = &local >= altstack && &local < altstack + sizeof altstack;
    note(sig);
}

static volatile int alarms;
static void alarm_handler(int sig)
{
    (void)sig;
    alarms++;
}

/* r0 = pid, r1 = out[16]: kill(pid, SIGUSR1) by svc with every register set. */
void regs_across_signal(int pid, uint32_t *out);
__asm__(".text\n"
        ".globl regs_across_signal\n"
        ".type regs_across_signal, %function\n"
        "regs_across_signal:\n"
        "    push {r4-r11, lr}\n"
        "    push {r1}\n"
        "    mov r1, #10\n" /* SIGUSR1 */
        "    ldr r2, =0x22222222\n"
        "    ldr r3, =0x33333333\n"
        "    ldr r4, =0x44444444\n"
        "    ldr r5, =0xa0000000\n"
        "    msr cpsr_f, r5\n" /* N and C set */
        "    ldr r5, =0x55555555\n"
        "    ldr r6, =0x66666666\n"
        "    mov r7, #37\n" /* __NR_kill */
        "    ldr r8, =0x88888888\n"
        "    ldr r9, =0x99999999\n"
        "    ldr r10, =0xaaaaaaaa\n"
        "    ldr r11, =0xbbbbbbbb\n"
        "    ldr r12, =0xcccccccc\n"
        "    ldr lr, =0xeeeeeeee\n"
        "    svc #0\n"
        "    push {r0-r12, lr}\n"
        "    mrs r0, cpsr\n"
        "    ldr r1, [sp, #56]\n"
        "    str r0, [r1, #56]\n"
        "    mov r2, #0\n"
        "1:  ldr r3, [sp, r2]\n"
        "    str r3, [r1, r2]\n"
        "    add r2, r2, #4\n"
        "    cmp r2, #56\n"
        "    blt 1b\n"
        "    add sp, sp, #60\n"
        "    pop {r4-r11, pc}\n"
        ".ltorg\n");

static void clobber_handler(int sig)
{
    /* Use many registers so the interrupted ones must come from the frame. */
    volatile uint32_t x[16];
    for (int i = 0; i < 16; i++)
        x[i] = (uint32_t)(i * 0x01010101u) ^ (uint32_t)sig;
    note(sig + x[3] * 0);
}

int main(void)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_sigaction = info_handler;
    sa.sa_flags = SA_SIGINFO;
    sigaction(SIGUSR1, &sa, NULL);
    sigaction(SIGUSR2, &sa, NULL);

    raise(SIGUSR1);
    printf("raise(SIGUSR1): signo=%d code=%d (SI_TKILL=%d) pid ok=%d errno=%d\n", info_signo, info_code,
           SI_TKILL, info_pid_ok, info_errno);
    kill(getpid(), SIGUSR2);
    printf("kill(SIGUSR2): signo=%d code=%d (SI_USER=%d) pid ok=%d\n", info_signo, info_code, SI_USER,
           info_pid_ok);
    union sigval sv = {.sival_int = 77};
    sigqueue(getpid(), SIGUSR1, sv);
    printf("sigqueue: signo=%d code=%d (SI_QUEUE=%d)\n", info_signo, info_code, SI_QUEUE);
    print_log("order");

    /* Blocked signals stay pending until unblocked. */
    sigset_t set, pend;
    sigemptyset(&set);
    sigaddset(&set, SIGUSR1);
    sigprocmask(SIG_BLOCK, &set, NULL);
    raise(SIGUSR1);
    note(-1);
    sigpending(&pend);
    printf("pending while blocked: %d\n", sigismember(&pend, SIGUSR1));
    sigprocmask(SIG_UNBLOCK, &set, NULL);
    note(-2);
    print_log("blocked then unblocked");

    /* Nesting without and with sa_mask. */
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = usr1_raises_usr2;
    sigaction(SIGUSR1, &sa, NULL);
    sa.sa_handler = plain;
    sigaction(SIGUSR2, &sa, NULL);
    raise(SIGUSR1);
    print_log("nested (USR2 runs inside USR1)");
    sa.sa_handler = usr1_raises_usr2;
    sigemptyset(&sa.sa_mask);
    sigaddset(&sa.sa_mask, SIGUSR2);
    sigaction(SIGUSR1, &sa, NULL);
    raise(SIGUSR1);
    print_log("sa_mask (USR2 deferred until USR1 returns)");

    /* SA_RESETHAND. */
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = plain;
    sa.sa_flags = SA_RESETHAND;
    sigaction(SIGUSR2, &sa, NULL);
    raise(SIGUSR2);
    struct sigaction now;
    sigaction(SIGUSR2, NULL, &now);
    printf("SA_RESETHAND: handler now default: %d\n", now.sa_handler == SIG_DFL);
    print_log("resethand");

    /* Ignored signal. */
    signal(SIGUSR2, SIG_IGN);
    raise(SIGUSR2);
    printf("ignored SIGUSR2: still running\n");

    /* sigaltstack. */
    stack_t ss = {.ss_sp = altstack, .ss_size = sizeof altstack, .ss_flags = 0};
    sigaltstack(&ss, NULL);
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = alt_handler;
    sa.sa_flags = SA_ONSTACK;
    sigaction(SIGUSR1, &sa, NULL);
    raise(SIGUSR1);
    printf("SA_ONSTACK handler ran on the alternate stack: %d\n", on_altstack);
    sa.sa_flags = 0;
    sigaction(SIGUSR1, &sa, NULL);
    raise(SIGUSR1);
    printf("without SA_ONSTACK: %d\n", on_altstack);
    print_log("altstack");

    /* SIGSEGV, recovered with siglongjmp. */
    memset(&sa, 0, sizeof sa);
    sa.sa_sigaction = segv_handler;
    sa.sa_flags = SA_SIGINFO | SA_NODEFER;
    sigaction(SIGSEGV, &sa, NULL);
    volatile int *unmapped = (volatile int *)0x10;
    int s = sigsetjmp(jb, 1);
    if (s == 0) {
        *unmapped = 1;
        printf("no fault?!\n");
    } else {
        printf("SIGSEGV unmapped: sig=%d code=%d (SEGV_MAPERR=%d) addr ok=%d\n", s, fault_code,
               SEGV_MAPERR, fault_addr == (void *)unmapped);
    }
    volatile int *ro = mmap(NULL, 4096, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    s = sigsetjmp(jb, 1);
    if (s == 0) {
        ro[5] = 1;
        printf("no fault?!\n");
    } else {
        printf("SIGSEGV read-only: sig=%d code=%d (SEGV_ACCERR=%d) addr ok=%d value %d\n", s, fault_code,
               SEGV_ACCERR, fault_addr == (void *)(ro + 5), ro[5]);
    }
    munmap((void *)ro, 4096);
    s = sigsetjmp(jb, 1);
    if (s == 0) {
        volatile int x = *(volatile int *)ro;
        (void)x;
    } else {
        printf("SIGSEGV after munmap: code=%d addr ok=%d\n", fault_code, fault_addr == (void *)ro);
    }

    /* SIGILL: handler skips the instruction and sets r0. */
    memset(&sa, 0, sizeof sa);
    sa.sa_sigaction = ill_handler;
    sa.sa_flags = SA_SIGINFO;
    sigaction(SIGILL, &sa, NULL);
    int r = run_udf();
    /* Linux reports ILL_ILLOPC, qemu-user ILL_ILLOPN: accept either. */
    printf("SIGILL: code is ILL_ILLOPC/ILL_ILLOPN=%d addr/pc ok=%d, r0 after return=0x%x\n",
           ill_code == ILL_ILLOPC || ill_code == ILL_ILLOPN, ill_addr_ok, r);

    /* Integer division by zero: ARMv5 has no divide instruction; libgcc's
     * __aeabi_idiv0 raises SIGFPE (SI_TKILL) and the quotient is 0. */
    memset(&sa, 0, sizeof sa);
    sa.sa_sigaction = info_handler;
    sa.sa_flags = SA_SIGINFO;
    sigaction(SIGFPE, &sa, NULL);
    volatile int num = 10, den = 0;
    info_signo = 0;
    int q = num / den;
    printf("division by zero: result %d, SIGFPE delivered=%d\n", q, info_signo == SIGFPE);
    print_log("fpe");

    /* Interval timer. */
    signal(SIGALRM, alarm_handler);
    struct itimerval it = {.it_interval = {0, 0}, .it_value = {0, 20000}};
    setitimer(ITIMER_REAL, &it, NULL);
    sigset_t empty;
    sigemptyset(&empty);
    sigset_t blk;
    sigemptyset(&blk);
    sigaddset(&blk, SIGALRM);
    sigprocmask(SIG_BLOCK, &blk, NULL);
    while (!alarms)
        sigsuspend(&empty);
    sigprocmask(SIG_UNBLOCK, &blk, NULL);
    printf("setitimer: alarms=%d\n", alarms);

    /* Registers across a signal delivered at syscall return. */
    signal(SIGUSR1, clobber_handler);
    uint32_t regs[16];
    regs_across_signal(getpid(), regs);
    printf("after signal:");
    for (int i = 0; i < 14; i++)
        printf(" r%d=%08x", i == 13 ? 14 : i, regs[i]);
    printf(" nzcv=%x\n", regs[14] >> 28);
    print_log("clobber handler ran");
    return 0;
}
