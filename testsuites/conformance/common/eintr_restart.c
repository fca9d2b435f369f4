/* eintr_restart.c: system calls interrupted by a signal handler (ITIMER_REAL, SIGALRM).
 * A read from an empty pipe: without SA_RESTART it fails with EINTR; with SA_RESTART it is
 * restarted after each tick and completes when the handler, at the third tick, writes a byte
 * into the pipe (and stops the timer); a 1 s nanosleep returns EINTR with the remaining time
 * (only whether it is between 0 and 1 s is printed), with and without SA_RESTART; poll and
 * select never restart (EINTR even with SA_RESTART); a read that already got data is not
 * interrupted; sigsuspend returns EINTR.  The timers tick every 20 ms, so a tick that comes
 * before the call blocks (a slow emulator) is followed by another.  Every wait is bounded:
 * first a poll with a 1 s timeout must be interrupted (else the program stops: the reads
 * below would block for ever), and after 50 ticks the handler writes into the pipe anyway,
 * so an emulator that restarts wrongly ends (with different output) instead of hanging. */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/select.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

static int p[2];
static volatile int ticks, write_at;

static void stop_timer(void)
{
    struct itimerval it;
    memset(&it, 0, sizeof it);
    setitimer(ITIMER_REAL, &it, NULL);
}

static void on_alarm(int sig)
{
    (void)sig;
    int e = errno;
    ticks++;
    if (ticks == write_at || ticks >= 50) {
        if (write(p[1], "x", 1) != 1)
            _exit(3);
        stop_timer();
    }
    errno = e;
}

static void arm_timer(int first_ms, int interval_ms)
{
    struct itimerval it;
    it.it_value.tv_sec = first_ms / 1000;
    it.it_value.tv_usec = first_ms % 1000 * 1000;
    it.it_interval.tv_sec = interval_ms / 1000;
    it.it_interval.tv_usec = interval_ms % 1000 * 1000;
    if (setitimer(ITIMER_REAL, &it, NULL) != 0) {
        printf("FAILED: setitimer: %s\n", strerror(errno));
        exit(1);
    }
}

static void handle(int flags)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_alarm;
    sa.sa_flags = flags;
    sigaction(SIGALRM, &sa, NULL);
}

static void drain(void)
{
    char buf[64];
    int fl = fcntl(p[0], F_GETFL);
    fcntl(p[0], F_SETFL, fl | O_NONBLOCK);
    while (read(p[0], buf, sizeof buf) > 0)
        ;
    fcntl(p[0], F_SETFL, fl);
}

static const char *err(int r)
{
    return r >= 0 ? "no error" : errno == EINTR ? "EINTR" : strerror(errno);
}

static void start(int flags, int write_tick)
{
    ticks = 0;
    write_at = write_tick;
    handle(flags);
}

int main(void)
{
    if (pipe(p) != 0) {
        printf("FAILED: pipe: %s\n", strerror(errno));
        return 1;
    }
    char c;
    ssize_t r;

    /* First a poll with a timeout: an emulator that cannot interrupt a blocking host call
       with a signal lets it time out after 1 s; then the blocking reads below would hang,
       so stop here. */
    start(0, 0);
    arm_timer(20, 20);
    struct pollfd pf = {p[0], POLLIN, 0};
    int n = poll(&pf, 1, 1000);
    printf("poll, no SA_RESTART: %d %s\n", n, err(n));
    stop_timer();
    if (n == 0) {
        printf("FAILED: SIGALRM did not interrupt a blocking poll\n");
        return 1;
    }

    /* no SA_RESTART: the first tick interrupts the read */
    start(0, 0);
    arm_timer(20, 20);
    r = read(p[0], &c, 1);
    int e = errno;
    stop_timer();
    errno = e;
    printf("read, no SA_RESTART: %zd %s, a tick came: %d\n", r, err((int)r), ticks >= 1);

    /* SA_RESTART: restarted after ticks 1 and 2; tick 3 writes */
    start(SA_RESTART, 3);
    arm_timer(10, 10);
    r = read(p[0], &c, 1);
    /* (a fourth tick may already be pending under load: only "at least 3" is printed) */
    printf("read, SA_RESTART: %zd %s, byte '%c', after at least 3 ticks: %d\n", r, err((int)r), r == 1 ? c : '?',
           ticks >= 3);
    stop_timer();

    /* data already there: read returns it without waiting */
    start(SA_RESTART, 0);
    if (write(p[1], "y", 1) != 1)
        return 1;
    r = read(p[0], &c, 1);
    printf("read with data: %zd '%c'\n", r, c);

    /* nanosleep: EINTR with the remaining time, with or without SA_RESTART */
    for (int flags = 0; flags <= SA_RESTART; flags += SA_RESTART) {
        start(flags, 0);
        arm_timer(20, 20);
        struct timespec req = {1, 0}, rem = {-1, -1};
        int n = nanosleep(&req, &rem);
        printf("nanosleep(1 s), %s: %d %s, remaining time between 0 and 1 s: %d\n", flags ? "SA_RESTART" : "no SA_RESTART", n,
               err(n), rem.tv_sec == 0 && rem.tv_nsec > 0);
        stop_timer();
        drain();
    }

    /* poll and select on the empty pipe: EINTR even with SA_RESTART */
    start(SA_RESTART, 0);
    arm_timer(20, 20);
    n = poll(&pf, 1, 5000);
    printf("poll, SA_RESTART: %d %s\n", n, err(n));
    stop_timer();
    start(SA_RESTART, 0);
    arm_timer(20, 20);
    fd_set rd;
    FD_ZERO(&rd);
    FD_SET(p[0], &rd);
    struct timeval tv = {5, 0};
    n = select(p[0] + 1, &rd, NULL, NULL, &tv);
    printf("select, SA_RESTART: %d %s\n", n, err(n));
    stop_timer();
    drain();

    /* sigsuspend: returns -1 EINTR after the handler (SIGALRM blocked until then: one tick) */
    sigset_t block, old;
    sigemptyset(&block);
    sigaddset(&block, SIGALRM);
    sigprocmask(SIG_BLOCK, &block, &old);
    start(SA_RESTART, 0);
    arm_timer(20, 0);
    n = sigsuspend(&old);
    printf("sigsuspend: %d %s, ticks %d\n", n, err(n), ticks);
    sigprocmask(SIG_SETMASK, &old, NULL);
    return 0;
}
