/* futex_ops.c: the futex system call itself, as glibc's locks use it: FUTEX_WAIT (EAGAIN when the
 * word differs, relative timeouts on both time ABIs), FUTEX_WAIT_BITSET with absolute CLOCK_MONOTONIC
 * and FUTEX_CLOCK_REALTIME deadlines, FUTEX_WAKE, WAKE_BITSET (only matching bitsets wake), REQUEUE
 * and CMP_REQUEUE (waiters moved to the second word, EAGAIN on a changed word), WAKE_OP (the operation
 * on the second word, OPARG_SHIFT, and the compare deciding the second wake), and a wait interrupted by
 * a signal: EINTR with a handler without SA_RESTART, restarted (no EINTR) with SA_RESTART.
 * Waiters are counted, never timed: a waker repeats until every waiter was woken, so the output does
 * not depend on scheduling. */
#include <errno.h>
#include <limits.h>
#include <linux/futex.h>
#include <pthread.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

struct ts32 { int32_t sec, nsec; };
struct ts64 { int64_t sec, nsec; };

static long futex(volatile int *word, int op, int val, const void *timeout, volatile int *word2, int val3)
{
    return syscall(SYS_futex, word, op, val, timeout, word2, val3);
}

static const char *err(long r)
{
    if (r >= 0) return "ok";
    switch (errno) {
    case EAGAIN: return "EAGAIN";
    case ETIMEDOUT: return "ETIMEDOUT";
    case EINTR: return "EINTR";
    case EINVAL: return "EINVAL";
    case EFAULT: return "EFAULT";
    case ENOSYS: return "ENOSYS";
    default: return strerror(errno);
    }
}

static double now(clockid_t clock)
{
    struct timespec t;
    clock_gettime(clock, &t);
    return t.tv_sec + t.tv_nsec / 1e9;
}

static void start(pthread_t *t, void *(*fn)(void *), void *arg)
{
    int e = pthread_create(t, NULL, fn, arg);
    if (e != 0) {
        printf("pthread_create: %s\n", strerror(e));
        exit(1);
    }
}

/* Wakes op on word until count waiters in all were woken (they may not be queued yet). */
static void wake_all(volatile int *word, int count, int bitset)
{
    for (int woken = 0; woken < count;) {
        long r = futex(word, FUTEX_WAKE_BITSET, 1, NULL, NULL, bitset);
        if (r < 0) {
            printf("FUTEX_WAKE_BITSET: %s\n", err(r));
            exit(1);
        }
        woken += (int)r;
        if (r == 0) usleep(1000);
    }
}

static volatile int a, b, done_count;
static volatile sig_atomic_t handled;

/* Waits on a while it is 0 (the bitset is the argument); counts itself done. */
static void *wait_a(void *bitset)
{
    while (a == 0)
        futex(&a, FUTEX_WAIT_BITSET, 0, NULL, NULL, (int)(intptr_t)bitset);
    __sync_fetch_and_add(&done_count, 1);
    return NULL;
}

static void timeouts(void)
{
    volatile int w = 1;
    long r = futex(&w, FUTEX_WAIT, 0, NULL, NULL, 0);
    printf("WAIT on a word that differs: %ld %s\n", r, err(r));

    w = 0;
    struct ts32 t32 = {0, 20 * 1000 * 1000};
    double t0 = now(CLOCK_MONOTONIC);
    r = futex(&w, FUTEX_WAIT, 0, &t32, NULL, 0);
    printf("WAIT 20 ms: %s, waited at least 20 ms %d\n", err(r), now(CLOCK_MONOTONIC) - t0 >= 0.019);

#ifdef SYS_futex_time64
    struct ts64 t64 = {0, 20 * 1000 * 1000};
    t0 = now(CLOCK_MONOTONIC);
    r = syscall(SYS_futex_time64, &w, FUTEX_WAIT, 0, &t64, NULL, 0);
    printf("futex_time64 WAIT 20 ms: %s, waited at least 20 ms %d\n", err(r), now(CLOCK_MONOTONIC) - t0 >= 0.019);
#else
    printf("futex_time64 WAIT 20 ms: ETIMEDOUT, waited at least 20 ms 1\n");
#endif

    struct timespec mono;
    clock_gettime(CLOCK_MONOTONIC, &mono);
    struct ts32 past = {(int32_t)mono.tv_sec - 1, 0};
    r = futex(&w, FUTEX_WAIT_BITSET, 0, &past, NULL, FUTEX_BITSET_MATCH_ANY);
    printf("WAIT_BITSET, monotonic deadline passed: %s\n", err(r));

    struct timespec real;
    clock_gettime(CLOCK_REALTIME, &real);
    long ns = real.tv_nsec + 20 * 1000 * 1000;
    struct ts32 soon = {(int32_t)(real.tv_sec + ns / 1000000000), (int32_t)(ns % 1000000000)};
    t0 = real.tv_sec + real.tv_nsec / 1e9;
    r = futex(&w, FUTEX_WAIT_BITSET | FUTEX_CLOCK_REALTIME, 0, &soon, NULL, FUTEX_BITSET_MATCH_ANY);
    printf("WAIT_BITSET|CLOCK_REALTIME 20 ms ahead: %s, waited at least 20 ms %d\n", err(r), now(CLOCK_REALTIME) - t0 >= 0.0199);

    struct ts32 bad = {0, 1000000000};
    r = futex(&w, FUTEX_WAIT, 0, &bad, NULL, 0);
    printf("WAIT with tv_nsec 1e9: %s\n", err(r));
    r = futex(&w, FUTEX_WAIT_BITSET, 0, NULL, NULL, 0);
    printf("WAIT_BITSET with bitset 0: %s\n", err(r));
    r = futex((volatile int *)((char *)&w + 1), FUTEX_WAIT, 0, NULL, NULL, 0);
    printf("WAIT on an unaligned word: %s\n", err(r));
}

static void wakes(void)
{
    pthread_t t[2];
    a = 0, done_count = 0;
    start(&t[0], wait_a, (void *)(intptr_t)1);
    start(&t[1], wait_a, (void *)(intptr_t)2);
    usleep(20000);
    long r = futex(&a, FUTEX_WAKE_BITSET, INT_MAX, NULL, NULL, 4);
    printf("WAKE_BITSET 4 with waiters on bitsets 1 and 2: %ld woken\n", r);
    a = 1;
    wake_all(&a, 1, 1);
    wake_all(&a, 1, 2);
    pthread_join(t[0], NULL);
    pthread_join(t[1], NULL);
    printf("WAKE_BITSET 1 then 2: both waiters done %d\n", done_count == 2);
}

static void requeue(void)
{
    pthread_t t[2];
    a = 0, b = 0, done_count = 0;
    start(&t[0], wait_a, (void *)(intptr_t)FUTEX_BITSET_MATCH_ANY);
    start(&t[1], wait_a, (void *)(intptr_t)FUTEX_BITSET_MATCH_ANY);
    long r = futex(&a, FUTEX_CMP_REQUEUE, 0, (void *)(intptr_t)INT_MAX, &b, 1);
    printf("CMP_REQUEUE with a changed word: %s\n", err(r));
    /* Move both waiters to b: each call moves those queued so far. */
    int moved = 0;
    while (moved < 2) {
        r = futex(&a, FUTEX_CMP_REQUEUE, 0, (void *)(intptr_t)INT_MAX, &b, 0);
        if (r < 0) {
            printf("CMP_REQUEUE: %s\n", err(r));
            exit(1);
        }
        moved += (int)r;
        if (r == 0) usleep(1000);
    }
    r = futex(&a, FUTEX_WAKE, INT_MAX, NULL, NULL, 0);
    printf("after moving both to b: WAKE on a wakes %ld\n", r);
    a = 1;   /* they see it once woken from b */
    int woken = 0;
    while (woken < 2) {
        r = futex(&b, FUTEX_WAKE, INT_MAX, NULL, NULL, 0);
        woken += r > 0 ? (int)r : 0;
    }
    pthread_join(t[0], NULL);
    pthread_join(t[1], NULL);
    printf("WAKE on b woke the moved waiters, both done %d\n", done_count == 2);

    r = futex(&a, FUTEX_REQUEUE, 1, (void *)(intptr_t)1, &b, 0);
    printf("REQUEUE with nobody waiting: %ld\n", r);
}

static void wake_op(void)
{
    b = 0;
    long r = futex(&a, FUTEX_WAKE_OP, 1, (void *)(intptr_t)1, &b, FUTEX_OP(FUTEX_OP_SET, 7, FUTEX_OP_CMP_EQ, 0));
    printf("WAKE_OP set 7 (old 0 == 0): %ld woken, b = %d\n", r, b);
    r = futex(&a, FUTEX_WAKE_OP, 1, (void *)(intptr_t)1, &b, FUTEX_OP(FUTEX_OP_ADD, 3, FUTEX_OP_CMP_GT, 100));
    printf("WAKE_OP add 3: %ld woken, b = %d\n", r, b);
    r = futex(&a, FUTEX_WAKE_OP, 1, (void *)(intptr_t)1, &b, FUTEX_OP((FUTEX_OP_OR | FUTEX_OP_OPARG_SHIFT), 8, FUTEX_OP_CMP_NE, 10));
    printf("WAKE_OP or 1<<8: b = %d\n", b);
    r = futex(&a, FUTEX_WAKE_OP, 1, (void *)(intptr_t)1, &b, FUTEX_OP(FUTEX_OP_ANDN, 7, FUTEX_OP_CMP_LT, 0));
    printf("WAKE_OP andn 7: b = %d\n", b);
    r = futex(&a, FUTEX_WAKE_OP, 1, (void *)(intptr_t)1, &b, FUTEX_OP(FUTEX_OP_XOR, 0xff, FUTEX_OP_CMP_GE, 0));
    printf("WAKE_OP xor 0xff: b = %d\n", b);

}

static void *wait_b(void *unused)
{
    (void)unused;
    while (b == 0)
        futex(&b, FUTEX_WAIT, 0, NULL, NULL, 0);
    __sync_fetch_and_add(&done_count, 1);
    return NULL;
}

static void wake_op_second(void)
{
    pthread_t t;
    b = 0, done_count = 0;
    start(&t, wait_b, NULL);
    /* op leaves b at 0 (add 0) and the compare fails: never wakes b's waiter. */
    long r = futex(&a, FUTEX_WAKE_OP, 1, (void *)(intptr_t)1, &b, FUTEX_OP(FUTEX_OP_ADD, 0, FUTEX_OP_CMP_NE, 0));
    printf("WAKE_OP, compare fails: %ld woken\n", r);
    /* op sets b to 1 and the compare passes: wakes the waiter (repeat until it was queued). */
    int woken = 0;
    while (woken < 1 && done_count == 0) {
        r = futex(&a, FUTEX_WAKE_OP, 0, (void *)(intptr_t)1, &b, FUTEX_OP(FUTEX_OP_SET, 1, FUTEX_OP_CMP_GE, 0));
        woken += r > 0 ? (int)r : 0;
        if (r == 0) usleep(1000);
    }
    pthread_join(t, NULL);
    printf("WAKE_OP, compare passes: the waiter on b is done %d\n", done_count == 1);
}

static volatile int w_intr, intr_ready;
static volatile long intr_result;
static int intr_errno;

static void on_usr1(int sig) { (void)sig; handled++; }

static void *wait_forever(void *unused)
{
    (void)unused;
    intr_ready = 1;
    intr_result = futex(&w_intr, FUTEX_WAIT, 0, NULL, NULL, 0);
    intr_errno = errno;
    return NULL;
}

static void interrupted(int flags)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_usr1;
    sa.sa_flags = flags;
    sigaction(SIGUSR1, &sa, NULL);
    w_intr = 0, intr_ready = 0, handled = 0, intr_result = 99;
    pthread_t t;
    start(&t, wait_forever, NULL);
    while (!intr_ready)
        usleep(1000);
    usleep(20000);
    if (flags & SA_RESTART) {
        /* The handler runs and the wait goes on: it ends only when woken. */
        for (int i = 0; i < 100 && handled == 0; i++) {
            pthread_kill(t, SIGUSR1);
            usleep(10000);
        }
        usleep(20000);
        long still = intr_result;
        w_intr = 1;
        wake_all(&w_intr, 1, FUTEX_BITSET_MATCH_ANY);
        pthread_join(t, NULL);
        printf("SA_RESTART: handler ran %d, still waiting after it %d, then woken: %s\n", handled > 0, still == 99,
               intr_result == 0 ? "ok" : (errno = intr_errno, err(intr_result)));
    } else {
        for (int i = 0; i < 100 && intr_result == 99; i++) {
            pthread_kill(t, SIGUSR1);
            usleep(10000);
        }
        pthread_join(t, NULL);
        errno = intr_errno;
        printf("no SA_RESTART: handler ran %d, wait returned %s\n", handled > 0, err(intr_result));
    }
}

int main(void)
{
    setvbuf(stdout, NULL, _IONBF, 0);
    timeouts();
    wakes();
    requeue();
    wake_op();
    wake_op_second();
    interrupted(0);
    interrupted(SA_RESTART);
    return 0;
}
