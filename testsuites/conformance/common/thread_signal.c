/* thread_signal.c: signals and threads.  pthread_kill (tgkill) runs the handler on the chosen
 * thread (the handler records a __thread id and pthread_equal(pthread_self(), target)); a
 * process-directed kill(getpid()) of a signal that all threads but one block goes to that
 * one; the signal mask is per thread (pthread_sigmask; new threads inherit the creator's); a
 * signal sent to a thread that blocks it stays pending for that thread only (sigpending in it
 * and in main) until it unblocks it, then runs there; sigwait in one thread takes a
 * process-directed signal that every thread blocks.  Main prints everything in order; waits
 * for handlers time out after 2 s (printed) instead of hanging.  Without threads (clone
 * fails) it prints the error and exits 1. */
/* build-flags: -pthread */
#include <errno.h>
#include <pthread.h>
#include <semaphore.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#define NT 3 /* workers 1..3; main is 0 */

static __thread int my_id = -1;
static pthread_t target;
static struct {
    int sig, id, in_target;
} recs[64];
static volatile int nrec;
static sem_t handled, ready, ack, cmd[NT + 1];
static volatile int command[NT + 1];
static int usr2_blocked_at_start[NT + 1], usr1_pending_in_thread, sigwait_sig, sigwait_id;

enum { QUIT, BLOCK_USR1, CHECK_PENDING_AND_UNBLOCK, SIGWAIT_HUP };

static void handler(int sig)
{
    int e = errno;
    int k = __sync_fetch_and_add(&nrec, 1);
    if (k < 64) {
        recs[k].sig = sig;
        recs[k].id = my_id;
        recs[k].in_target = pthread_equal(pthread_self(), target);
    }
    sem_post(&handled);
    errno = e;
}

static void die(const char *what, int err)
{
    printf("FAILED: %s: %s\n", what, strerror(err));
    fflush(stdout);
    exit(1);
}

static void wait_sem(sem_t *s)
{
    while (sem_wait(s) != 0)
        if (errno != EINTR)
            die("sem_wait", errno);
}

/* Waits at most 2 s: 1 when posted, 0 on timeout. */
static int wait_sem_2s(sem_t *s)
{
    struct timespec dl;
    clock_gettime(CLOCK_REALTIME, &dl);
    dl.tv_sec += 2;
    while (sem_timedwait(s, &dl) != 0) {
        if (errno == ETIMEDOUT)
            return 0;
        if (errno != EINTR)
            die("sem_timedwait", errno);
    }
    return 1;
}

static const char *signame(int sig)
{
    return sig == SIGUSR1 ? "SIGUSR1" : sig == SIGUSR2 ? "SIGUSR2" : sig == SIGHUP ? "SIGHUP" : "other";
}

static void mask_op(int how, int sig)
{
    sigset_t s;
    sigemptyset(&s);
    sigaddset(&s, sig);
    int e = pthread_sigmask(how, &s, NULL);
    if (e != 0)
        die("pthread_sigmask", e);
}

static int blocked(int sig)
{
    sigset_t s;
    pthread_sigmask(SIG_BLOCK, NULL, &s);
    return sigismember(&s, sig);
}

static void *worker(void *arg)
{
    int id = (int)(intptr_t)arg;
    my_id = id;
    usr2_blocked_at_start[id] = blocked(SIGUSR2);
    if (id == 2)
        mask_op(SIG_UNBLOCK, SIGUSR2);
    sem_post(&ready);
    for (;;) {
        wait_sem(&cmd[id]);
        switch (command[id]) {
        case QUIT:
            return NULL;
        case BLOCK_USR1:
            mask_op(SIG_BLOCK, SIGUSR1);
            break;
        case CHECK_PENDING_AND_UNBLOCK: {
            sigset_t p;
            sigpending(&p);
            usr1_pending_in_thread = sigismember(&p, SIGUSR1);
            mask_op(SIG_UNBLOCK, SIGUSR1); /* the handler runs here, in this thread */
            break;
        }
        case SIGWAIT_HUP: {
            sigset_t w;
            sigemptyset(&w);
            sigaddset(&w, SIGHUP);
            int e = sigwait(&w, &sigwait_sig);
            if (e != 0)
                die("sigwait", e);
            sigwait_id = my_id;
            break;
        }
        }
        sem_post(&ack);
    }
}

static void order(int id, int c)
{
    command[id] = c;
    sem_post(&cmd[id]);
    if (c != QUIT)
        wait_sem(&ack);
}

static void print_rec(const char *what, int k)
{
    if (k >= nrec)
        printf("%s: not handled within 2 s\n", what);
    else
        printf("%s: %s handled by thread %d, pthread_self() is the target: %d\n", what, signame(recs[k].sig), recs[k].id,
               recs[k].in_target);
}

int main(void)
{
    pthread_t th[NT + 1];
    my_id = 0;
    sem_init(&handled, 0, 0);
    sem_init(&ready, 0, 0);
    sem_init(&ack, 0, 0);
    for (int i = 0; i <= NT; i++)
        sem_init(&cmd[i], 0, 0);
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = handler;
    sigaction(SIGUSR1, &sa, NULL);
    sigaction(SIGUSR2, &sa, NULL);

    /* to the calling thread: handled before pthread_kill returns */
    target = pthread_self();
    int e = pthread_kill(pthread_self(), SIGUSR1);
    int before = nrec;
    if (e != 0)
        die("pthread_kill", e);
    wait_sem_2s(&handled);
    printf("handled before pthread_kill(self) returned: %d\n", before == 1);
    print_rec("pthread_kill(self)", 0);

    /* SIGUSR2 and SIGHUP blocked in main before creating the threads: they inherit it */
    mask_op(SIG_BLOCK, SIGUSR2);
    mask_op(SIG_BLOCK, SIGHUP);
    for (int i = 1; i <= NT; i++) {
        e = pthread_create(&th[i], NULL, worker, (void *)(intptr_t)i);
        if (e != 0)
            die("pthread_create", e);
    }
    for (int i = 1; i <= NT; i++)
        wait_sem(&ready);
    printf("SIGUSR2 blocked at the start of threads 1 2 3: %d %d %d\n", usr2_blocked_at_start[1],
           usr2_blocked_at_start[2], usr2_blocked_at_start[3]);

    /* thread-directed: to each worker in turn, twice */
    char what[64];
    for (int round = 0; round < 2; round++)
        for (int i = 1; i <= NT; i++) {
            target = th[i];
            int k = nrec;
            e = pthread_kill(th[i], SIGUSR1);
            if (e != 0)
                die("pthread_kill", e);
            wait_sem_2s(&handled);
            snprintf(what, sizeof what, "pthread_kill(thread %d)", i);
            print_rec(what, k);
        }

    /* process-directed: only thread 2 does not block SIGUSR2 */
    printf("SIGUSR2 blocked in main %d\n", blocked(SIGUSR2));
    for (int round = 0; round < 3; round++) {
        target = th[2];
        int k = nrec;
        if (kill(getpid(), SIGUSR2) != 0)
            die("kill", errno);
        wait_sem_2s(&handled);
        print_rec("kill(getpid(), SIGUSR2)", k);
    }

    /* a signal to a thread that blocks it stays pending for that thread only */
    order(3, BLOCK_USR1);
    target = th[3];
    int k = nrec;
    e = pthread_kill(th[3], SIGUSR1);
    if (e != 0)
        die("pthread_kill", e);
    struct timespec ts = {0, 20000000};
    nanosleep(&ts, NULL);
    sigset_t p;
    sigpending(&p);
    printf("thread 3 blocks SIGUSR1: still unhandled after 20 ms %d, pending in main %d\n", nrec == k,
           sigismember(&p, SIGUSR1));
    order(3, CHECK_PENDING_AND_UNBLOCK);
    printf("pending in thread 3 %d\n", usr1_pending_in_thread);
    wait_sem_2s(&handled);
    print_rec("after thread 3 unblocked SIGUSR1", k);

    /* sigwait in thread 1 takes a process-directed SIGHUP that every thread blocks */
    command[1] = SIGWAIT_HUP;
    sem_post(&cmd[1]);
    if (kill(getpid(), SIGHUP) != 0)
        die("kill", errno);
    int got = wait_sem_2s(&ack);
    printf("sigwait in thread 1: returned %d, %s, in thread %d\n", got, signame(sigwait_sig), sigwait_id);
    if (!got) { /* thread 1 is stuck in sigwait: do not join */
        fflush(stdout);
        _exit(1);
    }
    sigpending(&p);
    printf("nothing left pending in main: %d\n", !sigismember(&p, SIGUSR1) && !sigismember(&p, SIGUSR2) &&
                                                     !sigismember(&p, SIGHUP));

    for (int i = 1; i <= NT; i++)
        order(i, QUIT);
    for (int i = 1; i <= NT; i++)
        pthread_join(th[i], NULL);
    printf("handlers run: %d\n", nrec);
    return 0;
}
