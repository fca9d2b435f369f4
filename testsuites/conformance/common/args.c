/* args.c: run with the arguments in args.args.  Prints argc, every argument
 * after argv[0], and facts that hold in any environment: argv/envp are NULL
 * terminated, pids and page size are sane, the auxiliary vector is there. */
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/auxv.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

extern char **environ;

/* Returns sp as it was at the call: AAPCS and MIPS o32 keep it 8-byte aligned at calls. */
#if defined(__arm__)
__attribute__((naked, noinline)) static uintptr_t sp_at_call(void)
{
    __asm__ volatile("mov r0, sp\n\tbx lr");
}
#elif defined(__mips__)
__attribute__((noinline)) static uintptr_t sp_at_call(void)
{
    uintptr_t sp; /* a leaf without locals: no frame, so $sp is the caller's */
    __asm__ volatile("move %0, $sp" : "=r"(sp));
    return sp;
}
#else
#error "sp_at_call: add this architecture"
#endif

int main(int argc, char **argv, char **envp)
{
    printf("argc=%d\n", argc);
    printf("argv[0] non-empty: %s\n", argv[0] && argv[0][0] ? "yes" : "no");
    for (int i = 1; i < argc; i++)
        printf("argv[%d]=\"%s\" (len %zu)\n", i, argv[i], strlen(argv[i]));
    printf("argv[argc] is NULL: %s\n", argv[argc] == NULL ? "yes" : "no");
    int n = 0;
    while (envp[n])
        n++;
    printf("envp == environ: %s, envp is NULL terminated after argv: %s\n",
           envp == environ ? "yes" : "no", envp == argv + argc + 1 ? "yes" : "no");
    printf("getpid() > 0: %s, getppid() > 0: %s, getpid() != getppid(): %s\n",
           getpid() > 0 ? "yes" : "no", getppid() > 0 ? "yes" : "no",
           getpid() != getppid() ? "yes" : "no");
    printf("getuid() == geteuid(): %s, getgid() == getegid(): %s\n",
           getuid() == geteuid() ? "yes" : "no", getgid() == getegid() ? "yes" : "no");
    printf("sysconf(_SC_PAGESIZE) = %ld, AT_PAGESZ = %lu\n", sysconf(_SC_PAGESIZE),
           getauxval(AT_PAGESZ));
    unsigned char *rnd = (unsigned char *)getauxval(AT_RANDOM);
    printf("AT_RANDOM present: %s, AT_PHDR present: %s, AT_ENTRY present: %s\n",
           rnd ? "yes" : "no", getauxval(AT_PHDR) ? "yes" : "no", getauxval(AT_ENTRY) ? "yes" : "no");
    printf("AT_UID == getuid(): %s\n", getauxval(AT_UID) == getuid() ? "yes" : "no");
    printf("stack pointer 8-byte aligned at calls: %s\n", (sp_at_call() & 7) == 0 ? "yes" : "no");
    struct timespec a, b;
    clock_gettime(CLOCK_MONOTONIC, &a);
    clock_gettime(CLOCK_MONOTONIC, &b);
    printf("CLOCK_MONOTONIC does not go backwards: %s\n",
           (b.tv_sec > a.tv_sec || (b.tv_sec == a.tv_sec && b.tv_nsec >= a.tv_nsec)) ? "yes" : "no");
    struct timeval tv;
    printf("gettimeofday: %d, after 2020: %s\n", gettimeofday(&tv, NULL),
           tv.tv_sec > 1577836800 ? "yes" : "no");
    char cwd[4096];
    printf("getcwd works: %s\n", getcwd(cwd, sizeof cwd) && cwd[0] == '/' ? "yes" : "no");
    return 0;
}
