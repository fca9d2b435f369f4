/* pingpong.c: a mutex and condition-variable ping-pong between two threads, 100,000 round
 * trips: each side waits for its turn, bumps the shared counter and hands the turn over.
 * Prints the round trips and the counter.  Every runner runs it on one host CPU: on two idle
 * cores of this VM a round trip costs ~38 us natively (waking the other core) against ~8 us on
 * one, and which of the two a run gets swamps what the emulators add. */
// bench-iterations: 100000
// bench-cpus: 0
#include <pthread.h>
#include <stdio.h>

#define ROUND_TRIPS 100000

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t changed = PTHREAD_COND_INITIALIZER;
static int turn;          /* 0: ping's, 1: pong's */
static long counter;

static void play(int me)
{
    for (int i = 0; i < ROUND_TRIPS; i++) {
        pthread_mutex_lock(&lock);
        while (turn != me)
            pthread_cond_wait(&changed, &lock);
        counter++;
        turn = !me;
        pthread_cond_signal(&changed);
        pthread_mutex_unlock(&lock);
    }
}

static void *pong(void *unused)
{
    (void)unused;
    play(1);
    return NULL;
}

int main(void)
{
    pthread_t t;
    if (pthread_create(&t, NULL, pong, NULL) != 0) { fprintf(stderr, "pingpong: pthread_create failed\n"); return 1; }
    play(0);
    pthread_join(t, NULL);
    printf("pingpong: %d round trips, counter %ld\n", ROUND_TRIPS, counter);
    return 0;
}
