/* printf.c: many printf formats, flags, widths and precisions, including
 * long long, char/short modifiers and soft-float %e/%f/%g/%a. */
#include <limits.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

int main(void)
{
    static const int iv[] = {0, 1, -1, 42, -42, 255, 65535, INT_MAX, INT_MIN, 123456789};
    static const char *ifm[] = {"%d", "%i", "%5d", "%-5d|", "%05d", "%+d", "% d", "%+05d", "%.3d",
                                "%8.3d", "%-8.3d|", "%u", "%x", "%X", "%#x", "%#X", "%o", "%#o",
                                "%08x", "%#010x", "%-#10x|", "%.0d", "%hd", "%hu", "%hhd", "%hhu",
                                "%hhx", "%*d", "%-*d|", "%.*d"};
    for (unsigned f = 0; f < sizeof ifm / sizeof ifm[0]; f++) {
        printf("[%-8s]", ifm[f]);
        for (unsigned i = 0; i < sizeof iv / sizeof iv[0]; i++) {
            putchar(' ');
            if (strchr(ifm[f], '*'))
                printf(ifm[f], 7, iv[i]);
            else
                printf(ifm[f], iv[i]);
        }
        putchar('\n');
    }

    static const long long lv[] = {0, -1, 1ll << 40, -(1ll << 40), LLONG_MAX, LLONG_MIN,
                                   0x123456789abcdefll};
    for (unsigned i = 0; i < sizeof lv / sizeof lv[0]; i++)
        printf("ll: %lld %llu %llx %#llo %+20lld|%-20lli|%020llX\n", lv[i], (unsigned long long)lv[i],
               (unsigned long long)lv[i], (unsigned long long)lv[i], lv[i], lv[i],
               (unsigned long long)lv[i]);
    printf("j/z/t: %jd %zu %td %ld %lu\n", (intmax_t)-5, (size_t)77, (ptrdiff_t)-3, -123456789l,
           4000000000ul);

    printf("chars: [%c][%3c][%-3c][%c]\n", 'A', 'b', 'c', 0x7e);
    printf("strings: [%s][%10s][%-10s][%.3s][%10.2s][%-*s][%.*s]\n", "hello", "right", "left",
           "truncate", "ab", 6, "st", 2, "xyz");
    printf("percent: 100%%\n");

    static const double dv[] = {0.0, -0.0, 1.0, -1.5, 3.14159265358979, 2.5, 3.5, 1e-5, 123456.789,
                                1e100, -2.2250738585072014e-308, 4.9e-324, 0.1, 1.0 / 3.0,
                                9.999999, 1e21, 6.02214076e23};
    static const char *dfm[] = {"%f", "%.0f", "%.2f", "%10.3f", "%-10.1f|", "%+f", "%e", "%.3e",
                                "%E", "%g", "%G", "%.10g", "%#g", "%#.0f", "%012.4f", "%a", "%.2a"};
    for (unsigned f = 0; f < sizeof dfm / sizeof dfm[0]; f++) {
        printf("[%-7s]", dfm[f]);
        for (unsigned i = 0; i < sizeof dv / sizeof dv[0]; i++) {
            putchar(' ');
            printf(dfm[f], dv[i]);
        }
        putchar('\n');
    }
    printf("inf/nan: %f %f %e %g %F %5.1f|%-6g|\n", 1.0 / 0.0, -1.0 / 0.0, 1.0 / 0.0,
           __builtin_nan(""), 1.0 / 0.0, -__builtin_inf(), __builtin_nan(""));
    printf("float args: %f %g %.8e\n", (double)1.1f, (double)3.4028235e38f, (double)1.17549435e-38f);

    char buf[64];
    int n = snprintf(buf, sizeof buf, "%s-%d-%x-%.2f", "snprintf", -12, 0xbeef, 2.345);
    printf("snprintf -> %d [%s]\n", n, buf);
    volatile size_t small = 8;
    n = snprintf(buf, small, "%d%d%d", 12345, 67890, 111);
    printf("truncated -> %d [%s]\n", n, buf);
    n = snprintf(NULL, 0, "%lld", LLONG_MIN);
    printf("measure -> %d\n", n);
    int pos1 = 0, pos2 = 0;
    printf("n-directive:%n 0123456789%n\n", &pos1, &pos2);
    printf("positions %d %d\n", pos1, pos2);
    printf("positional: %2$s %1$s %3$05d\n", "world", "hello", 42);
    return 0;
}
