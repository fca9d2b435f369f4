/* wait_masks.c: ppoll, pselect and epoll_pwait wait with the signal mask they are given (the pattern that
 * keeps SIGCHLD blocked except while waiting): a child's exit interrupts each with EINTR, the handler runs,
 * and the original mask is back afterwards. A wait whose mask still blocks the signal times out. */
#define _GNU_SOURCE
#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/select.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static volatile sig_atomic_t got;
static void on_chld(int sig) { (void)sig; got++; }

static void child_exits_soon(void)
{
    pid_t p = fork();
    if (p < 0) {
        perror("fork");
        _exit(1);
    }
    if (p == 0) {
        usleep(50000);
        _exit(0);
    }
}

static void report(const char *what, int r, sigset_t *blocked)
{
    int e = errno;
    sigset_t now;
    sigprocmask(SIG_BLOCK, NULL, &now);
    printf("%s: %d %s, handler ran %d, SIGCHLD blocked again %d\n", what, r, r < 0 ? (e == EINTR ? "EINTR" : strerror(e)) : "",
           got, sigismember(&now, SIGCHLD) == sigismember(blocked, SIGCHLD));
    got = 0;
    while (waitpid(-1, NULL, WNOHANG) > 0) {}
}

int main(void)
{
    setvbuf(stdout, NULL, _IONBF, 0);
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_chld;
    sigaction(SIGCHLD, &sa, NULL);
    sigset_t blocked, open;
    sigemptyset(&blocked);
    sigaddset(&blocked, SIGCHLD);
    sigprocmask(SIG_BLOCK, &blocked, NULL);
    sigemptyset(&open);
    struct timespec ten = {10, 0}, one = {1, 0};

    child_exits_soon();
    report("pselect", pselect(0, NULL, NULL, NULL, &ten, &open), &blocked);

    child_exits_soon();
    report("ppoll", ppoll(NULL, 0, &ten, &open), &blocked);

    int ep = epoll_create1(0);
    struct epoll_event ev;
    child_exits_soon();
    report("epoll_pwait", epoll_pwait(ep, &ev, 1, 10000, &open), &blocked);

    /* the mask given keeps SIGCHLD blocked: the wait times out, the signal stays pending */
    child_exits_soon();
    int r = ppoll(NULL, 0, &one, &blocked);   /* the child's exit comes well within it */
    sigset_t pending;
    sigpending(&pending);
    printf("ppoll with SIGCHLD blocked: %d, handler ran %d, SIGCHLD pending %d\n", r, got, sigismember(&pending, SIGCHLD));
    sigprocmask(SIG_UNBLOCK, &blocked, NULL);
    printf("after unblocking: handler ran %d\n", got);
    return 0;
}
