/* malloc.c: malloc/free/realloc/calloc stress with deterministic pseudo-random
 * sizes (small, medium and mmap-sized blocks), content checksums, alignment. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static uint32_t seed = 12345;
static uint32_t rnd(void)
{
    seed = seed * 1103515245u + 12345u;
    return seed >> 8;
}

#define SLOTS 512
static unsigned char *ptr[SLOTS];
static size_t len[SLOTS];
static unsigned char tag[SLOTS];

static size_t pick_size(void)
{
    uint32_t r = rnd() % 100;
    if (r < 70)
        return rnd() % 128 + 1;
    if (r < 95)
        return rnd() % 8192 + 1;
    if (r < 99)
        return rnd() % 65536 + 1;
    return 128 * 1024 + rnd() % (256 * 1024); /* above the mmap threshold */
}

static void fill(int i)
{
    for (size_t k = 0; k < len[i]; k++)
        ptr[i][k] = (unsigned char)(tag[i] + k * 7);
}

static int check(int i, size_t n)
{
    for (size_t k = 0; k < n; k++)
        if (ptr[i][k] != (unsigned char)(tag[i] + k * 7))
            return 0;
    return 1;
}

int main(void)
{
    unsigned allocs = 0, frees = 0, reallocs = 0, callocs = 0, bad = 0, misaligned = 0;
    uint64_t bytes = 0;
    uint32_t sum = 0;

    for (int round = 0; round < 5000; round++) {
        int i = (int)(rnd() % SLOTS);
        uint32_t op = rnd() % 10;
        if (!ptr[i]) {
            len[i] = pick_size();
            tag[i] = (unsigned char)rnd();
            if (op < 2) {
                ptr[i] = calloc(len[i], 1);
                callocs++;
                for (size_t k = 0; k < len[i]; k++)
                    if (ptr[i][k])
                        bad++;
            } else {
                ptr[i] = malloc(len[i]);
                allocs++;
            }
            if (!ptr[i]) {
                printf("allocation of %zu failed\n", len[i]);
                return 1;
            }
            if ((uintptr_t)ptr[i] % 8)
                misaligned++;
            fill(i);
            bytes += len[i];
        } else if (op < 4) {
            size_t old = len[i];
            size_t n = op < 2 ? old / 2 + 1 : old * 2 + rnd() % 300;
            unsigned char *q = realloc(ptr[i], n);
            if (!q) {
                printf("realloc failed\n");
                return 1;
            }
            ptr[i] = q;
            reallocs++;
            if (!check(i, old < n ? old : n))
                bad++;
            len[i] = n;
            fill(i);
        } else {
            if (!check(i, len[i]))
                bad++;
            for (size_t k = 0; k < len[i]; k += 13)
                sum = sum * 31 + ptr[i][k];
            free(ptr[i]);
            ptr[i] = NULL;
            frees++;
        }
    }
    unsigned live = 0;
    for (int i = 0; i < SLOTS; i++)
        if (ptr[i]) {
            if (!check(i, len[i]))
                bad++;
            live++;
            free(ptr[i]);
        }
    printf("allocs=%u callocs=%u reallocs=%u frees=%u live-at-end=%u\n", allocs, callocs, reallocs,
           frees, live);
    printf("bytes=%llu checksum=%08x corrupted=%u misaligned=%u\n", (unsigned long long)bytes, sum,
           bad, misaligned);

    /* Edge cases. */
    void *z = malloc(0);
    printf("malloc(0) %s\n", z ? "non-null" : "null");
    free(z);
    free(NULL);
    char *s = realloc(NULL, 16);
    strcpy(s, "realloc(NULL)");
    printf("%s ok\n", s);
    s = realloc(s, 100000);
    printf("grown to 100000: %s\n", s);
    free(s);
    void *al = aligned_alloc(64, 256);
    printf("aligned_alloc(64): %s\n", ((uintptr_t)al % 64) == 0 ? "aligned" : "MISALIGNED");
    free(al);
    void *pm = NULL;
    int rc = posix_memalign(&pm, 4096, 10000);
    printf("posix_memalign(4096): rc=%d %s\n", rc, ((uintptr_t)pm % 4096) == 0 ? "aligned" : "MISALIGNED");
    free(pm);
    int *arr = calloc(1u << 20, sizeof(int));
    unsigned nz = 0;
    for (unsigned k = 0; k < (1u << 20); k += 1024)
        nz += arr[k] != 0;
    printf("calloc 4 MiB nonzero=%u\n", nz);
    free(arr);
    return 0;
}
