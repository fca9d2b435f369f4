/* fd_first.c: descriptor numbers as Linux hands them out.  A process started with 0, 1 and 2
 * open gets 3 from its first open(); then 4, 5; dup, open and pipe take the lowest free
 * number; F_DUPFD and F_DUPFD_CLOEXEC the lowest at or above their minimum; dup2 onto itself
 * and dup3's EINVAL; EBADF cases; /proc/self/fd lists exactly 0, 1, 2, the ones opened and
 * the directory's own descriptor (readdir, sorted); readlink of an opened one; closing 0
 * makes the next open return 0.  The numbers are printed: they are part of the ABI that
 * programs rely on (an emulator's own descriptors must not show). */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const char *err(int r)
{
    return r >= 0 ? "ok" : errno == EBADF ? "EBADF" : errno == EINVAL ? "EINVAL" : strerror(errno);
}

static int cmp(const void *a, const void *b) { return *(const int *)a - *(const int *)b; }

static void list_fds(const char *when)
{
    DIR *d = opendir("/proc/self/fd");
    if (!d) {
        printf("FAILED: opendir /proc/self/fd: %s\n", strerror(errno));
        exit(1);
    }
    int fds[256], n = 0;
    struct dirent *e;
    while ((e = readdir(d)) != NULL && n < 256)
        if (e->d_name[0] != '.')
            fds[n++] = atoi(e->d_name);
    qsort(fds, (size_t)n, sizeof fds[0], cmp);
    printf("/proc/self/fd %s:", when);
    for (int i = 0; i < n; i++)
        printf(" %d%s", fds[i], fds[i] == dirfd(d) ? "(dir)" : "");
    printf("\n");
    closedir(d);
}

int main(void)
{
    int a = open("/dev/null", O_RDONLY);
    int b = open("/dev/null", O_WRONLY);
    int c = open("/dev/zero", O_RDONLY | O_CLOEXEC);
    printf("first opens: %d %d %d\n", a, b, c);
    if (a < 0 || b < 0 || c < 0)
        return 1;
    list_fds("after three opens");

    int opened[3] = {a, b, c};
    for (int i = 0; i < 3; i++) {
        char path[32], link[64];
        snprintf(path, sizeof path, "/proc/self/fd/%d", opened[i]);
        ssize_t n = readlink(path, link, sizeof link - 1);
        link[n > 0 ? n : 0] = 0;
        printf("readlink %s: [%s]\n", path, link);
    }

    close(b);
    int d = dup(a);
    printf("close(%d), dup(%d): %d\n", b, a, d);
    close(a);
    int p[2];
    int pr = pipe(p);
    printf("close(%d), pipe: %d -> %d %d\n", a, pr, p[0], p[1]);
    int e = fcntl(c, F_DUPFD, 10);
    int f = fcntl(c, F_DUPFD, 10);
    int g = fcntl(c, F_DUPFD_CLOEXEC, 10);
    int h = fcntl(c, F_DUPFD, 7);
    printf("F_DUPFD 10: %d, again %d, F_DUPFD_CLOEXEC 10: %d (close-on-exec %d), F_DUPFD 7: %d\n", e, f, g,
           (fcntl(g, F_GETFD) & FD_CLOEXEC) != 0, h);
    printf("close-on-exec: open O_CLOEXEC %d, its F_DUPFD copy %d\n", (fcntl(c, F_GETFD) & FD_CLOEXEC) != 0,
           (fcntl(e, F_GETFD) & FD_CLOEXEC) != 0);
    list_fds("now");

    int r = dup2(c, c);
    printf("dup2(%d, %d): %d %s\n", c, c, r, err(r));
    r = dup3(c, c, 0);
    printf("dup3(%d, %d, 0): %d %s\n", c, c, r, err(r));
    r = dup2(c, -1);
    printf("dup2(%d, -1): %d %s\n", c, r, err(r));
    r = dup(99);
    printf("dup(99) (not open): %d %s\n", r, err(r));
    r = close(99);
    printf("close(99): %d %s\n", r, err(r));
    r = fcntl(c, F_DUPFD, 1 << 30);
    printf("F_DUPFD beyond RLIMIT_NOFILE: %d %s\n", r, err(r));

    for (int fd = 3; fd < 20; fd++)
        close(fd);
    list_fds("after closing 3..19");
    close(0);
    int z = open("/dev/null", O_RDONLY);
    printf("close(0), open: %d\n", z);
    int y = open("/dev/null", O_RDONLY);
    printf("then open: %d\n", y);
    list_fds("at the end");
    return 0;
}
