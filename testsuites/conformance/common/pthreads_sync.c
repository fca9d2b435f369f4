/* pthreads_sync.c: mutex, condition variables and POSIX semaphores between threads (futex).
 * A bounded queue guarded by a mutex and two condition variables, then one guarded by two
 * counting semaphores, each with 4 producers and 4 consumers: every item is consumed exactly
 * once (count, sum and xor checksums); a barrier over several phases; pthread_once from
 * many threads; then the single-threaded corner cases (trylock EBUSY, error-checking and
 * recursive mutexes, timed waits that time out).  Only totals are printed, by main, so the
 * output does not depend on scheduling.  Without threads (clone fails) it prints the error
 * and exits 1. */
/* build-flags: -pthread */
#include <errno.h>
#include <pthread.h>
#include <semaphore.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define NPROD 4
#define NCONS 4
#define ITEMS 2000 /* per producer */
#define QSIZE 8

static void die(const char *what, int err)
{
    printf("FAILED: %s: %s\n", what, strerror(err));
    fflush(stdout);
    exit(1);
}

static void create(pthread_t *t, void *(*fn)(void *), intptr_t arg)
{
    int e = pthread_create(t, NULL, fn, (void *)arg);
    if (e != 0)
        die("pthread_create", e);
}

static void join(pthread_t t)
{
    int e = pthread_join(t, NULL);
    if (e != 0)
        die("pthread_join", e);
}

static unsigned item_value(int producer, int i) { return (unsigned)producer * 1000003u + (unsigned)i * 7919u; }

struct totals {
    long count;
    unsigned long long sum;
    unsigned xor;
};

static void add_item(struct totals *t, unsigned v)
{
    t->count++;
    t->sum += v;
    t->xor ^= v * 2654435761u;
}

static struct totals expected_totals(void)
{
    struct totals t = {0, 0, 0};
    for (int p = 0; p < NPROD; p++)
        for (int i = 0; i < ITEMS; i++)
            add_item(&t, item_value(p, i));
    return t;
}

/* ---- mutex + condition variables ---- */
#define STOP 0xffffffffu
static pthread_mutex_t qmu = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t not_full = PTHREAD_COND_INITIALIZER, not_empty = PTHREAD_COND_INITIALIZER;
static unsigned queue[QSIZE];
static int qhead, qcount, max_seen_count;
static struct totals ctotals[NCONS];

static void cv_put(unsigned v)
{
    pthread_mutex_lock(&qmu);
    while (qcount == QSIZE)
        pthread_cond_wait(&not_full, &qmu);
    queue[(qhead + qcount) % QSIZE] = v;
    qcount++;
    if (qcount > max_seen_count)
        max_seen_count = qcount;
    pthread_cond_signal(&not_empty);
    pthread_mutex_unlock(&qmu);
}

static unsigned cv_get(void)
{
    pthread_mutex_lock(&qmu);
    while (qcount == 0)
        pthread_cond_wait(&not_empty, &qmu);
    unsigned v = queue[qhead];
    qhead = (qhead + 1) % QSIZE;
    qcount--;
    pthread_cond_signal(&not_full);
    pthread_mutex_unlock(&qmu);
    return v;
}

static void *cv_producer(void *arg)
{
    int p = (int)(intptr_t)arg;
    for (int i = 0; i < ITEMS; i++)
        cv_put(item_value(p, i));
    return NULL;
}

static void *cv_consumer(void *arg)
{
    struct totals *t = &ctotals[(intptr_t)arg];
    for (;;) {
        unsigned v = cv_get();
        if (v == STOP)
            return NULL;
        add_item(t, v);
    }
}

/* ---- semaphores ---- */
static sem_t slots, filled;
static pthread_mutex_t smu = PTHREAD_MUTEX_INITIALIZER;
static unsigned squeue[QSIZE];
static int sq_in, sq_out;
static struct totals stotals[NCONS];

static void sem_wait_retry(sem_t *s)
{
    while (sem_wait(s) != 0)
        if (errno != EINTR)
            die("sem_wait", errno);
}

static void sem_put(unsigned v)
{
    sem_wait_retry(&slots);
    pthread_mutex_lock(&smu);
    squeue[sq_in] = v;
    sq_in = (sq_in + 1) % QSIZE;
    pthread_mutex_unlock(&smu);
    sem_post(&filled);
}

static unsigned sem_get(void)
{
    sem_wait_retry(&filled);
    pthread_mutex_lock(&smu);
    unsigned v = squeue[sq_out];
    sq_out = (sq_out + 1) % QSIZE;
    pthread_mutex_unlock(&smu);
    sem_post(&slots);
    return v;
}

static void *sem_producer(void *arg)
{
    int p = (int)(intptr_t)arg;
    for (int i = 0; i < ITEMS; i++)
        sem_put(item_value(p, i));
    return NULL;
}

static void *sem_consumer(void *arg)
{
    struct totals *t = &stotals[(intptr_t)arg];
    for (;;) {
        unsigned v = sem_get();
        if (v == STOP)
            return NULL;
        add_item(t, v);
    }
}

/* ---- barrier ---- */
#define NB 6
#define PHASES 50
static pthread_barrier_t barrier;
static int slot[NB];
static int bad_phase_sums, serial_count[PHASES];

static void *barrier_worker(void *arg)
{
    int id = (int)(intptr_t)arg;
    for (int ph = 0; ph < PHASES; ph++) {
        slot[id] = ph * 100 + id;
        int r = pthread_barrier_wait(&barrier); /* everyone has written phase ph */
        if (r == PTHREAD_BARRIER_SERIAL_THREAD)
            __sync_fetch_and_add(&serial_count[ph], 1);
        else if (r != 0)
            die("pthread_barrier_wait", r);
        int s = 0;
        for (int j = 0; j < NB; j++)
            s += slot[j];
        if (s != ph * 100 * NB + NB * (NB - 1) / 2)
            __sync_fetch_and_add(&bad_phase_sums, 1);
        r = pthread_barrier_wait(&barrier); /* everyone has read before the next write */
        if (r != 0 && r != PTHREAD_BARRIER_SERIAL_THREAD)
            die("pthread_barrier_wait", r);
    }
    return NULL;
}

/* ---- pthread_once ---- */
static pthread_once_t once = PTHREAD_ONCE_INIT;
static int once_runs, once_seen_by;

static void once_init(void)
{
    struct timespec ts = {0, 2000000}; /* let the others arrive and wait for it */
    nanosleep(&ts, NULL);
    once_runs++;
}

static void *once_worker(void *arg)
{
    (void)arg;
    pthread_once(&once, once_init);
    if (once_runs == 1)
        __sync_fetch_and_add(&once_seen_by, 1);
    return NULL;
}

static void print_totals(const char *what, struct totals *per)
{
    struct totals all = {0, 0, 0}, want = expected_totals();
    for (int c = 0; c < NCONS; c++) {
        all.count += per[c].count;
        all.sum += per[c].sum;
        all.xor ^= per[c].xor;
    }
    printf("%s: consumed %ld items, sum %llu, xor %08x; expected %ld, %llu, %08x: %s\n", what, all.count, all.sum,
           all.xor, want.count, want.sum, want.xor,
           all.count == want.count && all.sum == want.sum && all.xor == want.xor ? "ok" : "WRONG");
}

static struct timespec past_deadline(clockid_t clock)
{
    struct timespec ts;
    clock_gettime(clock, &ts);
    ts.tv_nsec += 1000000; /* 1 ms from now */
    if (ts.tv_nsec >= 1000000000) {
        ts.tv_nsec -= 1000000000;
        ts.tv_sec++;
    }
    return ts;
}

int main(void)
{
    pthread_t prod[NPROD], cons[NCONS], th[NB];

    /* mutex + condition variables */
    for (int c = 0; c < NCONS; c++)
        create(&cons[c], cv_consumer, c);
    for (int p = 0; p < NPROD; p++)
        create(&prod[p], cv_producer, p);
    for (int p = 0; p < NPROD; p++)
        join(prod[p]);
    for (int c = 0; c < NCONS; c++)
        cv_put(STOP);
    for (int c = 0; c < NCONS; c++)
        join(cons[c]);
    print_totals("condvar queue", ctotals);
    printf("condvar queue: never above capacity: %d, empty at the end: %d\n", max_seen_count <= QSIZE, qcount == 0);

    /* semaphores */
    if (sem_init(&slots, 0, QSIZE) != 0 || sem_init(&filled, 0, 0) != 0)
        die("sem_init", errno);
    for (int c = 0; c < NCONS; c++)
        create(&cons[c], sem_consumer, c);
    for (int p = 0; p < NPROD; p++)
        create(&prod[p], sem_producer, p);
    for (int p = 0; p < NPROD; p++)
        join(prod[p]);
    for (int c = 0; c < NCONS; c++)
        sem_put(STOP);
    for (int c = 0; c < NCONS; c++)
        join(cons[c]);
    print_totals("semaphore queue", stotals);
    int vs, vf;
    sem_getvalue(&slots, &vs);
    sem_getvalue(&filled, &vf);
    printf("semaphore queue: free slots %d, filled %d\n", vs, vf);

    /* barrier */
    int e = pthread_barrier_init(&barrier, NULL, NB);
    if (e != 0)
        die("pthread_barrier_init", e);
    for (int i = 0; i < NB; i++)
        create(&th[i], barrier_worker, i);
    for (int i = 0; i < NB; i++)
        join(th[i]);
    int one_serial = 1;
    for (int ph = 0; ph < PHASES; ph++)
        one_serial &= serial_count[ph] == 1;
    printf("barrier: %d threads x %d phases, wrong sums %d, one serial thread per phase: %d\n", NB, PHASES,
           bad_phase_sums, one_serial);
    pthread_barrier_destroy(&barrier);

    /* pthread_once */
    for (int i = 0; i < NB; i++)
        create(&th[i], once_worker, i);
    for (int i = 0; i < NB; i++)
        join(th[i]);
    pthread_once(&once, once_init);
    printf("once: ran %d time(s), all %d threads returned after it: %d\n", once_runs, NB, once_seen_by == NB);

    /* single-threaded corner cases */
    pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;
    pthread_mutex_lock(&m);
    printf("trylock on a locked mutex: %s\n", pthread_mutex_trylock(&m) == EBUSY ? "EBUSY" : "other");
    pthread_mutex_unlock(&m);
    printf("trylock on an unlocked mutex: %d\n", pthread_mutex_trylock(&m));
    pthread_mutex_unlock(&m);

    pthread_mutexattr_t attr;
    pthread_mutexattr_init(&attr);
    pthread_mutexattr_settype(&attr, PTHREAD_MUTEX_ERRORCHECK);
    pthread_mutex_t ec;
    pthread_mutex_init(&ec, &attr);
    pthread_mutex_lock(&ec);
    printf("error-checking mutex: relock %s, ", pthread_mutex_lock(&ec) == EDEADLK ? "EDEADLK" : "other");
    pthread_mutex_unlock(&ec);
    printf("unlock when unlocked %s\n", pthread_mutex_unlock(&ec) == EPERM ? "EPERM" : "other");
    pthread_mutexattr_settype(&attr, PTHREAD_MUTEX_RECURSIVE);
    pthread_mutex_t rec;
    pthread_mutex_init(&rec, &attr);
    int rc = 0;
    for (int i = 0; i < 5; i++)
        rc |= pthread_mutex_lock(&rec);
    for (int i = 0; i < 5; i++)
        rc |= pthread_mutex_unlock(&rec);
    printf("recursive mutex: 5 locks and unlocks %s, a sixth unlock %s\n", rc == 0 ? "ok" : "failed",
           pthread_mutex_unlock(&rec) == EPERM ? "EPERM" : "other");

    struct timespec dl = past_deadline(CLOCK_REALTIME);
    pthread_mutex_lock(&m);
    e = pthread_cond_timedwait(&not_empty, &m, &dl);
    pthread_mutex_unlock(&m);
    printf("cond_timedwait with nobody signalling: %s\n", e == ETIMEDOUT ? "ETIMEDOUT" : strerror(e));

    sem_t s;
    sem_init(&s, 0, 0);
    errno = 0;
    rc = sem_trywait(&s);
    printf("sem_trywait on 0: %d %s\n", rc, errno == EAGAIN ? "EAGAIN" : strerror(errno));
    dl = past_deadline(CLOCK_REALTIME);
    errno = 0;
    rc = sem_timedwait(&s, &dl);
    printf("sem_timedwait on 0: %d %s\n", rc, errno == ETIMEDOUT ? "ETIMEDOUT" : strerror(errno));
    sem_post(&s);
    sem_post(&s);
    int v;
    sem_getvalue(&s, &v);
    rc = sem_trywait(&s);
    int rc2 = sem_timedwait(&s, &dl);
    printf("after two posts: value %d, trywait %d, timedwait %d\n", v, rc, rc2);
    return 0;
}
