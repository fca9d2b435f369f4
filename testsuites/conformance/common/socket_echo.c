/* socket_echo.c: sockets.  In one process: UDP datagrams between two sockets bound to
 * 127.0.0.1 port 0 (recvfrom reports the sender's address), an AF_UNIX SOCK_DGRAM socketpair
 * keeps message boundaries.  Then a forked TCP echo server on 127.0.0.1: it binds port 0,
 * learns the port with getsockname and passes it through a pipe; the parent connects, checks
 * getpeername, sends lines and 200 KiB and reads them back, shuts down its writing side and
 * sees EOF after the echo; the server's exit status.  Then an AF_UNIX SOCK_STREAM socketpair
 * echo with a forked child that upper-cases.  Port numbers are compared, never printed.
 * Without sockets or fork it prints the error and exits 1; the server child has an alarm
 * watchdog so that it never outlives a failed parent for long. */
#include <arpa/inet.h>
#include <ctype.h>
#include <errno.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

static void die(const char *what)
{
    printf("FAILED: %s: %s\n", what, strerror(errno));
    fflush(stdout);
    exit(1);
}

static int xsocket(int domain, int type)
{
    int s = socket(domain, type, 0);
    if (s < 0)
        die("socket");
    return s;
}

static struct sockaddr_in loopback(unsigned short port)
{
    struct sockaddr_in a;
    memset(&a, 0, sizeof a);
    a.sin_family = AF_INET;
    a.sin_port = htons(port);
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    return a;
}

static struct sockaddr_in bound_name(int s)
{
    struct sockaddr_in a;
    socklen_t len = sizeof a;
    if (getsockname(s, (struct sockaddr *)&a, &len) != 0)
        die("getsockname");
    return a;
}

static int write_all(int fd, const void *buf, size_t n)
{
    const char *p = buf;
    while (n > 0) {
        ssize_t w = write(fd, p, n);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0)
            return -1;
        p += w;
        n -= (size_t)w;
    }
    return 0;
}

static ssize_t read_full(int fd, void *buf, size_t n)
{
    size_t got = 0;
    while (got < n) {
        ssize_t r = read(fd, (char *)buf + got, n - got);
        if (r < 0 && errno == EINTR)
            continue;
        if (r < 0)
            return -1;
        if (r == 0)
            break;
        got += (size_t)r;
    }
    return (ssize_t)got;
}

static int wait_child(pid_t pid)
{
    int st;
    while (waitpid(pid, &st, 0) < 0)
        if (errno != EINTR)
            die("waitpid");
    return st;
}

static void udp(void)
{
    int a = xsocket(AF_INET, SOCK_DGRAM), b = xsocket(AF_INET, SOCK_DGRAM);
    struct sockaddr_in la = loopback(0), lb = loopback(0);
    if (bind(a, (struct sockaddr *)&la, sizeof la) != 0 || bind(b, (struct sockaddr *)&lb, sizeof lb) != 0)
        die("bind");
    la = bound_name(a);
    lb = bound_name(b);
    printf("udp: bound to 127.0.0.1 with ports chosen by the kernel: %d, different: %d\n",
           la.sin_addr.s_addr == htonl(INADDR_LOOPBACK) && ntohs(la.sin_port) != 0, la.sin_port != lb.sin_port);
    const char *msgs[] = {"first datagram", "second, longer datagram", "3"};
    for (int i = 0; i < 3; i++)
        if (sendto(a, msgs[i], strlen(msgs[i]), 0, (struct sockaddr *)&lb, sizeof lb) != (ssize_t)strlen(msgs[i]))
            die("sendto");
    for (int i = 0; i < 3; i++) {
        char buf[64];
        struct sockaddr_in from;
        socklen_t fl = sizeof from;
        ssize_t r = recvfrom(b, buf, sizeof buf, 0, (struct sockaddr *)&from, &fl);
        if (r < 0)
            die("recvfrom");
        printf("udp: received %zd bytes [%.*s] from the sender's address: %d\n", r, (int)r, buf,
               fl == sizeof from && from.sin_port == la.sin_port && from.sin_addr.s_addr == la.sin_addr.s_addr);
    }
    /* a datagram larger than the buffer is truncated; MSG_TRUNC returns its real length */
    char big[100], small[10];
    memset(big, 'z', sizeof big);
    sendto(b, big, sizeof big, 0, (struct sockaddr *)&la, sizeof la);
    ssize_t r = recv(a, small, sizeof small, MSG_TRUNC);
    printf("udp: 100-byte datagram into 10 bytes with MSG_TRUNC: %zd\n", r);
    close(a);
    close(b);
}

static void unix_dgram(void)
{
    int sv[2];
    if (socketpair(AF_UNIX, SOCK_DGRAM, 0, sv) != 0)
        die("socketpair");
    send(sv[0], "one", 3, 0);
    send(sv[0], "two two", 7, 0);
    send(sv[0], "", 0, 0);
    char buf[32];
    for (int i = 0; i < 3; i++) {
        ssize_t r = recv(sv[1], buf, sizeof buf, 0);
        printf("unix dgram: message %d: %zd bytes [%.*s]\n", i, r, (int)(r > 0 ? r : 0), buf);
    }
    close(sv[0]);
    close(sv[1]);
}

#define BULK (200 * 1024)

static void tcp(void)
{
    int p[2];
    if (pipe(p) != 0)
        die("pipe");
    fflush(stdout);
    pid_t pid = fork();
    if (pid < 0)
        die("fork");
    if (pid == 0) {
        alarm(10); /* watchdog */
        close(p[0]);
        int ls = socket(AF_INET, SOCK_STREAM, 0);
        int one = 1;
        setsockopt(ls, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
        struct sockaddr_in a = loopback(0);
        if (ls < 0 || bind(ls, (struct sockaddr *)&a, sizeof a) != 0 || listen(ls, 4) != 0)
            _exit(2);
        a = bound_name(ls);
        if (write(p[1], &a.sin_port, sizeof a.sin_port) != sizeof a.sin_port)
            _exit(3);
        close(p[1]);
        struct sockaddr_in peer;
        socklen_t pl = sizeof peer;
        int c = accept(ls, (struct sockaddr *)&peer, &pl);
        if (c < 0)
            _exit(4);
        close(ls);
        static char buf[8192];
        ssize_t r;
        while ((r = read(c, buf, sizeof buf)) > 0) {
            if (write_all(c, buf, (size_t)r) != 0)
                _exit(5);
        }
        close(c);
        _exit(r == 0 && peer.sin_addr.s_addr == htonl(INADDR_LOOPBACK) ? 42 : 6);
    }
    close(p[1]);
    unsigned short port;
    if (read_full(p[0], &port, sizeof port) != sizeof port) {
        printf("FAILED: the server did not send its port\n");
        exit(1);
    }
    close(p[0]);
    int s = xsocket(AF_INET, SOCK_STREAM);
    struct sockaddr_in a = loopback(0);
    a.sin_port = port;
    if (connect(s, (struct sockaddr *)&a, sizeof a) != 0)
        die("connect");
    struct sockaddr_in peer;
    socklen_t pl = sizeof peer;
    if (getpeername(s, (struct sockaddr *)&peer, &pl) != 0)
        die("getpeername");
    printf("tcp: connected; getpeername is the server's address and port: %d\n",
           peer.sin_port == port && peer.sin_addr.s_addr == htonl(INADDR_LOOPBACK));
    const char *lines[] = {"hello over tcp\n", "a second line\n", "x\n"};
    for (int i = 0; i < 3; i++) {
        size_t n = strlen(lines[i]);
        char back[64];
        if (write_all(s, lines[i], n) != 0 || read_full(s, back, n) != (ssize_t)n)
            die("echo");
        printf("tcp: echoed [%.*s]\n", (int)n - 1, back);
    }
    /* bulk: write in pieces and read the echo back as it comes, at most 16 KiB behind, so
       that no socket buffer fills up */
    static unsigned char out[BULK], in[BULK];
    for (int i = 0; i < BULK; i++)
        out[i] = (unsigned char)(i * 31 + (i >> 9));
    size_t sent = 0, got = 0;
    while (got < BULK) {
        if (sent < BULK && sent - got <= 16384) {
            size_t n = BULK - sent < 16384 ? BULK - sent : 16384;
            if (write_all(s, out + sent, n) != 0)
                die("write");
            sent += n;
            continue;
        }
        ssize_t r = read(s, in + got, sent - got);
        if (r < 0 && errno == EINTR)
            continue;
        if (r <= 0)
            die("read");
        got += (size_t)r;
    }
    printf("tcp: %d bytes echoed back intact: %d\n", BULK, memcmp(out, in, BULK) == 0);
    if (shutdown(s, SHUT_WR) != 0)
        die("shutdown");
    char c;
    printf("tcp: after shutdown(SHUT_WR) the server closes: read returns %zd\n", read(s, &c, 1));
    close(s);
    int st = wait_child(pid);
    printf("tcp: server exit status %d\n", WIFEXITED(st) ? WEXITSTATUS(st) : -1);
}

static void unix_stream(void)
{
    int sv[2];
    if (socketpair(AF_UNIX, SOCK_STREAM, 0, sv) != 0)
        die("socketpair");
    fflush(stdout);
    pid_t pid = fork();
    if (pid < 0)
        die("fork");
    if (pid == 0) {
        alarm(10);
        close(sv[0]);
        char buf[256];
        ssize_t r;
        while ((r = read(sv[1], buf, sizeof buf)) > 0) {
            for (ssize_t i = 0; i < r; i++)
                buf[i] = (char)toupper((unsigned char)buf[i]);
            if (write_all(sv[1], buf, (size_t)r) != 0)
                _exit(2);
        }
        _exit(r == 0 ? 0 : 3);
    }
    close(sv[1]);
    const char *msgs[] = {"socketpair echo", "second message", "end"};
    for (int i = 0; i < 3; i++) {
        size_t n = strlen(msgs[i]);
        char back[64];
        if (write_all(sv[0], msgs[i], n) != 0 || read_full(sv[0], back, n) != (ssize_t)n)
            die("socketpair echo");
        printf("unix stream: [%s] -> [%.*s]\n", msgs[i], (int)n, back);
    }
    close(sv[0]);
    int st = wait_child(pid);
    printf("unix stream: child exit status %d\n", WIFEXITED(st) ? WEXITSTATUS(st) : -1);
}

int main(void)
{
    signal(SIGPIPE, SIG_IGN);
    udp();
    unix_dgram();
    tcp();
    unix_stream();
    return 0;
}
