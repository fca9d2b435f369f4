/* tls.c: the thread pointer.  glibc sets it with set_thread_area at start-up and reads it
 * with rdhwr $3, $29 (UserLocal), which the kernel (or the emulator) must answer with the
 * value given to set_thread_area.  Checks that __thread variables are initialised and sit
 * at a fixed offset from the thread pointer (o32 TLS: tp is 0x7000 past the start of the TLS
 * block), also inside a signal handler.  (Threads and their own TLS: common/threads.c.) */
#include <signal.h>
#include <stdint.h>
#include <stdio.h>

static __thread int tls_init = 1234;
static __thread int tls_zero;
static __thread char tls_text[8] = "main";

static uintptr_t thread_pointer(void)
{
    uintptr_t tp;
    __asm__ volatile(".set push\n.set mips32r2\nrdhwr %0, $29\n.set pop" : "=r"(tp));
    return tp;
}

static volatile long handler_offset;
static void on_usr1(int sig)
{
    (void)sig;
    handler_offset = (long)((uintptr_t)&tls_init - thread_pointer());
}

int main(void)
{
    uintptr_t tp = thread_pointer();
    printf("tp non-zero: %s, tp == __builtin_thread_pointer(): %s, same on a second read: %s\n",
           tp ? "yes" : "no", tp == (uintptr_t)__builtin_thread_pointer() ? "yes" : "no",
           tp == thread_pointer() ? "yes" : "no");
    printf("offsets from tp: tls_init %ld, tls_zero %ld, tls_text %ld\n",
           (long)((uintptr_t)&tls_init - tp), (long)((uintptr_t)&tls_zero - tp),
           (long)((uintptr_t)&tls_text - tp));
    printf("main: tls_init=%d tls_zero=%d text=%s\n", tls_init, tls_zero, tls_text);
    tls_init++;
    tls_zero = 7;
    signal(SIGUSR1, on_usr1);
    raise(SIGUSR1);
    printf("in a signal handler: offset %ld\n", handler_offset);
    printf("main after: tls_init=%d tls_zero=%d, tp unchanged: %s\n", tls_init, tls_zero,
           tp == thread_pointer() ? "yes" : "no");
    return 0;
}
