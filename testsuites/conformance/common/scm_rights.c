/* scm_rights.c: passing open file descriptors over an AF_UNIX socketpair with SCM_RIGHTS.
 * (SOCK_DGRAM: one message per recvmsg).
 * The parent opens a scratch file, reads its first 5 bytes, unlinks it and sends the
 * descriptor (with some data) to a forked child, then closes its own: the child reads the
 * rest of the file through the received descriptor (the file offset is shared: it starts at
 * byte 5), checks with fstat that it is the same inode, and sends back two descriptors in one
 * message: the read end of a pipe it writes into and a second copy of the file.  The parent
 * reads the pipe through the received descriptor and sees the offset the child left.  Also a
 * message without control data, and a control buffer too small for the descriptors
 * (MSG_CTRUNC: one descriptor arrives, the others are closed, none left open).  The child
 * reports through a pipe, printed by the parent after waitpid.  Descriptor numbers are not
 * printed.  Without socketpair or fork it prints the
 * error and exits 1. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/uio.h>
#include <sys/wait.h>
#include <unistd.h>

static void die(const char *what)
{
    printf("FAILED: %s: %s\n", what, strerror(errno));
    fflush(stdout);
    exit(1);
}

/* Sends data and n descriptors (n may be 0). */
static void send_fds(int sock, const char *data, const int *fds, int n)
{
    union {
        struct cmsghdr h;
        char buf[CMSG_SPACE(4 * sizeof(int))];
    } u;
    struct iovec iov = {(void *)data, strlen(data)};
    struct msghdr m;
    memset(&m, 0, sizeof m);
    m.msg_iov = &iov;
    m.msg_iovlen = 1;
    if (n > 0) {
        memset(&u, 0, sizeof u);
        m.msg_control = u.buf;
        m.msg_controllen = CMSG_SPACE(n * sizeof(int));
        struct cmsghdr *c = CMSG_FIRSTHDR(&m);
        c->cmsg_level = SOL_SOCKET;
        c->cmsg_type = SCM_RIGHTS;
        c->cmsg_len = CMSG_LEN(n * sizeof(int));
        memcpy(CMSG_DATA(c), fds, n * sizeof(int));
    }
    if (sendmsg(sock, &m, 0) != (ssize_t)strlen(data))
        die("sendmsg");
}

/* Receives data (printed by the caller) and up to max descriptors; returns how many came.
 * controlspace is the room given for control data (small to provoke MSG_CTRUNC). */
static int recv_fds(int sock, char *data, size_t size, int *fds, int max, size_t controlspace, int *flags)
{
    union {
        struct cmsghdr h;
        char buf[CMSG_SPACE(4 * sizeof(int))];
    } u;
    memset(&u, 0, sizeof u);
    struct iovec iov = {data, size - 1};
    struct msghdr m;
    memset(&m, 0, sizeof m);
    m.msg_iov = &iov;
    m.msg_iovlen = 1;
    m.msg_control = controlspace ? u.buf : NULL;
    m.msg_controllen = controlspace;
    ssize_t r = recvmsg(sock, &m, 0);
    if (r < 0)
        die("recvmsg");
    data[r] = 0;
    *flags = m.msg_flags;
    int n = 0;
    for (struct cmsghdr *c = CMSG_FIRSTHDR(&m); c; c = CMSG_NXTHDR(&m, c))
        if (c->cmsg_level == SOL_SOCKET && c->cmsg_type == SCM_RIGHTS) {
            int k = (int)((c->cmsg_len - CMSG_LEN(0)) / sizeof(int));
            for (int i = 0; i < k && n < max; i++)
                memcpy(&fds[n++], CMSG_DATA(c) + i * sizeof(int), sizeof(int));
        }
    return n;
}

static char report[1024];
static size_t report_len;
#define REPORT(...) (report_len += (size_t)snprintf(report + report_len, sizeof report - report_len, __VA_ARGS__))

static int open_fds(void)
{
    int n = 0;
    for (int fd = 0; fd < 64; fd++)
        n += fcntl(fd, F_GETFD) >= 0;
    return n;
}

int main(void)
{
    char name[64];
    snprintf(name, sizeof name, "scm-scratch.%d", (int)getpid());
    int fd = open(name, O_RDWR | O_CREAT | O_TRUNC, 0600);
    if (fd < 0)
        die("open");
    const char *text = "HEAD:the rest of the file, read by the child\n";
    if (write(fd, text, strlen(text)) != (ssize_t)strlen(text) || lseek(fd, 0, SEEK_SET) != 0)
        die("write");
    char head[8] = "";
    if (read(fd, head, 5) != 5)
        die("read");
    struct stat st;
    fstat(fd, &st);
    unlink(name);
    printf("parent read [%s] and unlinked the file\n", head);

    int sv[2], rp[2]; /* rp: the child's report, printed by the parent at the end */
    if (socketpair(AF_UNIX, SOCK_DGRAM, 0, sv) != 0)
        die("socketpair");
    if (pipe(rp) != 0)
        die("pipe");
    fflush(stdout);
    pid_t pid = fork();
    if (pid < 0)
        die("fork");
    if (pid == 0) {
        alarm(10); /* watchdog */
        close(sv[0]);
        close(rp[0]);
        char data[128];
        int got[4], flags;
        int n = recv_fds(sv[1], data, sizeof data, got, 4, CMSG_SPACE(sizeof(int)), &flags);
        REPORT("child: message [%s], %d descriptor(s)\n", data, n);
        if (n != 1)
            _exit(2);
        struct stat cst;
        fstat(got[0], &cst);
        REPORT("child: same inode as the parent's file: %d, link count %d\n",
               cst.st_ino == st.st_ino && cst.st_dev == st.st_dev, (int)cst.st_nlink);
        char rest[128];
        ssize_t r = read(got[0], rest, sizeof rest - 1);
        rest[r > 0 ? r : 0] = 0;
        REPORT("child: read through it from offset 5: [%.*s]\n", r > 0 ? (int)r - 1 : 0, rest);
        lseek(got[0], 10, SEEK_SET);

        int p[2];
        if (pipe(p) != 0)
            _exit(3);
        int two[2] = {p[0], got[0]};
        send_fds(sv[1], "two descriptors", two, 2);
        close(p[0]);
        close(got[0]);
        if (write(p[1], "through the pipe the child made", 31) != 31)
            _exit(4);
        close(p[1]);
        send_fds(sv[1], "no descriptors", NULL, 0);
        send_fds(sv[1], "three descriptors, room for one", (int[]){0, 1, 2}, 3);
        _exit(write(rp[1], report, report_len) == (ssize_t)report_len ? 0 : 5);
    }
    close(sv[1]);
    close(rp[1]);
    send_fds(sv[0], "here is a file", &fd, 1);
    close(fd); /* the child's copy keeps it open */
    int before = open_fds();
    int st2;
    char data[128];
    int got[4], flags;
    int n = recv_fds(sv[0], data, sizeof data, got, 4, CMSG_SPACE(2 * sizeof(int)), &flags);
    printf("parent: message [%s], %d descriptor(s), MSG_CTRUNC %d\n", data, n, (flags & MSG_CTRUNC) != 0);
    if (n == 2) {
        char buf[64];
        ssize_t r = read(got[0], buf, sizeof buf - 1);
        buf[r > 0 ? r : 0] = 0;
        printf("parent: read from the child's pipe: [%s]\n", buf);
        printf("parent: the file's offset, as the child left it: %ld\n", (long)lseek(got[1], 0, SEEK_CUR));
        r = read(got[1], buf, 4);
        printf("parent: read [%.*s] at that offset\n", (int)(r > 0 ? r : 0), buf);
        close(got[0]);
        close(got[1]);
    }
    n = recv_fds(sv[0], data, 15, got, 4, CMSG_SPACE(sizeof(int)), &flags);
    printf("parent: message [%s], %d descriptor(s), MSG_CTRUNC %d\n", data, n, (flags & MSG_CTRUNC) != 0);
    n = recv_fds(sv[0], data, sizeof data, got, 4, CMSG_SPACE(sizeof(int)), &flags);
    printf("parent: message [%s], %d descriptor(s), MSG_CTRUNC %d\n", data, n, (flags & MSG_CTRUNC) != 0);
    for (int i = 0; i < n; i++)
        close(got[i]);
    printf("parent: descriptors open now as before the exchange: %d\n", open_fds() == before);
    waitpid(pid, &st2, 0);
    ssize_t r = read(rp[0], report, sizeof report - 1);
    printf("%.*s", (int)(r > 0 ? r : 0), report);
    printf("child exit status %d\n", WIFEXITED(st2) ? WEXITSTATUS(st2) : -1);
    close(sv[0]);
    return 0;
}
