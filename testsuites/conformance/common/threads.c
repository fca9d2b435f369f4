/* threads.c: pthreads (clone, futex, set_tls): thread-local storage with
 * initialised and zeroed variables, mutexes, condition variables, barriers,
 * __sync atomics (on ARMv5 the kernel user helpers __kuser_cmpxchg and
 * __kuser_get_tls; on MIPS LL/SC and rdhwr), pthread_once, thread-specific keys with destructors,
 * join return values.  All output is printed by main after joining. */
/* build-flags: -pthread */
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#define NT 4
static __thread int tls_init = 100;
static __thread int tls_zero;
static __thread char tls_name[16] = "main";

static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t cv = PTHREAD_COND_INITIALIZER;
static pthread_barrier_t barrier;
static pthread_once_t once = PTHREAD_ONCE_INIT;
static pthread_key_t key;

static long long mutex_sum;
static int atomic_counter;
static int once_runs;
static int destructor_runs;
static int turn; /* condition variable hand-off: threads take turns in index order */
static int turn_order[NT * 3];
static int turn_n;

struct result {
    int index, tls_init_seen, tls_zero_seen, tls_after, barrier_serial;
    char name[16];
    unsigned stack_sum;
};
static struct result results[NT];

static void once_fn(void) { once_runs++; }
static void key_destructor(void *p)
{
    pthread_mutex_lock(&mu);
    destructor_runs += (int)(intptr_t)p;
    pthread_mutex_unlock(&mu);
}

static void *worker(void *arg)
{
    int id = (int)(intptr_t)arg;
    struct result *r = &results[id];
    r->index = id;
    r->tls_init_seen = tls_init;
    r->tls_zero_seen = tls_zero;
    snprintf(tls_name, sizeof tls_name, "worker-%d", id);
    pthread_once(&once, once_fn);
    pthread_setspecific(key, (void *)(intptr_t)(id + 1));

    for (int i = 0; i < 1000; i++) {
        tls_init++;
        tls_zero += 2;
    }
    for (int i = 0; i < 20000; i++)
        __sync_fetch_and_add(&atomic_counter, 1);
    for (int i = 1; i <= 1000; i++) {
        pthread_mutex_lock(&mu);
        mutex_sum += (long long)i * (id + 1);
        pthread_mutex_unlock(&mu);
    }

    volatile unsigned char big[64 * 1024]; /* use a good part of the thread stack */
    for (unsigned i = 0; i < sizeof big; i++)
        big[i] = (unsigned char)(i * (id + 3));
    unsigned s = 0;
    for (unsigned i = 0; i < sizeof big; i += 61)
        s = s * 31 + big[i];
    r->stack_sum = s;

    int b = pthread_barrier_wait(&barrier);
    r->barrier_serial = b == PTHREAD_BARRIER_SERIAL_THREAD;

    for (int round = 0; round < 3; round++) {
        pthread_mutex_lock(&mu);
        while (turn % NT != id)
            pthread_cond_wait(&cv, &mu);
        turn_order[turn_n++] = id;
        turn++;
        pthread_cond_broadcast(&cv);
        pthread_mutex_unlock(&mu);
    }

    r->tls_after = tls_init + tls_zero;
    strcpy(r->name, tls_name);
    return (void *)(intptr_t)(id * 11);
}

int main(void)
{
    pthread_t th[NT];
    pthread_barrier_init(&barrier, NULL, NT);
    pthread_key_create(&key, key_destructor);
    tls_init = 5;
    for (int i = 0; i < NT; i++)
        if (pthread_create(&th[i], NULL, worker, (void *)(intptr_t)i) != 0) {
            printf("pthread_create failed\n");
            return 1;
        }
    int serials = 0;
    for (int i = 0; i < NT; i++) {
        void *ret;
        pthread_join(th[i], &ret);
        printf("joined %d -> %d\n", i, (int)(intptr_t)ret);
    }
    for (int i = 0; i < NT; i++) {
        struct result *r = &results[i];
        printf("thread %d: tls init %d zero %d after %d name %s stack %08x\n", r->index, r->tls_init_seen,
               r->tls_zero_seen, r->tls_after, r->name, r->stack_sum);
        serials += r->barrier_serial;
    }
    printf("main tls: init %d zero %d name %s\n", tls_init, tls_zero, tls_name);
    printf("atomic counter %d (expect %d)\n", atomic_counter, NT * 20000);
    printf("mutex sum %lld (expect %lld)\n", mutex_sum, 500500LL * (1 + 2 + 3 + 4));
    printf("barrier serial threads %d, once ran %d, key destructors sum %d\n", serials, once_runs,
           destructor_runs);
    printf("turn order:");
    for (int i = 0; i < turn_n; i++)
        printf(" %d", turn_order[i]);
    putchar('\n');

    int v = 10;
    int old = __sync_val_compare_and_swap(&v, 10, 20);
    int fail = __sync_val_compare_and_swap(&v, 10, 30);
    int ok = __sync_bool_compare_and_swap(&v, 20, 40);
    printf("cas: old %d fail-returns %d bool %d final %d\n", old, fail, ok, v);
    long long w = 0x100000000ll;
#if defined(__arm__)
    __sync_fetch_and_add(&w, 5);
#else
    __atomic_fetch_add(&w, 5, __ATOMIC_SEQ_CST); /* MIPS32 has no 64-bit __sync: libatomic */
#endif
    printf("64-bit atomic add: %llx\n", w);
    return 0;
}
