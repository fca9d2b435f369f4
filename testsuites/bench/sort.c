/* sort.c: sorts 2 million pseudo-random 32-bit ints with an own quicksort
 * (median of three, insertion sort for small ranges), then sorts a copy with
 * a bottom-up merge sort, checks both and prints a checksum. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define N 2000000

static void insertion(int32_t *a, int n)
{
    for (int i = 1; i < n; i++) {
        int32_t v = a[i];
        int j = i - 1;
        while (j >= 0 && a[j] > v) {
            a[j + 1] = a[j];
            j--;
        }
        a[j + 1] = v;
    }
}

static void quicksort(int32_t *a, int n)
{
    while (n > 16) {
        int32_t x = a[0], y = a[n / 2], z = a[n - 1];
        int32_t p = x < y ? (y < z ? y : (x < z ? z : x)) : (x < z ? x : (y < z ? z : y));
        int i = 0, j = n - 1;
        for (;;) {
            while (a[i] < p)
                i++;
            while (a[j] > p)
                j--;
            if (i >= j)
                break;
            int32_t t = a[i];
            a[i] = a[j];
            a[j] = t;
            i++;
            j--;
        }
        /* recurse into the smaller half */
        if (j + 1 < n - j - 1) {
            quicksort(a, j + 1);
            a += j + 1;
            n -= j + 1;
        } else {
            quicksort(a + j + 1, n - j - 1);
            n = j + 1;
        }
    }
    insertion(a, n);
}

static void mergesort(int32_t *a, int32_t *tmp, int n)
{
    for (int w = 1; w < n; w *= 2) {
        for (int lo = 0; lo < n; lo += 2 * w) {
            int mid = lo + w < n ? lo + w : n, hi = lo + 2 * w < n ? lo + 2 * w : n;
            int i = lo, j = mid, k = lo;
            while (i < mid && j < hi)
                tmp[k++] = a[i] <= a[j] ? a[i++] : a[j++];
            while (i < mid)
                tmp[k++] = a[i++];
            while (j < hi)
                tmp[k++] = a[j++];
        }
        int32_t *t = a;
        memcpy(t, tmp, sizeof(int32_t) * (size_t)n);
    }
}

int main(void)
{
    int32_t *a = malloc(sizeof(int32_t) * N), *b = malloc(sizeof(int32_t) * N), *t = malloc(sizeof(int32_t) * N);
    uint32_t s = 2463534242u;
    for (int i = 0; i < N; i++) {
        s ^= s << 13;
        s ^= s >> 17;
        s ^= s << 5;
        a[i] = (int32_t)s;
    }
    memcpy(b, a, sizeof(int32_t) * N);
    quicksort(a, N);
    mergesort(b, t, N);
    int ok = memcmp(a, b, sizeof(int32_t) * N) == 0;
    for (int i = 1; i < N; i++)
        ok &= a[i - 1] <= a[i];
    uint32_t h = 0;
    for (int i = 0; i < N; i += 7)
        h = h * 31 + (uint32_t)a[i];
    printf("sort 2000000: %s min=%d median=%d max=%d checksum=%08x\n", ok ? "ok" : "WRONG", a[0], a[N / 2],
           a[N - 1], h);
    free(a);
    free(b);
    free(t);
    return 0;
}
