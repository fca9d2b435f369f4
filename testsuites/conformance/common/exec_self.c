/* exec_self.c: execve("/proc/self/exe") in the same process with new argv and envp.
 * First the failures (ENOENT, EACCES for a directory and a file without x permission,
 * ENOEXEC for an executable text file without #!).  Then, before exec: descriptors opened
 * plain and with O_CLOEXEC, F_DUPFD_CLOEXEC, dup3(O_CLOEXEC), FD_CLOEXEC set and cleared with
 * F_SETFD, dup of a close-on-exec descriptor, pipe2(O_CLOEXEC); a handled, an ignored and a
 * blocked signal with one pending.  The new image (its descriptor numbers passed in argv)
 * prints argv, the whole environment (only what execve passed), AT_EXECFN, whether its pid is
 * unchanged, which descriptors are open (fcntl F_GETFD) with their flags, reads the rest of a
 * file through an inherited descriptor (the file offset is kept), and the signal state
 * (handler reset to SIG_DFL, SIG_IGN kept, mask and pending kept).  It then execs a last image
 * with an empty environment.  Without execve it prints the error and exits 1. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/auxv.h>
#include <sys/stat.h>
#include <unistd.h>

extern char **environ;

static void die(const char *what)
{
    printf("FAILED: %s: %s\n", what, strerror(errno));
    fflush(stdout);
    exit(1);
}

static const char *errname(int e)
{
    switch (e) {
    case ENOENT: return "ENOENT";
    case EACCES: return "EACCES";
    case ENOEXEC: return "ENOEXEC";
    case ENOTDIR: return "ENOTDIR";
    default: return strerror(e);
    }
}

static void exec_fails(const char *what, const char *path)
{
    char *argv[] = {"x", NULL};
    errno = 0;
    int r = execve(path, argv, environ);
    printf("execve %s: %d %s\n", what, r, errname(errno));
}

/* the descriptors handed to the new image, in this order */
static const char *roles[] = {"plain open",       "O_CLOEXEC open",         "F_DUPFD_CLOEXEC",
                              "dup3 O_CLOEXEC",   "F_SETFD FD_CLOEXEC",     "O_CLOEXEC cleared by F_SETFD",
                              "dup of O_CLOEXEC", "pipe2 O_CLOEXEC read end", "file at offset 4"};
#define NFD (int)(sizeof roles / sizeof roles[0])

static void print_handler(const char *name, int sig)
{
    struct sigaction sa;
    sigaction(sig, NULL, &sa);
    printf("%s: %s\n", name, sa.sa_handler == SIG_DFL ? "SIG_DFL" : sa.sa_handler == SIG_IGN ? "SIG_IGN" : "a handler");
}

static int image(int argc, char **argv)
{
    printf("image: argc %d\n", argc);
    for (int i = 0; i < argc; i++)
        printf("  argv[%d] = [%s]\n", i, i == 2 ? "(the pid)" : i == 3 ? "(the descriptors)" : argv[i]);
    int n = 0;
    for (char **e = environ; *e; e++, n++)
        printf("  env: [%s]\n", *e);
    printf("image: %d environment entries; CONF_VAR=[%s]; PATH unset: %d\n", n, getenv("CONF_VAR") ? getenv("CONF_VAR") : "(null)",
           getenv("PATH") == NULL);
    const char *execfn = (const char *)getauxval(AT_EXECFN);
    printf("image: AT_EXECFN [%s]\n", execfn ? execfn : "(null)");
    printf("image: same pid as before execve: %d\n", getpid() == (pid_t)atoi(argv[2]));
    const char *list = argv[3];
    for (int i = 0; i < NFD; i++) {
        int fd = atoi(list);
        int fl = fcntl(fd, F_GETFD);
        if (fl < 0)
            printf("  %-30s %s\n", roles[i], errno == EBADF ? "closed (EBADF)" : strerror(errno));
        else
            printf("  %-30s open, FD_CLOEXEC %d\n", roles[i], (fl & FD_CLOEXEC) != 0);
        if (i == NFD - 1 && fl >= 0) {
            char buf[32] = "";
            ssize_t r = read(fd, buf, sizeof buf - 1);
            buf[r > 0 ? r : 0] = 0;
            printf("  read through it: [%s]\n", buf);
        }
        list = strchr(list, ',');
        if (!list)
            break;
        list++;
    }
    print_handler("SIGUSR1 (had a handler)", SIGUSR1);
    print_handler("SIGUSR2 (was ignored)", SIGUSR2);
    sigset_t m, p;
    sigprocmask(SIG_BLOCK, NULL, &m);
    sigpending(&p);
    printf("SIGHUP still blocked %d and pending %d; SIGUSR1 blocked %d\n", sigismember(&m, SIGHUP), sigismember(&p, SIGHUP),
           sigismember(&m, SIGUSR1));

    /* and once more, with an empty environment */
    char *last[] = {"last", "last", NULL};
    char *noenv[] = {NULL};
    fflush(stdout);
    execve("/proc/self/exe", last, noenv);
    die("execve (second)");
    return 1;
}

static void handler(int sig) { (void)sig; }

int main(int argc, char **argv)
{
    if (argc >= 4 && strcmp(argv[1], "image") == 0)
        return image(argc, argv);
    if (argc == 2 && strcmp(argv[1], "last") == 0) {
        printf("last image: argv[0] [%s], environment entries: %d\n", argv[0], environ[0] ? 1 : 0);
        return 0;
    }

    /* failures */
    char name[64];
    snprintf(name, sizeof name, "exec-scratch.%d", (int)getpid());
    exec_fails("of a missing file", "/nonexistent/x");
    exec_fails("of a directory", "/");
    int fd = open(name, O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (fd < 0 || write(fd, "just some text\n", 15) != 15 || close(fd) != 0)
        die("creating the scratch file");
    exec_fails("of a file without execute permission", name);
    chmod(name, 0755);
    exec_fails("of an executable text file without #!", name);
    char sub[80];
    snprintf(sub, sizeof sub, "%s/x", name);
    exec_fails("of a path through a regular file", sub);

    /* descriptors */
    int fds[NFD];
    fds[0] = open("/dev/null", O_RDONLY);
    fds[1] = open("/dev/null", O_RDONLY | O_CLOEXEC);
    fds[2] = fcntl(fds[0], F_DUPFD_CLOEXEC, 30);
    fds[3] = dup3(fds[0], 40, O_CLOEXEC);
    fds[4] = dup(fds[0]);
    if (fds[4] >= 0 && fcntl(fds[4], F_SETFD, FD_CLOEXEC) != 0)
        die("F_SETFD");
    fds[5] = open("/dev/null", O_RDONLY | O_CLOEXEC);
    if (fds[5] >= 0 && fcntl(fds[5], F_SETFD, 0) != 0)
        die("F_SETFD");
    fds[6] = dup(fds[1]);
    int p[2];
    if (pipe2(p, O_CLOEXEC) != 0)
        die("pipe2");
    fds[7] = p[0];
    fds[8] = open(name, O_RDWR | O_TRUNC);
    for (int i = 0; i < NFD; i++)
        if (fds[i] < 0)
            die(roles[i]);
    if (write(fds[8], "0123456789", 10) != 10 || lseek(fds[8], 4, SEEK_SET) != 4)
        die("write/lseek");
    unlink(name); /* the descriptor keeps the file */
    printf("before execve, FD_CLOEXEC:");
    for (int i = 0; i < NFD; i++)
        printf(" %d", (fcntl(fds[i], F_GETFD) & FD_CLOEXEC) != 0);
    printf("\n");

    /* signals */
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = handler;
    sigaction(SIGUSR1, &sa, NULL);
    signal(SIGUSR2, SIG_IGN);
    sigset_t hup;
    sigemptyset(&hup);
    sigaddset(&hup, SIGHUP);
    sigprocmask(SIG_BLOCK, &hup, NULL);
    raise(SIGHUP);

    char list[128], pid[16];
    int len = 0;
    for (int i = 0; i < NFD; i++)
        len += snprintf(list + len, sizeof list - (size_t)len, "%s%d", i ? "," : "", fds[i]);
    snprintf(pid, sizeof pid, "%d", (int)getpid());
    char *args[] = {"renamed-zero", "image", pid, list, "with space", "", NULL};
    char *envp[] = {"CONF_VAR=hello world", "EMPTY=", "X=1", NULL};
    fflush(stdout);
    execve("/proc/self/exe", args, envp);
    die("execve");
    return 1;
}
