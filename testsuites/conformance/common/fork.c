/* fork.c: fork/waitpid/pipe/_exit and exit statuses.  The child writes into a
 * pipe and exits with a code; the parent prints only after waiting, so the
 * output order is fixed.  Also a child killed by a signal, and vfork. */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

static int global = 100;

int main(void)
{
    int p[2];
    pipe(p);
    fflush(stdout);
    int local = 5;
    pid_t pid = fork();
    if (pid == 0) {
        close(p[0]);
        global += 1;
        local += 1;
        char msg[64];
        int n = snprintf(msg, sizeof msg, "child: global=%d local=%d ppid-ok=%d", global, local,
                         getppid() > 0);
        write(p[1], msg, (size_t)n);
        close(p[1]);
        _exit(7);
    }
    close(p[1]);
    char buf[128];
    ssize_t n = 0, r;
    while ((r = read(p[0], buf + n, sizeof buf - 1 - (size_t)n)) > 0)
        n += r;
    buf[n] = 0;
    close(p[0]);
    int st;
    pid_t w = waitpid(pid, &st, 0);
    printf("fork returned a pid in the parent: %d, waitpid matched: %d\n", pid > 0, w == pid);
    printf("from pipe: %s\n", buf);
    printf("parent: global=%d local=%d (unchanged by the child)\n", global, local);
    printf("child exited=%d status=%d\n", WIFEXITED(st), WEXITSTATUS(st));

    fflush(stdout);
    pid = fork();
    if (pid == 0) {
        raise(SIGTERM);
        _exit(0);
    }
    waitpid(pid, &st, 0);
    printf("signalled child: signaled=%d sig=%d\n", WIFSIGNALED(st), WTERMSIG(st));

    fflush(stdout);
    pid = fork();
    if (pid == 0) {
        printf("child stdio line, flushed by exit\n");
        exit(3);
    }
    waitpid(pid, &st, 0);
    printf("child with stdio exit status %d\n", WEXITSTATUS(st));

    fflush(stdout);
    pid = vfork();
    if (pid == 0)
        _exit(9);
    waitpid(pid, &st, 0);
    printf("vfork child exit status %d\n", WEXITSTATUS(st));

    int statuses = 0;
    for (int i = 0; i < 3; i++) {
        fflush(stdout);
        if (fork() == 0)
            _exit(10 + i);
    }
    for (int i = 0; i < 3; i++) {
        pid_t c = wait(&st);
        if (c > 0 && WIFEXITED(st))
            statuses += WEXITSTATUS(st);
    }
    printf("three children, sum of exit codes %d, no more children: %d\n", statuses, wait(&st) == -1);
    return 0;
}
