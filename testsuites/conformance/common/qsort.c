/* qsort.c: qsort of ints and of structs with a multi-key comparison, bsearch,
 * all with deterministic pseudo-random data; prints checksums. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static uint32_t seed = 2463534242u;
static uint32_t xorshift(void)
{
    seed ^= seed << 13;
    seed ^= seed >> 17;
    seed ^= seed << 5;
    return seed;
}

static int cmp_int(const void *a, const void *b)
{
    int x = *(const int *)a, y = *(const int *)b;
    return (x > y) - (x < y);
}
static int cmp_uint_desc(const void *a, const void *b)
{
    unsigned x = *(const unsigned *)a, y = *(const unsigned *)b;
    return (x < y) - (x > y);
}

struct rec {
    char name[12];
    short group;
    int score;
    double weight;
};
static int cmp_rec(const void *a, const void *b)
{
    const struct rec *x = a, *y = b;
    if (x->group != y->group)
        return x->group - y->group;
    if (x->score != y->score)
        return x->score > y->score ? -1 : 1;
    if (x->weight != y->weight)
        return x->weight < y->weight ? -1 : 1;
    return strcmp(x->name, y->name);
}

#define N 20000
static int a[N];
static unsigned u[N];
static struct rec r[3000];

static uint32_t hash_bytes(const void *p, size_t n)
{
    const unsigned char *c = p;
    uint32_t h = 2166136261u;
    while (n--)
        h = (h ^ *c++) * 16777619u;
    return h;
}

int main(void)
{
    for (int i = 0; i < N; i++) {
        a[i] = (int)xorshift() % 100000;
        u[i] = xorshift();
    }
    printf("ints before: %08x\n", hash_bytes(a, sizeof a));
    qsort(a, N, sizeof a[0], cmp_int);
    int sorted = 1;
    for (int i = 1; i < N; i++)
        sorted &= a[i - 1] <= a[i];
    printf("ints after: %08x sorted=%d min=%d max=%d median=%d\n", hash_bytes(a, sizeof a), sorted,
           a[0], a[N - 1], a[N / 2]);
    qsort(u, N, sizeof u[0], cmp_uint_desc);
    sorted = 1;
    for (int i = 1; i < N; i++)
        sorted &= u[i - 1] >= u[i];
    printf("unsigned desc: %08x sorted=%d first=%08x last=%08x\n", hash_bytes(u, sizeof u), sorted,
           u[0], u[N - 1]);

    int found = 0, missing = 0;
    for (int k = -50000; k < 150000; k += 97) {
        int *p = bsearch(&k, a, N, sizeof a[0], cmp_int);
        if (p && *p == k)
            found++;
        else if (!p)
            missing++;
    }
    printf("bsearch: found=%d missing=%d\n", found, missing);

    for (int i = 0; i < 3000; i++) {
        memset(&r[i], 0, sizeof r[i]);
        snprintf(r[i].name, sizeof r[i].name, "n%05u", xorshift() % 100000);
        r[i].group = (short)(xorshift() % 7);
        r[i].score = (int)(xorshift() % 50);
        r[i].weight = (double)(xorshift() % 1000) / 8.0;
    }
    qsort(r, 3000, sizeof r[0], cmp_rec);
    sorted = 1;
    for (int i = 1; i < 3000; i++)
        sorted &= cmp_rec(&r[i - 1], &r[i]) <= 0;
    printf("structs: %08x sorted=%d\n", hash_bytes(r, sizeof r), sorted);
    for (int i = 0; i < 3000; i += 500)
        printf("  [%4d] %s g=%d s=%d w=%.3f\n", i, r[i].name, r[i].group, r[i].score, r[i].weight);

    /* Already sorted, reversed and all-equal inputs. */
    for (int i = 0; i < N; i++)
        a[i] = i;
    qsort(a, N, sizeof a[0], cmp_int);
    printf("presorted: %08x\n", hash_bytes(a, sizeof a));
    for (int i = 0; i < N; i++)
        a[i] = N - i;
    qsort(a, N, sizeof a[0], cmp_int);
    printf("reversed: %08x first=%d last=%d\n", hash_bytes(a, sizeof a), a[0], a[N - 1]);
    for (int i = 0; i < N; i++)
        a[i] = 7;
    qsort(a, N, sizeof a[0], cmp_int);
    printf("equal: %08x\n", hash_bytes(a, sizeof a));
    return 0;
}
