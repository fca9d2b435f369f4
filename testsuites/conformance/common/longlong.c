/* longlong.c: 64-bit integer arithmetic through libgcc (on armel __aeabi_ldivmod,
 * __aeabi_uldivmod, __aeabi_llsl/llsr/lasr, __aeabi_lmul) and conversions
 * between 64-bit integers, 32-bit integers, float and double (soft-float). */
#include <stdint.h>
#include <stdio.h>

static const uint64_t edge[] = {
    0, 1, 2, 3, 7, 10, 0xff, 0x7fffffff, 0x80000000u, 0xffffffffu, 0x100000000ull,
    0x123456789abcdef0ull, 0x7fffffffffffffffull, 0x8000000000000000ull,
    0xfffffffffffffffeull, 0xffffffffffffffffull, 0x00000001ffffffffull,
    0xfedcba9876543210ull, 1000000007ull, 0x0000ffff0000ffffull,
};
#define NEDGE (sizeof edge / sizeof edge[0])

/* noinline + volatile keep the compiler from folding the calls away. */
static volatile int sink;
__attribute__((noinline)) static uint64_t udiv(uint64_t a, uint64_t b) { sink++; return a / b; }
__attribute__((noinline)) static uint64_t umod(uint64_t a, uint64_t b) { sink++; return a % b; }
__attribute__((noinline)) static int64_t sdiv(int64_t a, int64_t b) { sink++; return a / b; }
__attribute__((noinline)) static int64_t smod(int64_t a, int64_t b) { sink++; return a % b; }
__attribute__((noinline)) static uint64_t mul(uint64_t a, uint64_t b) { sink++; return a * b; }
__attribute__((noinline)) static uint64_t shl(uint64_t a, int n) { sink++; return a << n; }
__attribute__((noinline)) static uint64_t shr(uint64_t a, int n) { sink++; return a >> n; }
__attribute__((noinline)) static int64_t sar(int64_t a, int n) { sink++; return a >> n; }

static uint64_t lcg_state = 0x853c49e6748fea9bull;
static uint64_t rnd64(void)
{
    lcg_state = lcg_state * 6364136223846793005ull + 1442695040888963407ull;
    uint64_t x = lcg_state;
    x ^= x >> 29;
    return x;
}

int main(void)
{
    printf("== edge division/remainder (unsigned then signed)\n");
    for (unsigned i = 0; i < NEDGE; i++)
        for (unsigned j = 0; j < NEDGE; j++) {
            uint64_t a = edge[i], b = edge[j];
            if (b == 0)
                continue;
            int64_t sa = (int64_t)a, sb = (int64_t)b;
            int ovf = (sa == INT64_MIN && sb == -1);
            printf("%016llx %016llx  u/ %016llx u%% %016llx  s/ %016llx s%% %016llx\n",
                   (unsigned long long)a, (unsigned long long)b,
                   (unsigned long long)udiv(a, b), (unsigned long long)umod(a, b),
                   ovf ? 0ull : (unsigned long long)sdiv(sa, sb),
                   ovf ? 0ull : (unsigned long long)smod(sa, sb));
        }

    printf("== multiply\n");
    for (unsigned i = 0; i < NEDGE; i += 2)
        for (unsigned j = 1; j < NEDGE; j += 2)
            printf("%016llx * %016llx = %016llx\n", (unsigned long long)edge[i],
                   (unsigned long long)edge[j], (unsigned long long)mul(edge[i], edge[j]));

    printf("== shifts\n");
    static const int sh[] = {0, 1, 4, 31, 32, 33, 47, 63};
    uint64_t vals[] = {0x8000000000000001ull, 0x00000000ffffffffull, 0xfedcba9876543210ull};
    for (unsigned v = 0; v < 3; v++)
        for (unsigned s = 0; s < sizeof sh / sizeof sh[0]; s++)
            printf("%016llx by %2d: << %016llx >> %016llx asr %016llx\n",
                   (unsigned long long)vals[v], sh[s], (unsigned long long)shl(vals[v], sh[s]),
                   (unsigned long long)shr(vals[v], sh[s]),
                   (unsigned long long)sar((int64_t)vals[v], sh[s]));

    printf("== random mix (checksums of 3000 rounds)\n");
    uint64_t acc_u = 0, acc_s = 0, acc_m = 0;
    for (int r = 0; r < 3000; r++) {
        uint64_t a = rnd64(), b = rnd64() >> (r % 64);
        if (b == 0)
            b = 3;
        acc_u = acc_u * 31 + udiv(a, b) + umod(a, b) * 7;
        int64_t sa = (int64_t)a, sb = (int64_t)b;
        if (r & 1)
            sb = -sb;
        if (!(sa == INT64_MIN && sb == -1))
            acc_s = acc_s * 37 + (uint64_t)sdiv(sa, sb) + (uint64_t)smod(sa, sb) * 5;
        acc_m ^= mul(a, b) + shl(a, r % 64) + shr(b, (r * 7) % 64) + (uint64_t)sar(sa, (r * 3) % 64);
    }
    printf("unsigned %016llx signed %016llx mixed %016llx\n", (unsigned long long)acc_u,
           (unsigned long long)acc_s, (unsigned long long)acc_m);

    printf("== 32-bit division (__aeabi_idiv/uidiv)\n");
    static const int32_t e32[] = {0, 1, -1, 7, -7, 100, 0x7fffffff, (int32_t)0x80000000, 65536, -65537};
    for (unsigned i = 0; i < 10; i++)
        for (unsigned j = 0; j < 10; j++) {
            volatile int32_t a = e32[i], b = e32[j];
            if (b == 0 || (a == INT32_MIN && b == -1))
                continue;
            volatile uint32_t ua = (uint32_t)a, ub = (uint32_t)b;
            printf("%d/%d=%d r%d  %u/%u=%u r%u\n", a, b, a / b, a % b, ua, ub, ua / ub, ua % ub);
        }

    printf("== conversions\n");
    static const int64_t ci[] = {0, 1, -1, 123456789012345ll, -98765432109876ll,
                                 (1ll << 53) + 1, -(1ll << 53) - 1, INT64_MAX, INT64_MIN, 0x7fffffffll};
    for (unsigned i = 0; i < 10; i++) {
        volatile int64_t v = ci[i];
        volatile double d = (double)v;
        volatile float f = (float)v;
        volatile uint64_t uv = (uint64_t)v;
        volatile double ud = (double)uv;
        printf("%lld -> d %a f %a ud %a  (int32)%d (u32)%u\n", (long long)v, d, (double)f, ud,
               (int32_t)v, (uint32_t)v);
    }
    static const double cd[] = {0.0, -0.0, 0.5, -0.5, 1.9999, -1.9999, 4294967295.0, 4294967296.5,
                                -2147483648.0, 9007199254740993.0, 1e18, -1e18, 123.456e10};
    for (unsigned i = 0; i < sizeof cd / sizeof cd[0]; i++) {
        volatile double d = cd[i];
        long long s = (long long)d;
        unsigned long long u = d >= 0 ? (unsigned long long)d : 0;
        int s32 = (d > -2147483649.0 && d < 2147483648.0) ? (int)d : 0;
        unsigned u32 = (d >= 0 && d < 4294967296.0) ? (unsigned)d : 0;
        volatile float fl = (float)d;
        long long sf = (fl > -9.2e18f && fl < 9.2e18f) ? (long long)fl : 0;
        printf("%a -> ll %lld ull %llu i %d u %u f %a fll %lld\n", d, s, u, s32, u32, (double)fl, sf);
    }
    return 0;
}
