/* numeric.c: a small numerical program built big-endian (mips-linux-gnu-gcc -static; also
 * built for mipsel): Simpson integration, Newton square roots against sqrt(), series and a
 * little statistics over the numbers of a text file whose path is the first argument
 * (numeric.args: data/samples.txt).  Doubles are printed with %.10g and exactly with %a. */
/* build-flags: -lm */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static double simpson(double (*f)(double), double a, double b, int n)
{
    double h = (b - a) / n, s = f(a) + f(b);
    for (int i = 1; i < n; i++)
        s += f(a + i * h) * (i & 1 ? 4 : 2);
    return s * h / 3;
}

static double quarter_circle(double x) { return 4.0 / (1.0 + x * x); }
static double gauss(double x) { return exp(-x * x); }

static double newton_sqrt(double v)
{
    int ex;
    frexp(v, &ex);
    double x = ldexp(1.0, ex / 2); /* within a factor of 2 of the root */
    for (int i = 0; i < 8; i++)
        x = 0.5 * (x + v / x);
    return x;
}

int main(int argc, char **argv)
{
    printf("integral 4/(1+x^2) on [0,1], n=1000: %.10g (pi %.10g)\n", simpson(quarter_circle, 0, 1, 1000), M_PI);
    printf("integral sin on [0,pi], n=64:        %.10g\n", simpson(sin, 0, M_PI, 64));
    printf("integral exp(-x^2) on [-5,5], n=200: %.10g (sqrt(pi) %.10g)\n", simpson(gauss, -5, 5, 200), sqrt(M_PI));
    static const double roots[] = {2, 10, 0.5, 1e-6, 12345.678, 1e300};
    for (size_t i = 0; i < sizeof roots / sizeof roots[0]; i++) {
        double n = newton_sqrt(roots[i]), s = sqrt(roots[i]);
        printf("sqrt(%g): newton %.10g sqrt %.10g %a, equal: %s\n", roots[i], n, s, s, n == s ? "yes" : "no");
    }
    double e = 0, term = 1;
    for (int k = 0; k < 20; k++) {
        e += term;
        term /= k + 1;
    }
    printf("e by series: %.10g (exp(1) %.10g), harmonic(1e5): %.10g\n", e, exp(1), ({
               double h = 0;
               for (int k = 1; k <= 100000; k++)
                   h += 1.0 / k;
               h;
           }));

    if (argc < 2) {
        printf("no file given\n");
        return 2;
    }
    FILE *f = fopen(argv[1], "r");
    if (!f) {
        printf("cannot open the samples file\n");
        return 3;
    }
    char line[256];
    int n = 0, comments = 0;
    double sum = 0, sumsq = 0, lo = INFINITY, hi = -INFINITY;
    unsigned checksum = 0;
    while (fgets(line, sizeof line, f)) {
        for (char *p = line; *p; p++)
            checksum = checksum * 31 + (unsigned char)*p;
        if (line[0] == '#') {
            comments++;
            continue;
        }
        double v = strtod(line, NULL);
        printf("sample %d: %.10g\n", n, v);
        n++;
        sum += v;
        sumsq += v * v;
        lo = v < lo ? v : lo;
        hi = v > hi ? v : hi;
    }
    fclose(f);
    double mean = sum / n;
    printf("%d samples, %d comment line(s), checksum %08x\n", n, comments, checksum);
    printf("sum %.10g mean %.10g stddev %.10g min %.10g max %.10g\n", sum, mean, sqrt(sumsq / n - mean * mean), lo, hi);
    return 0;
}
