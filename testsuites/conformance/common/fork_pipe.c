/* fork_pipe.c: fork, pipe and waitpid.  Pipe basics in one process (EOF once every writer is
 * closed, EPIPE with SIGPIPE ignored); a child writes into a pipe and the parent reads it all
 * (more than the pipe holds); the child's exit status (WIFEXITED/WEXITSTATUS); getppid in the
 * child equals the parent's getpid (printed as a comparison); WNOHANG before the child ends
 * returns 0; children killed by a signal (WIFSIGNALED/WTERMSIG, compared with the names as
 * the numbers differ between ARM and MIPS); a stopped and continued child (WUNTRACED,
 * WCONTINUED); ECHILD when nothing is left.  Every call is checked: without fork it prints the
 * error and exits 1. */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

static void die(const char *what)
{
    printf("FAILED: %s: %s\n", what, strerror(errno));
    fflush(stdout);
    exit(1);
}

static pid_t do_fork(void)
{
    fflush(stdout);
    pid_t pid = fork();
    if (pid < 0)
        die("fork");
    return pid;
}

static void do_pipe(int p[2])
{
    if (pipe(p) != 0)
        die("pipe");
}

static int do_wait(pid_t pid, int options)
{
    int st;
    pid_t w;
    while ((w = waitpid(pid, &st, options)) < 0 && errno == EINTR)
        ;
    if (w != pid)
        die("waitpid");
    return st;
}

static void print_status(const char *who, int st)
{
    printf("%s: ", who);
    if (WIFEXITED(st))
        printf("exited, status %d\n", WEXITSTATUS(st));
    else if (WIFSIGNALED(st))
        printf("killed by a signal: SIGTERM %d SIGKILL %d SIGUSR1 %d SIGSEGV %d\n", WTERMSIG(st) == SIGTERM,
               WTERMSIG(st) == SIGKILL, WTERMSIG(st) == SIGUSR1, WTERMSIG(st) == SIGSEGV);
    else
        printf("other status %#x\n", st);
}

#define BIG (256 * 1024) /* more than a pipe buffer (64 KiB): the writer blocks until the reader reads */

int main(void)
{
    int p[2], q[2];
    char buf[256];

    /* one process: EOF and EPIPE */
    do_pipe(p);
    if (write(p[1], "abc", 3) != 3)
        die("write");
    close(p[1]);
    ssize_t a = read(p[0], buf, sizeof buf), b = read(p[0], buf, sizeof buf);
    printf("pipe: read %zd then %zd at EOF\n", a, b);
    close(p[0]);
    do_pipe(p);
    close(p[0]);
    signal(SIGPIPE, SIG_IGN);
    errno = 0;
    ssize_t w = write(p[1], "x", 1);
    printf("write with no reader: %zd %s\n", w, errno == EPIPE ? "EPIPE" : strerror(errno));
    close(p[1]);
    signal(SIGPIPE, SIG_DFL);

    /* a child writes a message and lots of data; the parent reads to EOF */
    pid_t parent = getpid();
    do_pipe(p);
    int global = 100;
    pid_t pid = do_fork();
    if (pid == 0) {
        close(p[0]);
        global++;
        char msg[128];
        int n = snprintf(msg, sizeof msg, "child: getppid() == parent's getpid(): %d, getpid() != parent's: %d, global %d\n",
                         getppid() == parent, getpid() != parent, global);
        if (write(p[1], msg, (size_t)n) != n)
            _exit(100);
        static unsigned char big[BIG];
        for (int i = 0; i < BIG; i++)
            big[i] = (unsigned char)(i * 7 + i / 251);
        for (int off = 0; off < BIG;) {
            ssize_t r = write(p[1], big + off, BIG - off);
            if (r <= 0)
                _exit(101);
            off += (int)r;
        }
        _exit(7);
    }
    close(p[1]);
    static unsigned char in[BIG + 512];
    size_t got = 0;
    ssize_t r;
    while ((r = read(p[0], in + got, sizeof in - got)) > 0)
        got += (size_t)r;
    close(p[0]);
    int st = do_wait(pid, 0);
    char *nl = memchr(in, '\n', got);
    size_t msglen = nl ? (size_t)(nl - (char *)in) + 1 : 0;
    printf("%.*s", (int)msglen, (char *)in);
    int same = got - msglen == BIG;
    for (size_t i = 0; same && i < BIG; i++)
        same = in[msglen + i] == (unsigned char)(i * 7 + i / 251);
    printf("parent: read %zu data bytes after the message, all right: %d; global still %d\n", got - msglen, same, global);
    print_status("child", st);

    /* WNOHANG while the child waits for the parent, then its real status */
    do_pipe(p);
    pid = do_fork();
    if (pid == 0) {
        close(p[1]);
        char c;
        _exit(read(p[0], &c, 1) == 1 ? c - '0' : 99); /* blocks until the parent writes */
    }
    close(p[0]);
    int st2 = -1;
    pid_t w1 = waitpid(pid, &st2, WNOHANG);
    printf("WNOHANG before the child ends: returned 0: %d\n", w1 == 0);
    if (write(p[1], "5", 1) != 1)
        die("write");
    close(p[1]);
    print_status("child after the parent wrote 5", do_wait(pid, 0));

    /* killed by the parent while it blocks in read */
    do_pipe(p);
    do_pipe(q);
    pid = do_fork();
    if (pid == 0) {
        close(p[1]);
        close(q[0]);
        if (write(q[1], "r", 1) != 1) /* ready */
            _exit(98);
        char c;
        ssize_t n = read(p[0], &c, 1); /* never gets data */
        _exit(n == 0 ? 97 : 96);
    }
    close(p[0]);
    close(q[1]);
    if (read(q[0], buf, 1) != 1)
        die("read");
    if (kill(pid, SIGTERM) != 0)
        die("kill");
    print_status("child sent SIGTERM while blocked in read", do_wait(pid, 0));
    close(p[1]);
    close(q[0]);

    /* killing itself: raise(SIGUSR1) with the default action, and SIGKILL */
    pid = do_fork();
    if (pid == 0) {
        raise(SIGUSR1);
        _exit(95);
    }
    print_status("child raised SIGUSR1", do_wait(pid, 0));
    pid = do_fork();
    if (pid == 0) {
        kill(getpid(), SIGKILL);
        _exit(94);
    }
    print_status("child sent itself SIGKILL", do_wait(pid, 0));

    /* stopped and continued (then it waits for the parent, so that it is still alive when
       the parent asks for WCONTINUED: an exit would be reported instead) */
    do_pipe(p);
    pid = do_fork();
    if (pid == 0) {
        close(p[1]);
        raise(SIGSTOP);
        char c;
        _exit(read(p[0], &c, 1) == 1 ? 3 : 93); /* after SIGCONT */
    }
    close(p[0]);
    st = do_wait(pid, WUNTRACED);
    printf("stopped child: WIFSTOPPED %d, WSTOPSIG is SIGSTOP %d\n", WIFSTOPPED(st), WIFSTOPPED(st) && WSTOPSIG(st) == SIGSTOP);
    if (kill(pid, SIGCONT) != 0)
        die("kill");
    st = do_wait(pid, WCONTINUED);
    printf("continued child: WIFCONTINUED %d\n", WIFCONTINUED(st));
    if (write(p[1], "g", 1) != 1)
        die("write");
    close(p[1]);
    print_status("continued child", do_wait(pid, 0));

    /* several children, reaped in any order */
    int sum = 0;
    for (int i = 1; i <= 4; i++)
        if (do_fork() == 0)
            _exit(i * 10);
    for (int i = 0; i < 4; i++) {
        int s;
        if (wait(&s) < 0)
            die("wait");
        sum += WIFEXITED(s) ? WEXITSTATUS(s) : 1000;
    }
    errno = 0;
    pid_t none = wait(&st);
    printf("four children: sum of the exit statuses %d; then wait returns %d %s\n", sum, (int)none,
           errno == ECHILD ? "ECHILD" : strerror(errno));
    return 0;
}
