/* atomics_torture.c: 8 threads increment shared counters at the same time, in ROUNDS rounds
 * that the same threads start together at a barrier, then in FRESH rounds of new threads;
 * every total must be exact after every round.  The counters use
 *   __sync_fetch_and_add, __atomic_fetch_add and a __sync compare-and-swap loop on 32 bits
 *     (ARMv5TE: libgcc's __sync_*_4 over the kernel user helper __kuser_cmpxchg at
 *     0xffff0fc0; MIPS: LL/SC inline),
 *   a 64-bit counter that starts just below 2^32 so that its increments carry into the high
 *     word (ARM: __sync_fetch_and_add_8 over __kuser_cmpxchg64 at 0xffff0f60; MIPS32:
 *     __atomic_fetch_add_8 from libatomic, which takes a lock),
 *   hand-written exclusive sequences: ARM LDREX/STREX and LDREXD/STREXD (ARMv6K/v7
 *     instructions, which qemu's and CrossEmu's default ARM CPU have), MIPS LL/SC on a word
 *     and an LL/SC spin lock guarding a 64-bit counter.
 * Every thread also counts its own increments (a plain per-thread counter) so that the
 * expected totals are checked against what was really done.  Without threads (clone fails)
 * it prints the error and exits 1. */
/* build-flags: -pthread */
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define NT 8
#define ROUNDS 100
#define FRESH 5 /* rounds with new threads */
#define N 100 /* increments per thread per round, of each counter */
#define BASE64 0xffffff00ull

static int c_sync, c_atomic, c_cas, c_excl;
static long long c64, c64_excl;
static long long done[NT];

static inline void excl_add32(int *p)
{
#if defined(__arm__)
    int tmp, fail;
    __asm__ volatile(".arch armv7-a\n"
                     "1: ldrex   %0, [%2]\n"
                     "   add     %0, %0, #1\n"
                     "   strex   %1, %0, [%2]\n"
                     "   teq     %1, #0\n"
                     "   bne     1b\n"
                     "   dmb     ish\n"
                     ".arch armv5te\n"
                     : "=&r"(tmp), "=&r"(fail)
                     : "r"(p)
                     : "cc", "memory");
#elif defined(__mips__)
    int tmp;
    __asm__ volatile(".set push\n.set noreorder\n"
                     "1: ll      %0, 0(%1)\n"
                     "   addiu   %0, %0, 1\n"
                     "   sc      %0, 0(%1)\n"
                     "   beqz    %0, 1b\n"
                     "   nop\n"
                     "   sync\n"
                     ".set pop\n"
                     : "=&r"(tmp)
                     : "r"(p)
                     : "memory");
#else
    __sync_fetch_and_add(p, 1);
#endif
}

#if defined(__mips__)
static int lock64;
#endif

static inline void excl_add64(long long *p)
{
#if defined(__arm__)
    /* LDREXD/STREXD need an even/odd register pair: r4/r5 and r2/r3 */
    register unsigned lo __asm__("r4"), hi __asm__("r5");
    unsigned fail;
    __asm__ volatile(".arch armv7-a\n"
                     "1: ldrexd  r4, r5, [%3]\n"
                     "   adds    r4, r4, #1\n"
                     "   adc     r5, r5, #0\n"
                     "   strexd  %2, r4, r5, [%3]\n"
                     "   teq     %2, #0\n"
                     "   bne     1b\n"
                     "   dmb     ish\n"
                     ".arch armv5te\n"
                     : "=&r"(lo), "=&r"(hi), "=&r"(fail)
                     : "r"(p)
                     : "cc", "memory");
#elif defined(__mips__)
    int tmp;
    __asm__ volatile(".set push\n.set noreorder\n" /* take the lock: 0 -> 1 */
                     "1: ll      %0, 0(%1)\n"
                     "   bnez    %0, 1b\n"
                     "   li      %0, 1\n"
                     "   sc      %0, 0(%1)\n"
                     "   beqz    %0, 1b\n"
                     "   nop\n"
                     "   sync\n"
                     ".set pop\n"
                     : "=&r"(tmp)
                     : "r"(&lock64)
                     : "memory");
    *(volatile long long *)p += 1;
    __asm__ volatile("sync\n" ::: "memory");
    *(volatile int *)&lock64 = 0;
#else
    __sync_fetch_and_add(p, 1);
#endif
}

static void increments(int id)
{
    long long mine = 0;
    for (int i = 0; i < N; i++) {
        __sync_fetch_and_add(&c_sync, 1);
        __atomic_fetch_add(&c_atomic, 1, __ATOMIC_SEQ_CST);
        int old = c_cas, seen;
        while ((seen = __sync_val_compare_and_swap(&c_cas, old, old + 1)) != old)
            old = seen;
#if defined(__arm__)
        __sync_fetch_and_add(&c64, 1); /* libgcc: __kuser_cmpxchg64 */
#else
        __atomic_fetch_add(&c64, 1, __ATOMIC_SEQ_CST); /* MIPS32: libatomic */
#endif
        excl_add32(&c_excl);
        excl_add64(&c64_excl);
        mine++;
    }
    done[id] += mine;
}

static pthread_barrier_t start, end;

static void wait_barrier(pthread_barrier_t *b)
{
    int e = pthread_barrier_wait(b);
    if (e != 0 && e != PTHREAD_BARRIER_SERIAL_THREAD) {
        printf("FAILED: pthread_barrier_wait: %s\n", strerror(e));
        exit(1);
    }
}

/* A persistent thread: ROUNDS rounds, each started and ended by a barrier with main. */
static void *round_worker(void *arg)
{
    for (int r = 0; r < ROUNDS; r++) {
        wait_barrier(&start);
        increments((int)(intptr_t)arg);
        wait_barrier(&end);
    }
    return NULL;
}

static void *fresh_worker(void *arg)
{
    increments((int)(intptr_t)arg);
    return NULL;
}

static void start_threads(pthread_t *th, void *(*fn)(void *))
{
    for (int i = 0; i < NT; i++) {
        int e = pthread_create(&th[i], NULL, fn, (void *)(intptr_t)i);
        if (e != 0) {
            printf("FAILED: pthread_create: %s\n", strerror(e));
            exit(1);
        }
    }
}

static void join_threads(pthread_t *th)
{
    for (int i = 0; i < NT; i++) {
        int e = pthread_join(th[i], NULL);
        if (e != 0) {
            printf("FAILED: pthread_join: %s\n", strerror(e));
            exit(1);
        }
    }
}

static int exact(long long want)
{
    return c_sync == want && c_atomic == want && c_cas == want && c_excl == want &&
           c64 - (long long)BASE64 == want && c64_excl - (long long)BASE64 == want;
}

int main(void)
{
    pthread_t th[NT];
    c64 = c64_excl = (long long)BASE64;
    int exact_rounds = 0, rounds = 0;
    /* the same 8 threads for ROUNDS rounds: they start each round together at a barrier */
    pthread_barrier_init(&start, NULL, NT + 1);
    pthread_barrier_init(&end, NULL, NT + 1);
    start_threads(th, round_worker);
    for (int r = 0; r < ROUNDS; r++) {
        wait_barrier(&start);
        wait_barrier(&end);
        exact_rounds += exact((long long)++rounds * NT * N);
    }
    join_threads(th);
    /* fresh threads for FRESH rounds */
    for (int r = 0; r < FRESH; r++) {
        start_threads(th, fresh_worker);
        join_threads(th);
        exact_rounds += exact((long long)++rounds * NT * N);
    }
    long long total = 0;
    for (int i = 0; i < NT; i++)
        total += done[i];
    printf("%d threads x %d increments x (%d rounds + %d rounds of new threads): %lld increments done by the threads\n",
           NT, N, ROUNDS, FRESH, total);
    printf("__sync_fetch_and_add 32-bit:   %d\n", c_sync);
    printf("__atomic_fetch_add 32-bit:     %d\n", c_atomic);
    printf("compare-and-swap loop 32-bit:  %d\n", c_cas);
    printf("exclusive (LDREX / LL-SC):     %d\n", c_excl);
    printf("atomic add 64-bit:             %llx (%lld above the start)\n", (unsigned long long)c64,
           c64 - (long long)BASE64);
    printf("exclusive 64-bit:              %llx (%lld above the start)\n", (unsigned long long)c64_excl,
           c64_excl - (long long)BASE64);
    printf("rounds with every counter exact: %d of %d\n", exact_rounds, rounds);

    /* return values of the builtins, single-threaded */
    int v = 5;
    int a = __sync_fetch_and_add(&v, 3), b = __sync_add_and_fetch(&v, 3), c = __sync_fetch_and_sub(&v, 1);
    int d = __sync_fetch_and_or(&v, 0x100), e = __sync_fetch_and_and(&v, 0xff), f = __sync_fetch_and_xor(&v, 0xf);
    printf("fetch_and_add %d add_and_fetch %d fetch_and_sub %d fetch_and_or %d fetch_and_and %#x fetch_and_xor %d -> %d\n",
           a, b, c, d, e, f, v);
    int x = __atomic_exchange_n(&v, 77, __ATOMIC_SEQ_CST);
    int expect = 1;
    int ok1 = __atomic_compare_exchange_n(&v, &expect, 2, 0, __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST);
    int ok2 = __atomic_compare_exchange_n(&v, &expect, 2, 0, __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST);
    printf("exchange returned %d; compare_exchange 1->2 %d (expected updated to %d), again %d -> %d\n", x, ok1, expect,
           ok2, v);
    long long w = 0x7fffffffffffffffll;
#if defined(__arm__)
    long long old = __sync_val_compare_and_swap(&w, 0x7fffffffffffffffll, 0x123456789abcdefll);
    long long fail = __sync_val_compare_and_swap(&w, 0x7fffffffffffffffll, 0);
#else
    long long old = w, fail = 0x7fffffffffffffffll;
    __atomic_compare_exchange_n(&w, &old, 0x123456789abcdefll, 0, __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST);
    __atomic_compare_exchange_n(&w, &fail, 0, 0, __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST);
#endif
    printf("64-bit compare-and-swap: old %llx, failing one returned %llx, now %llx\n", (unsigned long long)old,
           (unsigned long long)fail, (unsigned long long)w);
    return 0;
}
