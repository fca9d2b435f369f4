/* kill_group.c: a process that signals its own process group reaches every member, itself included.
 * A child starts a new session (its own group) with three children and a grandchild in it, each holding
 * the write end of a pipe. kill(0, SIGUSR1) runs the handler in the sender before kill returns and in every
 * member (each acknowledges); kill(0, SIGTERM) then ends them all, the sender too: the parent sees end of
 * file on the pipe once no member is left (a stray member keeps it open: alarm ends that) and the leader
 * killed by SIGTERM; the parent, in another group, gets nothing. */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

static volatile sig_atomic_t got_usr1;
static int ack[2];

static void on_usr1(int sig)
{
    (void)sig;
    got_usr1 = 1;
    char c = 'u';
    if (write(ack[1], &c, 1) != 1) _exit(90);
}

static void on_alarm(int sig)
{
    (void)sig;
    static const char msg[] = "timeout: a member of the group is still alive\n";
    if (write(1, msg, sizeof msg - 1) < 0) _exit(2);
    _exit(1);
}

static pid_t fork_or_die(void)
{
    pid_t pid = fork();
    if (pid < 0) {
        perror("fork");
        exit(1);
    }
    return pid;
}

/* A member: says it is ready, then takes signals for ever. */
static void member(int ready)
{
    char c = 'r';
    if (write(ready, &c, 1) != 1) _exit(91);
    close(ready);
    for (;;)
        pause();
}

/* Reads until n bytes came (or end of file); returns how many. */
static int read_bytes(int fd, int n)
{
    int got = 0;
    char buf[16];
    while (got < n) {
        ssize_t r = read(fd, buf, 1);
        if (r == 0) break;
        if (r > 0) got++;
    }
    return got;
}

static void leader(int ready[2], int report)
{
    setsid();
    signal(SIGALRM, on_alarm);
    alarm(20);
    for (int i = 0; i < 3; i++)
        if (fork_or_die() == 0) member(ready[1]);
    if (fork_or_die() == 0) {
        if (fork_or_die() == 0) member(ready[1]);   /* a grandchild of the leader */
        member(ready[1]);
    }
    close(ready[1]);
    int readies = read_bytes(ready[0], 100);
    got_usr1 = 0;
    if (kill(0, SIGUSR1) != 0) _exit(92);
    int sync = got_usr1;
    int handlers = read_bytes(ack[0], readies + 1);
    char summary[3] = {(char)('0' + readies), (char)('0' + handlers), (char)('0' + sync)};
    if (write(report, summary, 3) != 3) _exit(93);
    kill(0, SIGTERM);
    for (;;)
        pause();
}

int main(void)
{
    setvbuf(stdout, NULL, _IONBF, 0);
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_usr1;
    sigaction(SIGUSR1, &sa, NULL);
    int ready[2], report[2];
    if (pipe(report) != 0 || pipe(ready) != 0 || pipe(ack) != 0) {
        perror("pipe");
        return 1;
    }
    signal(SIGALRM, on_alarm);
    alarm(20);
    pid_t child = fork_or_die();
    if (child == 0) {
        close(report[0]);
        leader(ready, report[1]);
    }
    close(ready[0]);
    close(ready[1]);
    close(ack[0]);
    close(ack[1]);
    close(report[1]);
    char summary[3] = {'?', '?', '?'};
    int got = 0;
    for (ssize_t n; got < 3 && (n = read(report[0], summary + got, 3 - got)) != 0;)
        if (n > 0) got += (int)n;
    printf("members ready: %c\n", summary[0]);
    printf("SIGUSR1 handlers run in the group: %c; in the sender before kill returned: %c\n", summary[1], summary[2]);
    /* every member holds report's write end: end of file once none is left */
    char c;
    while (read(report[0], &c, 1) != 0) {}
    printf("every member gone (end of file on their pipe)\n");
    int st;
    if (waitpid(child, &st, 0) != child) {
        perror("waitpid");
        return 1;
    }
    printf("leader killed by SIGTERM: %d\n", WIFSIGNALED(st) && WTERMSIG(st) == SIGTERM);
    printf("parent untouched: got SIGUSR1 %d\n", got_usr1);
    return 0;
}
