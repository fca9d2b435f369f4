/* tls_threads.c: __thread variables across threads (named so because mips/tls.c exists).
 * Every new thread starts with the initial values (.tdata) and zeroes (.tbss), whatever main
 * changed in its own copies before creating it; each thread sees only its own copies (also a
 * thread created by a thread); main's copies are unaffected; every thread has its own errno
 * (a failing call in a thread sets that thread's errno only).  Results are printed by main
 * after joining.  Without threads (clone fails) it prints the error and exits 1. */
/* build-flags: -pthread */
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define NT 4

static __thread int t_int = 42;
static __thread long long t_ll = 0x123456789abcdefll;
static __thread char t_str[24] = "initial";
static __thread double t_dbl = 2.5;
static __thread int t_zero;
static __thread int t_array[64]; /* .tbss */
static __thread unsigned char t_align16[16] __attribute__((aligned(16))) = {1, 2, 3};

struct report {
    int int_seen, zero_seen, array_zero, align_ok;
    long long ll_seen;
    double dbl_seen;
    char str_seen[24];
    int int_after, sum_after;
    char str_after[24];
    int errno_value;
    int errno_private; /* &errno differs from main's */
    int own_address;   /* &t_int differs from main's */
    int nested_int, nested_zero, nested_after_mine;
};
static struct report rep[NT];
static int *main_errno_address, *main_t_int_address;

static void die(const char *what, int err)
{
    printf("FAILED: %s: %s\n", what, strerror(err));
    fflush(stdout);
    exit(1);
}

static void *nested(void *arg)
{
    struct report *r = arg;
    r->nested_int = t_int;
    r->nested_zero = t_zero;
    t_int = -1;
    return NULL;
}

static void *worker(void *arg)
{
    int id = (int)(intptr_t)arg;
    struct report *r = &rep[id];
    r->int_seen = t_int;
    r->zero_seen = t_zero;
    r->ll_seen = t_ll;
    r->dbl_seen = t_dbl;
    strcpy(r->str_seen, t_str);
    int z = 1;
    for (int i = 0; i < 64; i++)
        z &= t_array[i] == 0;
    r->array_zero = z;
    r->align_ok = ((uintptr_t)t_align16 & 15) == 0 && t_align16[0] == 1 && t_align16[2] == 3 && t_align16[3] == 0;
    r->own_address = &t_int != main_t_int_address;
    r->errno_private = &errno != main_errno_address;

    /* change every copy, in a loop that takes a while so that the threads overlap */
    for (int i = 0; i < 20000; i++) {
        t_int += id + 1;
        t_array[i & 63] += 1;
        t_zero ^= i;
    }
    snprintf(t_str, sizeof t_str, "thread-%d", id);
    t_ll += id;
    t_dbl *= id + 1;

    /* a failing call sets this thread's errno */
    errno = 0;
    int bad = id % 2 ? open("/nonexistent-dir/x", O_RDONLY) : close(-1);
    r->errno_value = bad == -1 ? errno : 0;

    /* a thread created by this thread starts from the initial values too */
    pthread_t n;
    int e = pthread_create(&n, NULL, nested, r);
    if (e != 0)
        die("pthread_create (nested)", e);
    pthread_join(n, NULL);
    r->nested_after_mine = t_int;

    r->int_after = t_int;
    int s = 0;
    for (int i = 0; i < 64; i++)
        s += t_array[i];
    r->sum_after = s + (t_zero != 0);
    strcpy(r->str_after, t_str);
    return NULL;
}

int main(void)
{
    main_errno_address = &errno;
    main_t_int_address = &t_int;
    /* main changes its own copies first: the threads must not see this */
    t_int = 1000;
    t_zero = 77;
    strcpy(t_str, "main's");
    t_array[5] = 5;
    t_ll = -1;

    pthread_t th[NT];
    for (int i = 0; i < NT; i++) {
        int e = pthread_create(&th[i], NULL, worker, (void *)(intptr_t)i);
        if (e != 0)
            die("pthread_create", e);
    }
    errno = 0;
    for (int i = 0; i < NT; i++) {
        int e = pthread_join(th[i], NULL);
        if (e != 0)
            die("pthread_join", e);
    }
    int main_errno = errno;

    for (int i = 0; i < NT; i++) {
        struct report *r = &rep[i];
        printf("thread %d: int %d ll %llx str \"%s\" dbl %g zero %d array zero %d aligned %d own copy %d\n", i,
               r->int_seen, (unsigned long long)r->ll_seen, r->str_seen, r->dbl_seen, r->zero_seen, r->array_zero,
               r->align_ok, r->own_address);
        printf("thread %d: after: int %d array sum %d str \"%s\"; errno %s, private errno %d\n", i, r->int_after,
               r->sum_after, r->str_after, r->errno_value == EBADF ? "EBADF" : r->errno_value == ENOENT ? "ENOENT" : "other",
               r->errno_private);
        printf("thread %d: nested thread saw int %d zero %d; the creator's int still %d\n", i, r->nested_int,
               r->nested_zero, r->nested_after_mine);
    }
    printf("main: int %d ll %lld str \"%s\" zero %d array[5] %d dbl %g errno after the threads' failures %d\n", t_int,
           t_ll, t_str, t_zero, t_array[5], t_dbl, main_errno);
    return 0;
}
