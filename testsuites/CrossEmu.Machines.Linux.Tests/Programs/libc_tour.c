/* Guest program for EndToEndTests: a tour of what libc needs from the runtime. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <fcntl.h>
#include <errno.h>
#include <signal.h>
#include <setjmp.h>
#include <dirent.h>
#include <time.h>
#include <sys/stat.h>
#include <sys/mman.h>
#include <sys/utsname.h>
#include <sys/time.h>
#include <sys/resource.h>

static __thread int tls_counter = 5;
static sigjmp_buf jb;
static volatile int got_usr1;

static void on_segv(int sig, siginfo_t *si, void *uc) { (void)uc; printf("segv sig=%d addr=%p\n", sig, si->si_addr); siglongjmp(jb, 1); }
static void on_usr1(int sig) { got_usr1 = sig; }
static int cmp(const void *a, const void *b) { return *(const int*)a - *(const int*)b; }

int main(int argc, char **argv, char **envp) {
    printf("argc=%d argv0=%s env0=%s\n", argc, argv[0] ? "set" : "null", envp[0] ? envp[0] : "(none)");
    tls_counter++; printf("tls=%d\n", tls_counter);
    char dir[] = "/tmp/crossemu-e2e-XXXXXX";
    if (!mkdtemp(dir)) { perror("mkdtemp"); return 1; }
    char path[256]; snprintf(path, sizeof path, "%s/file.txt", dir);
    FILE *f = fopen(path, "w"); fprintf(f, "line %d\n", 42); fclose(f);
    struct stat st; stat(path, &st); printf("size=%lld mode=%o\n", (long long)st.st_size, st.st_mode & 0777);
    f = fopen(path, "r"); char buf[64]; fgets(buf, sizeof buf, f); fclose(f); printf("read=%s", buf);
    int fd = open(path, O_RDONLY); char *m = mmap(0, 4096, PROT_READ, MAP_PRIVATE, fd, 0); printf("mmap=%.4s\n", m); munmap(m, 4096); close(fd);
    DIR *d = opendir(dir); struct dirent *e; int n = 0; while ((e = readdir(d))) n++; closedir(d); printf("entries=%d\n", n);
    unlink(path); rmdir(dir); printf("gone=%d\n", access(dir, F_OK) == -1 && errno == ENOENT);
    char *big = malloc(10 << 20); memset(big, 1, 10 << 20); big = realloc(big, 20 << 20); printf("big=%d\n", big[(10<<20)-1]); free(big);
    int arr[] = {5, 3, 9, 1}; qsort(arr, 4, sizeof(int), cmp); printf("sorted=%d%d%d%d\n", arr[0], arr[1], arr[2], arr[3]);
    printf("float=%.3f\n", 3.14159 * argc);
    struct utsname u; uname(&u); printf("machine=%s\n", u.machine);
    struct timespec ts; clock_gettime(CLOCK_MONOTONIC, &ts); printf("mono=%d\n", ts.tv_sec >= 0);
    time_t t = time(NULL); printf("time=%d\n", t > 1600000000);
    struct sigaction sa = {0}; sa.sa_sigaction = on_segv; sa.sa_flags = SA_SIGINFO; sigaction(SIGSEGV, &sa, 0);
    if (!sigsetjmp(jb, 1)) { *(volatile int*)16 = 1; printf("no fault?\n"); } else printf("recovered\n");
    signal(SIGUSR1, on_usr1); raise(SIGUSR1); printf("usr1=%d\n", got_usr1);
    int p[2]; pipe(p); write(p[1], "pi", 2); char c[3] = {0}; read(p[0], c, 2); printf("pipe=%s\n", c);
    char cwd[512]; printf("cwd=%d\n", getcwd(cwd, sizeof cwd) != NULL);
    struct rlimit rl; getrlimit(RLIMIT_STACK, &rl); printf("rlimit=%d\n", rl.rlim_cur > 0);
    char exe[512]; ssize_t k = readlink("/proc/self/exe", exe, sizeof exe - 1); exe[k > 0 ? k : 0] = 0; printf("exe=%s\n", strrchr(exe, '/'));
    fflush(stdout);
    if (argc > 1 && !strcmp(argv[1], "abort")) abort();
    if (argc > 1 && !strcmp(argv[1], "segv")) { signal(SIGSEGV, SIG_DFL); *(volatile int*)0 = 1; }
    return 3;
}
