/* parallel4.c THREADS: a CPU-bound integer kernel over private data, the same total work split
 * over THREADS threads (1, 2 or 4): four work items, each fills its own 64 KiB buffer from a
 * xorshift generator and mixes it for many rounds.  The harness runs it with 1 and 4 threads
 * and reports the speed-up.  Prints the combined hash, the same for any thread count. */
// bench-threads: 1 4
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#define ITEMS 4
#define WORDS (64 * 1024 / 4)
#define ROUNDS 6000

struct item { uint32_t seed, hash, data[WORDS]; };

static struct item items[ITEMS];
static int threads;

static uint32_t mix(struct item *it)
{
    uint32_t x = it->seed;
    for (int i = 0; i < WORDS; i++) {
        x ^= x << 13; x ^= x >> 17; x ^= x << 5;
        it->data[i] = x;
    }
    uint32_t h = 2166136261u;
    for (int r = 0; r < ROUNDS; r++) {
        for (int i = 0; i < WORDS; i++) {
            uint32_t v = it->data[i] ^ h;
            v *= 0x9e3779b1u;
            v ^= v >> 15;
            it->data[i] = v;
            h = (h ^ v) * 16777619u;
        }
    }
    return h;
}

static void *worker(void *arg)
{
    int first = (int)(intptr_t)arg;
    for (int i = first; i < ITEMS; i += threads)
        items[i].hash = mix(&items[i]);
    return NULL;
}

int main(int argc, char **argv)
{
    threads = argc > 1 ? atoi(argv[1]) : 1;
    if (threads < 1 || threads > ITEMS || ITEMS % threads != 0) {
        fprintf(stderr, "usage: parallel4 [1|2|4]\n");
        return 2;
    }
    for (int i = 0; i < ITEMS; i++)
        items[i].seed = 0x12345678u + 0x9e3779b9u * (uint32_t)i;
    pthread_t t[ITEMS];
    for (int k = 1; k < threads; k++) {
        if (pthread_create(&t[k], NULL, worker, (void *)(intptr_t)k) != 0) { fprintf(stderr, "parallel4: pthread_create failed\n"); return 1; }
    }
    worker((void *)0);
    for (int k = 1; k < threads; k++)
        pthread_join(t[k], NULL);
    uint32_t all = 0;
    for (int i = 0; i < ITEMS; i++)
        all = all * 31 + items[i].hash;
    printf("parallel4: %d work items, hash %08x\n", ITEMS, all);
    return 0;
}
