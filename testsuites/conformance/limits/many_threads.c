/* many_threads.c [COUNT [STACK]]: starts COUNT (2000) threads with STACK-byte stacks (default: glibc's,
 * RLIMIT_STACK) that all wait on one condition variable, then releases and joins them. pthread_create's
 * EAGAIN (the address space or the task limit is full) ends the starting early, as on Linux. */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t c = PTHREAD_COND_INITIALIZER;
static int go, arrived;

static void *waiter(void *arg)
{
    pthread_mutex_lock(&m);
    arrived++;
    while (!go)
        pthread_cond_wait(&c, &m);
    pthread_mutex_unlock(&m);
    return arg;
}

int main(int argc, char **argv)
{
    int n = argc > 1 ? atoi(argv[1]) : 2000;
    size_t stack = argc > 2 ? strtoul(argv[2], NULL, 0) : 0;
    pthread_t *t = calloc((size_t)n, sizeof *t);
    pthread_attr_t a;
    pthread_attr_init(&a);
    if (stack && pthread_attr_setstacksize(&a, stack) != 0) {
        printf("stack size %zu refused\n", stack);
        return 1;
    }
    int made = 0, e = 0;
    for (; made < n; made++)
        if ((e = pthread_create(&t[made], &a, waiter, (void *)(long)made)) != 0) break;
    printf("created %d of %d%s%s\n", made, n, e ? ", then " : "", e ? strerror(e) : "");
    pthread_mutex_lock(&m);
    go = 1;
    pthread_cond_broadcast(&c);
    pthread_mutex_unlock(&m);
    long sum = 0;
    for (int i = 0; i < made; i++) {
        void *r;
        pthread_join(t[i], &r);
        sum += (long)r;
    }
    printf("joined %d, results right %d, every thread ran %d\n", made, sum == (long)made * (made - 1) / 2, arrived == made);
    return 0;
}
