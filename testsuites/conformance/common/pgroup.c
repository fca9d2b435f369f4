/* pgroup.c: process groups and sessions.  getpgid/getpgrp/getsid agree in the parent; a
 * forked child starts in the parent's group and session, setpgid(0, 0) makes it a group
 * leader (the parent's setpgid(pid, pid) agrees, the usual race-free pair); its own child
 * (a grandchild) inherits that group; kill(-pgid, SIGUSR1) reaches both (their handlers write
 * a byte into a pipe) and not the parent; kill(-pgid, 0) finds the group, ESRCH once it is
 * gone; waitpid(-pgid) reaps a child of that group; setpgid on a process that is not a child
 * (ESRCH); setsid in a child makes a new session and group (then setpgid fails with EPERM).
 * Comparisons are printed, never ids.  Without fork it prints the error and exits 1; the
 * children have an alarm watchdog. */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

static int sigpipe_w = -1;
static volatile int got_usr1;
static char who = '?';

static void on_usr1(int sig)
{
    (void)sig;
    got_usr1++;
    if (sigpipe_w >= 0 && write(sigpipe_w, &who, 1) != 1)
        _exit(9);
}

static void die(const char *what)
{
    printf("FAILED: %s: %s\n", what, strerror(errno));
    fflush(stdout);
    exit(1);
}

static pid_t xfork(void)
{
    fflush(stdout);
    pid_t pid = fork();
    if (pid < 0)
        die("fork");
    return pid;
}

static const char *err(int r)
{
    return r >= 0 ? "ok" : errno == ESRCH ? "ESRCH" : errno == EPERM ? "EPERM" : strerror(errno);
}

/* Sleeps until SIGUSR1 has been handled (it is blocked outside sigsuspend). */
static void wait_usr1(const sigset_t *unblocked)
{
    while (!got_usr1)
        sigsuspend(unblocked);
}

int main(void)
{
    pid_t me = getpid();
    pid_t pgrp = getpgrp(), sid = getsid(0);
    /* getsid is 0 when the session leader lives in an ancestor PID namespace (a container), so only success counts. */
    printf("parent: getpgid(0) == getpgrp() %d, getpgid(getpid()) == getpgrp() %d, getsid(0) == getsid(getpid()) %d, "
           "getsid(0) succeeds %d\n",
           getpgid(0) == pgrp, getpgid(me) == pgrp, sid == getsid(me), sid >= 0);

    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_usr1;
    sigaction(SIGUSR1, &sa, NULL);
    sigset_t usr1, old;
    sigemptyset(&usr1);
    sigaddset(&usr1, SIGUSR1);
    sigprocmask(SIG_BLOCK, &usr1, &old); /* children inherit it: no signal is lost before sigsuspend */

    int sp[2], ready[2], info[2];
    if (pipe(sp) != 0 || pipe(ready) != 0 || pipe(info) != 0)
        die("pipe");
    sigpipe_w = sp[1];

    pid_t child = xfork();
    if (child == 0) {
        alarm(10); /* watchdog */
        who = 'c';
        int before = getpgrp() == pgrp && getsid(0) == sid;
        int r = setpgid(0, 0);
        int leader = getpgrp() == getpid() && getpgid(0) == getpid();
        pid_t grandchild = fork();
        if (grandchild < 0)
            _exit(2);
        if (grandchild == 0) {
            who = 'g';
            char c = getpgrp() == getppid() && getsid(0) == sid ? 'y' : 'n';
            if (write(ready[1], &c, 1) != 1)
                _exit(3);
            wait_usr1(&old);
            _exit(0);
        }
        char line[160];
        int n = snprintf(line, sizeof line,
                         "child: in the parent's group and session at first %d; setpgid(0, 0) %s; now a group leader %d; "
                         "same session %d\n",
                         before, err(r), leader, getsid(0) == sid);
        if (write(info[1], line, (size_t)n) != n || write(ready[1], "c", 1) != 1)
            _exit(4);
        wait_usr1(&old);
        int st;
        if (waitpid(grandchild, &st, 0) != grandchild || !WIFEXITED(st) || WEXITSTATUS(st) != 0)
            _exit(5);
        _exit(0);
    }
    char rd[2];
    if (read(ready[0], rd, 1) != 1 || read(ready[0], rd + 1, 1) != 1)
        die("read (ready)");
    int r = setpgid(child, child); /* the child did it already: the same group again */
    printf("parent: setpgid(child, child) %s\n", err(r));
    char line[200];
    ssize_t n = read(info[0], line, sizeof line - 1);
    line[n > 0 ? n : 0] = 0;
    printf("%s", line);
    printf("grandchild: in the child's group and the same session: %d\n", rd[0] == 'y' || rd[1] == 'y');
    printf("parent: getpgid(child) == child %d, parent's group unchanged %d\n", getpgid(child) == child, getpgrp() == pgrp);

    r = kill(-child, 0);
    printf("kill(-pgid, 0): %s\n", err(r));
    r = kill(-child, SIGUSR1);
    printf("kill(-pgid, SIGUSR1): %s\n", err(r));
    char got[2] = {0, 0};
    if (read(sp[0], &got[0], 1) != 1 || read(sp[0], &got[1], 1) != 1)
        die("read (signal pipe)");
    if (got[0] > got[1]) {
        char t = got[0];
        got[0] = got[1];
        got[1] = t;
    }
    printf("handlers ran in: %c %c (c: child, g: grandchild)\n", got[0], got[1]);
    int st;
    pid_t w = waitpid(-child, &st, 0);
    printf("waitpid(-pgid): the child %d, exit status %d\n", w == child, WIFEXITED(st) ? WEXITSTATUS(st) : -1);
    sigset_t pend;
    sigpending(&pend);
    printf("parent got SIGUSR1: handled %d, pending %d\n", got_usr1, sigismember(&pend, SIGUSR1));
    r = kill(-child, 0);
    printf("kill(-pgid, 0) after the group is gone: %d %s\n", r, err(r));

    /* setpgid of a process that is not our child */
    r = setpgid(1, 1);
    printf("setpgid(1, 1): %d %s\n", r, err(r));

    /* setsid in a child */
    child = xfork();
    if (child == 0) {
        alarm(10);
        pid_t s = setsid();
        int ok = s == getpid() && getsid(0) == getpid() && getpgrp() == getpid() && getsid(0) != sid;
        int r2 = setpgid(0, 0);
        int e = errno;
        char msg[120];
        int k = snprintf(msg, sizeof msg, "setsid child: new session and group, its own id %d; setpgid(0, 0) then %s\n", ok,
                         r2 == 0 ? "ok" : e == EPERM ? "EPERM" : strerror(e));
        if (write(info[1], msg, (size_t)k) != k)
            _exit(2);
        _exit(0);
    }
    waitpid(child, &st, 0);
    n = read(info[0], line, sizeof line - 1);
    line[n > 0 ? n : 0] = 0;
    printf("%s", line);
    printf("setsid child exit status %d; parent's session unchanged %d\n", WIFEXITED(st) ? WEXITSTATUS(st) : -1,
           getsid(0) == sid);
    return 0;
}
