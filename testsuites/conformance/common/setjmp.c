/* setjmp.c: setjmp/longjmp from nested calls and deep recursion, values kept
 * in volatile locals, sigsetjmp/siglongjmp restoring the signal mask. */
#include <setjmp.h>
#include <signal.h>
#include <stdio.h>

#pragma GCC diagnostic ignored "-Winfinite-recursion"

static jmp_buf env;
static sigjmp_buf senv;
static int depth_reached;

__attribute__((noinline)) static void dive(int depth, int target)
{
    volatile char pad[64];
    pad[depth % 64] = (char)depth;
    depth_reached = depth + pad[depth % 64] * 0;
    if (depth == target || depth > 1000)
        longjmp(env, target * 10 + 1);
    dive(depth + 1, target);
}

__attribute__((noinline)) static void thrower(int v) { longjmp(env, v); }

static int nested(int level)
{
    jmp_buf saved;
    __builtin_memcpy(&saved, &env, sizeof env);
    int r = setjmp(env);
    if (r == 0) {
        if (level > 0)
            r = nested(level - 1) + 1;
        else
            thrower(100);
    }
    __builtin_memcpy(&env, &saved, sizeof env);
    return r;
}

int main(void)
{
    volatile int counter = 0;
    volatile long long big = 0x1122334455667788ll;
    volatile double d = 1.5;
    int r = setjmp(env);
    printf("setjmp returned %d (counter=%d big=%llx d=%g)\n", r, counter, big, d);
    if (counter < 3) {
        counter++;
        big += 0x0101010101010101ll;
        d *= 2;
        thrower(counter == 2 ? 0 : counter * 7); /* longjmp(env, 0) returns 1 */
    }

    for (int target = 1; target <= 200; target *= 3) {
        r = setjmp(env);
        if (r == 0)
            dive(0, target);
        printf("dive to %d: longjmp value %d, depth %d\n", target, r, depth_reached);
    }

    printf("nested setjmp: %d\n", nested(5));

    sigset_t set, old;
    sigemptyset(&set);
    sigaddset(&set, SIGUSR1);
    r = sigsetjmp(senv, 1);
    sigprocmask(SIG_BLOCK, NULL, &old);
    printf("sigsetjmp %d: SIGUSR1 blocked=%d\n", r, sigismember(&old, SIGUSR1));
    if (r == 0) {
        sigprocmask(SIG_BLOCK, &set, NULL);
        siglongjmp(senv, 5);
    }
    sigprocmask(SIG_BLOCK, &set, NULL);
    r = sigsetjmp(senv, 0);
    sigprocmask(SIG_BLOCK, NULL, &old);
    printf("sigsetjmp(savemask=0) %d: SIGUSR1 blocked=%d\n", r, sigismember(&old, SIGUSR1));
    if (r == 0) {
        sigprocmask(SIG_UNBLOCK, &set, NULL);
        siglongjmp(senv, 6);
    }
    return 0;
}
