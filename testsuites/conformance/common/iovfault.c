/* iovfault.c: readv and writev with a buffer the process cannot access. As Linux does, the copy
 * stops at the first inaccessible byte: a good buffer then a bad one moves the good one's bytes
 * (and the file offset only that far); a bad first buffer is EFAULT. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/uio.h>
#include <unistd.h>

static void report(const char *what, long r, int fd)
{
    if (r < 0) printf("%s: %s", what, strerror(errno));
    else printf("%s: %ld bytes", what, r);
    printf(", offset now %ld\n", (long)lseek(fd, 0, SEEK_CUR));
}

int main(void)
{
    char name[64];
    snprintf(name, sizeof name, "iovfault-scratch.%d", (int)getpid());
    int fd = open(name, O_CREAT | O_RDWR | O_TRUNC, 0600);
    char *bad = mmap(0, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    munmap(bad, 4096);
    char good[16] = "0123456789abcdef", in[16];

    struct iovec goodbad[2] = { { good, 10 }, { bad, 10 } };
    struct iovec badgood[2] = { { bad, 10 }, { good, 10 } };
    struct iovec emptybad[2] = { { good, 0 }, { bad, 10 } };
    errno = 0; report("writev good then bad", writev(fd, goodbad, 2), fd);
    errno = 0; report("writev bad then good", writev(fd, badgood, 2), fd);
    errno = 0; report("writev empty then bad", writev(fd, emptybad, 2), fd);

    lseek(fd, 0, SEEK_SET);
    struct iovec readgoodbad[2] = { { in, 4 }, { bad, 10 } };
    struct iovec readbadgood[2] = { { bad, 4 }, { in, 10 } };
    memset(in, 0, sizeof in);
    errno = 0; report("readv good then bad", readv(fd, readgoodbad, 2), fd);
    printf("read: %.4s\n", in);
    errno = 0; report("readv bad then good", readv(fd, readbadgood, 2), fd);

    close(fd);
    unlink(name);
    return 0;
}
