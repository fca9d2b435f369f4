/* closefrom.c: closing every descriptor from 3 up, as daemons and spawners do, must leave
 * the emulator working.  close_range(3, ~0U, 0) (through syscall(), falling back to a loop
 * closing 3..1023 when it is missing, which is printed); then the lowest descriptor is 3
 * again: open, write and read a file; close_range of a single descriptor, with
 * CLOSE_RANGE_CLOEXEC, and its EINVAL cases; dup2 onto 45; a timer signal still arrives:
 * alarm(1) is set and read back (alarm(0) returns 1), then a periodic 50 ms ITIMER_REAL and
 * pause() returns EINTR after the handler (a 1 s alarm would make the program too slow).
 * Descriptor numbers are printed: Linux gives the lowest free one. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <unistd.h>

#ifndef CLOSE_RANGE_CLOEXEC
#define CLOSE_RANGE_CLOEXEC (1U << 2)
#endif

static int do_close_range(unsigned first, unsigned last, unsigned flags)
{
    return (int)syscall(__NR_close_range, first, last, flags);
}

static const char *err(int r)
{
    return r >= 0 ? "ok" : errno == EINVAL ? "EINVAL" : errno == EBADF ? "EBADF" : strerror(errno);
}

static int is_open(int fd) { return fcntl(fd, F_GETFD) >= 0; }

static int cloexec(int fd)
{
    int f = fcntl(fd, F_GETFD);
    return f < 0 ? -1 : (f & FD_CLOEXEC) != 0;
}

static volatile int alarms;
static void on_alarm(int sig)
{
    (void)sig;
    alarms++;
}

int main(void)
{
    /* some descriptors to close, low and high */
    int a = open("/dev/null", O_RDONLY), b = open("/dev/null", O_WRONLY);
    if (a < 0 || b < 0 || dup2(a, 100) != 100 || dup2(b, 300) != 300) {
        printf("FAILED: setting up descriptors: %s\n", strerror(errno));
        return 1;
    }
    fflush(stdout);
    int r = do_close_range(3, ~0U, 0);
    if (r != 0 && errno == ENOSYS) {
        printf("close_range: ENOSYS, closing 3..1023 one by one\n");
        for (int fd = 3; fd < 1024; fd++)
            close(fd);
    } else
        printf("close_range(3, ~0U, 0): %d %s\n", r, err(r));
    printf("closed: %d %d %d %d; still open: 0 %d, 1 %d, 2 %d\n", !is_open(a), !is_open(b), !is_open(100), !is_open(300),
           is_open(0), is_open(1), is_open(2));

    /* descriptors start at 3 again */
    char name[64];
    snprintf(name, sizeof name, "closefrom-scratch.%d", (int)getpid());
    int fd = open(name, O_RDWR | O_CREAT | O_TRUNC, 0600);
    int fd2 = open("/dev/null", O_RDONLY);
    printf("open after closing: %d, then %d\n", fd, fd2);
    if (fd < 0 || fd2 < 0)
        return 1;
    unlink(name);
    char buf[32] = "";
    ssize_t w = write(fd, "written after close_range", 25);
    lseek(fd, 0, SEEK_SET);
    ssize_t rd = read(fd, buf, sizeof buf - 1);
    printf("write %zd, read back %zd: [%s]\n", w, rd, buf);

    /* CLOSE_RANGE_CLOEXEC marks instead of closing */
    r = do_close_range((unsigned)fd, (unsigned)fd2, CLOSE_RANGE_CLOEXEC);
    printf("close_range(%d, %d, CLOSE_RANGE_CLOEXEC): %d %s; close-on-exec now %d %d\n", fd, fd2, r, err(r), cloexec(fd),
           cloexec(fd2));
    r = do_close_range(5, 4, 0);
    printf("close_range(5, 4, 0): %d %s\n", r, err(r));
    r = do_close_range(3, 4, 0x80);
    printf("close_range with an unknown flag: %d %s\n", r, err(r));
    r = do_close_range((unsigned)fd, (unsigned)fd, 0);
    printf("close_range(%d, %d, 0): %d %s; %d open %d, %d open %d\n", fd, fd, r, err(r), fd, is_open(fd), fd2, is_open(fd2));
    int fd3 = open("/dev/null", O_RDONLY);
    printf("the next open: %d\n", fd3);
    int d45 = dup2(fd3, 45);
    printf("dup2(%d, 45): %d, open %d, close-on-exec %d\n", fd3, d45, is_open(45), cloexec(45));
    int d = dup(fd3);
    printf("dup: %d\n", d);

    /* signals still work */
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_alarm;
    sigaction(SIGALRM, &sa, NULL);
    unsigned prev = alarm(1);
    unsigned left = alarm(0);
    printf("alarm(1) returned %u, alarm(0) then returned %u\n", prev, left);
    /* every 50 ms: a tick before pause() blocks is followed by another */
    struct itimerval it = {{0, 50000}, {0, 50000}};
    if (setitimer(ITIMER_REAL, &it, NULL) != 0) {
        printf("FAILED: setitimer: %s\n", strerror(errno));
        return 1;
    }
    r = pause();
    int e = errno;
    struct itimerval off = {{0, 0}, {0, 0}};
    setitimer(ITIMER_REAL, &off, NULL);
    printf("pause: %d %s, a tick came %d\n", r, r < 0 && e == EINTR ? "EINTR" : "other", alarms >= 1);
    return 0;
}
