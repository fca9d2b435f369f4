/* gdbthreads.c: a program for the gdb stub's thread tests (CrossEmu.Cli.Tests/GdbThreadTests.cs), built
 * with -g -O0 by build.sh into out/TARGET/gdb/. Main starts NT threads; all of them (and main) meet at a
 * barrier, so every thread is alive when the first one reaches work(), where the tests put a breakpoint:
 * each thread calls it once with its own index. Main joins them and exits with 9 when every thread did
 * its work. `gdbthreads spin`: the threads then count in `counter` for ever (the Ctrl-C test). */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#define NT 3

static pthread_barrier_t barrier;
int results[NT];
volatile int spinning;
volatile unsigned counter;

int work(int index)
{
    int value = index * 10 + 1;
    results[index] = value;
    return value;
}

static void *worker(void *arg)
{
    int index = (int)(long)arg;
    pthread_barrier_wait(&barrier);
    work(index);
    while (spinning) counter++;
    return NULL;
}

int main(int argc, char **argv)
{
    pthread_t threads[NT];
    spinning = argc > 1 && strcmp(argv[1], "spin") == 0;
    pthread_barrier_init(&barrier, NULL, NT + 1);
    for (long i = 0; i < NT; i++)
        if (pthread_create(&threads[i], NULL, worker, (void *)i) != 0) return 2;
    pthread_barrier_wait(&barrier);
    for (int i = 0; i < NT; i++) pthread_join(threads[i], NULL);
    for (int i = 0; i < NT; i++)
        if (results[i] != i * 10 + 1) return 1;
    exit(9);
}
