/* threads.c: thread creation and join, 10,000 threads started four at a time (create four,
 * join four) with the default attributes; each returns a value derived from its index.
 * Prints the count and the sum of the returned values. */
// bench-iterations: 10000
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>

#define THREADS 10000
#define AT_ONCE 4

static void *work(void *arg)
{
    uint32_t v = (uint32_t)(uintptr_t)arg * 2654435761u;   /* 32-bit: the same on every host */
    return (void *)(uintptr_t)(v >> 16);
}

int main(void)
{
    uint64_t sum = 0;
    for (int first = 0; first < THREADS; first += AT_ONCE) {
        pthread_t t[AT_ONCE];
        for (int k = 0; k < AT_ONCE; k++) {
            if (pthread_create(&t[k], NULL, work, (void *)(uintptr_t)(first + k)) != 0) {
                fprintf(stderr, "threads: pthread_create failed at %d\n", first + k);
                return 1;
            }
        }
        for (int k = 0; k < AT_ONCE; k++) {
            void *result;
            pthread_join(t[k], &result);
            sum += (uintptr_t)result;
        }
    }
    printf("threads: %d threads joined, results sum to %llu\n", THREADS, (unsigned long long)sum);
    return 0;
}
