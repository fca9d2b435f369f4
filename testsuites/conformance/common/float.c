/* float.c: double and float arithmetic (soft-float libgcc __aeabi_dadd... on armel, the FPU on MIPS),
 * comparisons with NaN and signed zero, rounding, and libm functions.
 * Results are printed exactly with %a. */
/* build-flags: -lm */
#include <float.h>
#include <math.h>
#include <stdio.h>

static const double dv[] = {0.0, -0.0, 1.0, -1.0, 0.1, 1.0 / 3.0, 2.5, -7.75, 1e300, -1e-300,
                            DBL_MIN, DBL_TRUE_MIN, DBL_MAX, INFINITY, -INFINITY, NAN};
#define ND (sizeof dv / sizeof dv[0])

static volatile double vd[ND];
static volatile float vf[ND];

static const char *cmps(double a, double b)
{
    static char s[8];
    s[0] = a < b ? '<' : '.';
    s[1] = a <= b ? 'l' : '.';
    s[2] = a == b ? '=' : '.';
    s[3] = a >= b ? 'g' : '.';
    s[4] = a > b ? '>' : '.';
    s[5] = isunordered(a, b) ? 'u' : '.';
    s[6] = 0;
    return s;
}

int main(void)
{
    for (unsigned i = 0; i < ND; i++) {
        vd[i] = dv[i];
        vf[i] = (float)dv[i];
    }
    printf("== double + - * / and compare\n");
    for (unsigned i = 0; i < ND; i++)
        for (unsigned j = 0; j < ND; j += 3) {
            double a = vd[i], b = vd[j];
            printf("%a %a: + %a - %a * %a / %a %s\n", a, b, a + b, a - b, a * b, a / b, cmps(a, b));
        }
    printf("== float + - * / and compare\n");
    for (unsigned i = 0; i < ND; i += 2)
        for (unsigned j = 1; j < ND; j += 3) {
            float a = vf[i], b = vf[j];
            printf("%a %a: + %a - %a * %a / %a %s\n", (double)a, (double)b, (double)(a + b),
                   (double)(a - b), (double)(a * b), (double)(a / b), cmps(a, b));
        }
    printf("== sqrt, rounding, classification\n");
    for (unsigned i = 0; i < ND; i++) {
        double a = vd[i];
        printf("%a: sqrt %a sqrtf %a floor %a ceil %a trunc %a round %a rint %a fabs %a cls %d sb %d\n", a,
               sqrt(a), (double)sqrtf((float)a), floor(a), ceil(a), trunc(a), round(a), rint(a), fabs(a),
               fpclassify(a), signbit(a) != 0);
    }
    printf("== libm\n");
    static const double xs[] = {0.0, 0.5, 1.0, -1.0, 2.0, 3.14159265358979, 10.0, -100.5, 1e-10, 700.0};
    for (unsigned i = 0; i < sizeof xs / sizeof xs[0]; i++) {
        volatile double x = xs[i];
        int e;
        double ip;
        double fr = frexp(x, &e);
        double mf = modf(x, &ip);
        printf("%.17g: sin %a cos %a tan %a exp %a log %a log10 %a atan %a\n", x, sin(x), cos(x), tan(x), exp(x),
               log(fabs(x)), log10(fabs(x)), atan(x));
        printf("    pow(x,1.5) %a pow(2,x) %a atan2(x,-2) %a fmod(x,0.7) %a hypot(x,3) %a cbrt %a\n",
               pow(fabs(x), 1.5), pow(2.0, x), atan2(x, -2.0), fmod(x, 0.7), hypot(x, 3.0), cbrt(x));
        printf("    frexp %a,%d ldexp(x,-3) %a modf %a,%a sinf %a expf %a\n", fr, e, ldexp(x, -3), mf, ip,
               (double)sinf((float)x), (double)expf((float)x / 8));
    }
    printf("== accumulation\n");
    volatile double acc = 0, harm = 0;
    volatile float facc = 0;
    for (int i = 1; i <= 2000; i++) {
        acc += 1.0 / ((double)i * i);
        harm += (i & 1 ? 1.0 : -1.0) / i;
        facc += 1.0f / (float)i;
    }
    printf("sum 1/i^2 %.17g (%a), alternating harmonic %.17g, float harmonic %.9g\n", acc, acc, harm,
           (double)facc);
    double pi = 4 * atan(1.0);
    printf("pi %.17g e %.17g sqrt2 %.17g\n", pi, exp(1.0), sqrt(2.0));
    return 0;
}
