/* strmem.c: string and memory workload: builds strings with snprintf/strcat,
 * hashes them, searches them with strchr/strstr/strcmp, copies and clears
 * buffers with memcpy/memmove/memset/memcmp at varying sizes and alignments.
 * Prints a checksum. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static uint32_t fnv(const char *s)
{
    uint32_t h = 2166136261u;
    while (*s)
        h = (h ^ (unsigned char)*s++) * 16777619u;
    return h;
}

/* The sign only: the magnitude of strcmp/memcmp results differs between
 * implementations (and between the ARM and x86-64 builds). */
static uint32_t sgn(int r) { return (uint32_t)((r > 0) - (r < 0)) & 3u; }

static int cmpstr(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }

int main(void)
{
    static char big[1 << 20], big2[1 << 20];
    static char line[512];
    static char *words[4096];
    uint32_t h = 0;
    uint32_t x = 1;

    for (int round = 0; round < 100; round++) {
        /* build a pool of words */
        for (int i = 0; i < 4096; i++) {
            x = x * 1664525u + 1013904223u;
            char w[40];
            int n = snprintf(w, sizeof w, "w%u-%x-%u", x >> 20, (x >> 8) & 0xfff, (unsigned)i);
            words[i] = malloc((size_t)n + 1);
            memcpy(words[i], w, (size_t)n + 1);
        }
        qsort(words, 4096, sizeof words[0], cmpstr);
        /* concatenate into lines, search them */
        for (int i = 0; i < 4096; i += 16) {
            line[0] = 0;
            for (int k = 0; k < 16; k++) {
                strcat(line, words[i + k]);
                strcat(line, " ");
            }
            h = h * 31 + fnv(line) + (uint32_t)strlen(line);
            const char *p = strchr(line, '-');
            const char *q = strstr(line, "-a");
            const char *r = strrchr(line, 'w');
            h += (uint32_t)(p - line) + (q ? (uint32_t)(q - line) : 7u) + (uint32_t)(r - line);
            h ^= sgn(strncmp(line, words[(i + 8) & 4095], 6));
        }
        for (int i = 0; i < 4096; i++)
            free(words[i]);

        /* bulk memory */
        memset(big, round & 0xff, sizeof big);
        for (int i = 0; i < 64; i++) {
            size_t off = (size_t)((i * 7919 + round * 104729) % 4096), len = (size_t)(1000 + i * 4001);
            memcpy(big2 + off, big + (i & 7), len);
            memmove(big2 + off + 3, big2 + off, len / 2);
            h += sgn(memcmp(big2 + off, big + off, 64));
            big[off + len / 3] = (char)i;
        }
        h = h * 131 + (unsigned char)big2[round * 1000] + (uint32_t)strlen(big2 + 100 * round) % 977;
        memset(big2, 0, sizeof big2);
    }
    printf("strmem: checksum %08x\n", h);
    return 0;
}
