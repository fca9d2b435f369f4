/* strings.c: <string.h> and <stdlib.h> string functions (glibc's ARM
 * assembly versions of memcpy/memmove/memset/strlen/strchr/... included),
 * over many lengths and alignments, plus strtol/strtoul, sprintf, strtok. */
#define _GNU_SOURCE
#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static uint32_t hash(const void *p, size_t n)
{
    const unsigned char *c = p;
    uint32_t h = 2166136261u;
    while (n--)
        h = (h ^ *c++) * 16777619u;
    return h;
}

static unsigned char src[600], dst[600];

static void reset(void)
{
    for (int i = 0; i < 600; i++) {
        src[i] = (unsigned char)(i * 13 + 5);
        dst[i] = (unsigned char)(0xa5 ^ i);
    }
}

int main(void)
{
    /* memcpy/memmove/memset/memcmp over every small length and alignment. */
    uint32_t hc = 0, hm = 0, hs = 0;
    int cmpsum = 0;
    for (int so = 0; so < 8; so++)
        for (int doff = 0; doff < 8; doff++)
            for (int n = 0; n < 70; n += (n < 20 ? 1 : 7)) {
                reset();
                memcpy(dst + doff, src + so, n);
                hc = hc * 33 + hash(dst, 100);
                reset();
                memmove(src + doff, src + so, n); /* overlapping both ways */
                hm = hm * 33 + hash(src, 100);
                reset();
                memset(dst + doff, so * 31, n);
                hs = hs * 33 + hash(dst, 100);
                reset();
                memcpy(dst, src, 200);
                if (n)
                    dst[so + n - 1] ^= (unsigned char)(doff + 1);
                int c = memcmp(dst + so, src + so, n);
                cmpsum = cmpsum * 3 + (c > 0) - (c < 0);
            }
    reset();
    memmove(src + 1, src, 500);
    uint32_t big1 = hash(src, 600);
    reset();
    memmove(src, src + 3, 500);
    uint32_t big2 = hash(src, 600);
    printf("memcpy %08x memmove %08x memset %08x memcmp %d big-memmove %08x %08x\n", hc, hm, hs,
           cmpsum, big1, big2);

    /* strlen over alignments and lengths. */
    char s[300];
    uint32_t lsum = 0;
    for (int off = 0; off < 8; off++)
        for (int n = 0; n < 260; n += 3) {
            memset(s, 'x', sizeof s);
            s[off + n] = 0;
            lsum = lsum * 7 + (uint32_t)strlen(s + off);
        }
    printf("strlen sum %08x\n", lsum);

    char a[64], b[64];
    strcpy(a, "Hello, conformance world!");
    printf("strcpy: %s len=%zu\n", a, strlen(a));
    memset(b, '#', sizeof b);
    strncpy(b, "abc", 6);
    printf("strncpy pads: %d %d %d %d %c\n", b[3], b[4], b[5], b[6] == '#', b[2]);
    strncpy(b, "abcdefgh", 4);
    b[4] = 0;
    printf("strncpy truncates: %s\n", b);
    strcat(a, " +cat");
    static const char *volatile tail = "123456";
    strncat(a, tail, 3);
    printf("strcat/strncat: %s\n", a);

    static const char *words[] = {"", "a", "ab", "abc", "abd", "b", "B", "abc\x80", "zzz", "ABC"};
    int nw = sizeof words / sizeof words[0];
    for (int i = 0; i < nw; i++) {
        printf("cmp %-6s:", i == 7 ? "abc\\x80" : words[i]);
        for (int j = 0; j < nw; j++) {
            int c1 = strcmp(words[i], words[j]), c2 = strncmp(words[i], words[j], 2);
            int c3 = strcasecmp(words[i], words[j]);
            printf(" %c%c%c", c1 < 0 ? '<' : c1 > 0 ? '>' : '=', c2 < 0 ? '<' : c2 > 0 ? '>' : '=',
                   c3 < 0 ? '<' : c3 > 0 ? '>' : '=');
        }
        putchar('\n');
    }

    const char *hay = "the quick brown fox jumps over the lazy dog";
    printf("strchr o: %td, strrchr o: %td, strchr NUL: %td, strchr z: %td\n", strchr(hay, 'o') - hay,
           strrchr(hay, 'o') - hay, strchr(hay, 0) - hay, strchr(hay, 'z') - hay);
    printf("strchr q missing: %s, memchr j: %td, memrchr t: %td\n", strchr(hay, 'Q') ? "found" : "null",
           (const char *)memchr(hay, 'j', 43) - hay, (const char *)memrchr(hay, 't', 43) - hay);
    printf("strstr the: %td, strstr lazy: %td, strstr cat: %s, strstr empty: %td\n",
           strstr(hay + 1, "the") - hay, strstr(hay, "lazy") - hay,
           strstr(hay, "cat") ? "found" : "null", strstr(hay, "") - hay);
    printf("strspn: %zu strcspn: %zu strpbrk: %td\n", strspn(hay, "the "), strcspn(hay, "xyz"),
           strpbrk(hay, "kx") - hay);

    char *dup = strdup(hay);
    char *save = NULL;
    int nt = 0;
    printf("strtok_r:");
    for (char *t = strtok_r(dup, " ", &save); t; t = strtok_r(NULL, " ", &save), nt++)
        printf(" [%s]", t);
    printf(" count=%d\n", nt);
    free(dup);
    char csv[] = ",,a,b;;c,,d;";
    printf("strtok:");
    for (char *t = strtok(csv, ",;"); t; t = strtok(NULL, ",;"))
        printf(" <%s>", t);
    putchar('\n');

    static const char *nums[] = {"0", "42", "-42", "  +17xyz", "0x1F", "0777", "z", "2147483647",
                                 "2147483648", "-2147483649", "4294967295", "4294967296", "-1",
                                 "1010", "zz", "  -0x80000000", "", "9999999999999999999"};
    static const int bases[] = {10, 0, 16, 2, 36, 8};
    for (unsigned i = 0; i < sizeof nums / sizeof nums[0]; i++) {
        printf("%-16s", nums[i]);
        for (unsigned k = 0; k < sizeof bases / sizeof bases[0]; k++) {
            char *end;
            errno = 0;
            long v = strtol(nums[i], &end, bases[k]);
            int e1 = errno;
            errno = 0;
            unsigned long uv = strtoul(nums[i], NULL, bases[k]);
            int e2 = errno;
            printf(" b%d:%ld/%lu%s%s@%td", bases[k], v, uv, e1 ? "!" : "", e2 ? "!" : "", end - nums[i]);
        }
        errno = 0;
        long long ll = strtoll(nums[i], NULL, 0);
        printf(" ll:%lld%s atoi:%d\n", ll, errno ? "!" : "", atoi(nums[i]));
    }

    char out[200];
    int n = sprintf(out, "%s|%5d|%-5x|%c|%05.1f|%lld", "sp", -3, 255, 'Z', 3.14159, -1234567890123ll);
    printf("sprintf %d: %s\n", n, out);
    volatile size_t ten = 10;
    n = snprintf(out, ten, "%s", "0123456789abcdef");
    printf("snprintf %d: %s\n", n, out);

    int up = 0, dig = 0, sp = 0, pun = 0;
    for (int c = 0; c < 128; c++) {
        up += isupper(c) != 0;
        dig += isdigit(c) != 0;
        sp += isspace(c) != 0;
        pun += ispunct(c) != 0;
    }
    char mixed[] = "MiXeD CaSe 123";
    for (char *p = mixed; *p; p++)
        *p = (char)(islower((unsigned char)*p) ? toupper((unsigned char)*p) : tolower((unsigned char)*p));
    printf("ctype: upper=%d digit=%d space=%d punct=%d swapped=%s\n", up, dig, sp, pun, mixed);
    printf("strerror(ENOENT)=%s\n", strerror(ENOENT));
    return 0;
}
