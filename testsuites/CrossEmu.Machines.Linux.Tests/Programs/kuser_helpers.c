/* Guest program for EndToEndTests: calls each ARM kuser helper at its fixed address. */
#include <stdio.h>
typedef int (kuser_cmpxchg_t)(int oldval, int newval, volatile int *ptr);
typedef int (kuser_cmpxchg64_t)(const long long *oldval, const long long *newval, volatile long long *ptr);
typedef void *(kuser_get_tls_t)(void);
typedef void (kuser_dmb_t)(void);
#define kuser_cmpxchg (*(kuser_cmpxchg_t *)0xffff0fc0)
#define kuser_cmpxchg64 (*(kuser_cmpxchg64_t *)0xffff0f60)
#define kuser_get_tls (*(kuser_get_tls_t *)0xffff0fe0)
#define kuser_dmb (*(kuser_dmb_t *)0xffff0fa0)
int main(void) {
    volatile int v = 5;
    int r1 = kuser_cmpxchg(5, 9, &v); int a = v;
    int r2 = kuser_cmpxchg(5, 7, &v); int b = v;
    volatile long long w = 0x100000002LL; long long o = 0x100000002LL, n = 0x300000004LL, bad = 1;
    int r3 = kuser_cmpxchg64(&o, &n, &w); long long c = w;
    int r4 = kuser_cmpxchg64(&bad, &o, &w); long long d = w;
    kuser_dmb();
    printf("version=%d\n", *(int *)0xffff0ffc);
    printf("cmpxchg ok=%d v=%d fail=%d v=%d\n", r1 == 0, a, r2 != 0, b);
    printf("cmpxchg64 ok=%d w=%llx fail=%d w=%llx\n", r3 == 0, c, r4 != 0, d);
    printf("tls=%d\n", kuser_get_tls() == __builtin_thread_pointer());
    return 0;
}
