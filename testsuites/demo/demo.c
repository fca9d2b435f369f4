/* demo.c: what `crossemu demo` runs, built as a static ARM (ARMv5TE, soft-float) and a
 * static mipsel (MIPS32r2, hard float) Linux program, showing an ASCII Mandelbrot set (fixed-point integer math), SHA-256
 * digests (test vectors, and 1 MiB of generated data with the command that
 * checks it natively) and a prime sieve. */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

/* ---- Mandelbrot, 3.13 fixed point ---- */
#define FRAC 13
#define ONE (1 << FRAC)

static void mandelbrot(int w, int h)
{
    static const char shade[] = " .:-=+*#%@";
    /* x in [-2.2, 0.8], y in [-1.2, 1.2] */
    const int32_t x0 = -22 * ONE / 10, dx = 30 * ONE / 10 / w;
    const int32_t y0 = -12 * ONE / 10, dy = 24 * ONE / 10 / h;
    for (int row = 0; row < h; row++) {
        char line[128];
        int32_t ci = y0 + row * dy + dy / 2;
        for (int col = 0; col < w; col++) {
            int32_t cr = x0 + col * dx + dx / 2;
            int32_t zr = 0, zi = 0;
            int it = 0;
            const int max = 256;
            while (it < max) {
                int32_t zr2 = (zr * zr) >> FRAC, zi2 = (zi * zi) >> FRAC;
                if (zr2 + zi2 > 4 * ONE)
                    break;
                zi = ((zr * zi) >> (FRAC - 1)) + ci;
                zr = zr2 - zi2 + cr;
                it++;
            }
            line[col] = it == max ? '@' : shade[it < 9 ? it : 8 + (it > 30)];
        }
        line[w] = 0;
        printf("  %s\n", line);
    }
}

/* ---- SHA-256 (FIPS 180-4) ---- */
struct sha256 {
    uint32_t h[8];
    uint64_t len;
    unsigned char buf[64];
    unsigned n;
};

static const uint32_t K[64] = {
    0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
    0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
    0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
    0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
    0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
    0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
    0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
    0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2};

#define ROR(x, n) (((x) >> (n)) | ((x) << (32 - (n))))

static void sha256_block(struct sha256 *s, const unsigned char *p)
{
    uint32_t w[64];
    for (int i = 0; i < 16; i++)
        w[i] = (uint32_t)p[4 * i] << 24 | (uint32_t)p[4 * i + 1] << 16 | (uint32_t)p[4 * i + 2] << 8 | p[4 * i + 3];
    for (int i = 16; i < 64; i++) {
        uint32_t s0 = ROR(w[i - 15], 7) ^ ROR(w[i - 15], 18) ^ (w[i - 15] >> 3);
        uint32_t s1 = ROR(w[i - 2], 17) ^ ROR(w[i - 2], 19) ^ (w[i - 2] >> 10);
        w[i] = w[i - 16] + s0 + w[i - 7] + s1;
    }
    uint32_t a = s->h[0], b = s->h[1], c = s->h[2], d = s->h[3];
    uint32_t e = s->h[4], f = s->h[5], g = s->h[6], h = s->h[7];
    for (int i = 0; i < 64; i++) {
        uint32_t t1 = h + (ROR(e, 6) ^ ROR(e, 11) ^ ROR(e, 25)) + ((e & f) ^ (~e & g)) + K[i] + w[i];
        uint32_t t2 = (ROR(a, 2) ^ ROR(a, 13) ^ ROR(a, 22)) + ((a & b) ^ (a & c) ^ (b & c));
        h = g;
        g = f;
        f = e;
        e = d + t1;
        d = c;
        c = b;
        b = a;
        a = t1 + t2;
    }
    s->h[0] += a; s->h[1] += b; s->h[2] += c; s->h[3] += d;
    s->h[4] += e; s->h[5] += f; s->h[6] += g; s->h[7] += h;
}

static void sha256_init(struct sha256 *s)
{
    static const uint32_t iv[8] = {0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a,
                                   0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19};
    memcpy(s->h, iv, sizeof iv);
    s->len = 0;
    s->n = 0;
}

static void sha256_update(struct sha256 *s, const void *data, size_t n)
{
    const unsigned char *p = data;
    s->len += n;
    while (n) {
        if (s->n == 0 && n >= 64) {
            sha256_block(s, p);
            p += 64;
            n -= 64;
            continue;
        }
        size_t k = 64 - s->n < n ? 64 - s->n : n;
        memcpy(s->buf + s->n, p, k);
        s->n += (unsigned)k;
        p += k;
        n -= k;
        if (s->n == 64) {
            sha256_block(s, s->buf);
            s->n = 0;
        }
    }
}

static void sha256_final(struct sha256 *s, char hex[65])
{
    uint64_t bits = s->len * 8;
    unsigned char pad = 0x80;
    sha256_update(s, &pad, 1);
    pad = 0;
    while (s->n != 56)
        sha256_update(s, &pad, 1);
    unsigned char lenbe[8];
    for (int i = 0; i < 8; i++)
        lenbe[i] = (unsigned char)(bits >> (56 - 8 * i));
    sha256_update(s, lenbe, 8);
    for (int i = 0; i < 8; i++)
        sprintf(hex + 8 * i, "%08x", s->h[i]);
}

static void digest_of(const void *p, size_t n, char hex[65])
{
    struct sha256 s;
    sha256_init(&s);
    sha256_update(&s, p, n);
    sha256_final(&s, hex);
}

/* ---- prime sieve ---- */
static unsigned char composite[1000000];
static int count_primes(int n)
{
    int c = 0;
    for (int i = 2; i < n; i++) {
        if (composite[i])
            continue;
        c++;
        for (int j = i * 2; j < n; j += i)
            composite[j] = 1;
    }
    return c;
}

int main(void)
{
#if defined(__arm__)
    printf("CrossEmu demo: a static 32-bit ARM Linux program (ARMv5TE, soft-float)\n\n");
#elif defined(__mips__)
    printf("CrossEmu demo: a static 32-bit MIPS Linux program (%s, MIPS32r2, hard float)\n\n",
           __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__ ? "big endian" : "little endian");
#endif
    printf("Mandelbrot set, 72x24, 3.13 fixed-point integer arithmetic:\n\n");
    mandelbrot(72, 24);

    char hex[65];
    printf("\nSHA-256:\n");
    digest_of("abc", 3, hex);
    printf("  \"abc\"                          %s %s\n", hex,
           strcmp(hex, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad") ? "MISMATCH" : "(FIPS 180 vector: ok)");
    const char *fox = "The quick brown fox jumps over the lazy dog";
    digest_of(fox, strlen(fox), hex);
    printf("  \"The quick brown fox ... dog\"  %s\n", hex);

    static unsigned char data[1 << 20];
    struct sha256 s;
    sha256_init(&s);
    memset(data, 'a', 1000000);
    sha256_update(&s, data, 1000000);
    sha256_final(&s, hex);
    printf("  1,000,000 x 'a'                %s %s\n", hex,
           strcmp(hex, "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0") ? "MISMATCH" : "(FIPS 180 vector: ok)");
    for (size_t i = 0; i < sizeof data; i++)
        data[i] = (unsigned char)i;
    digest_of(data, sizeof data, hex);
    printf("  1 MiB of bytes 00 01 .. ff     %s\n", hex);
    printf("    check natively: python3 -c 'import sys; sys.stdout.buffer.write(bytes(range(256)) * 4096)' | sha256sum\n");

    printf("\nPrimes below 1,000,000: %d\n", count_primes(1000000));
    return 0;
}
