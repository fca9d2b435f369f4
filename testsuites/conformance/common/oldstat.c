/* oldstat.c: the old stat, lstat and fstat system calls (ARM 106-108, MIPS o32 4106-4108) with the
 * kernel's old struct stat (32-bit fields; ARM's mode, nlink and ids are 16-bit), called directly:
 * glibc uses stat64 and statx, but older binaries and other C libraries call these. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#if defined(__arm__)
struct old_stat {
    unsigned long dev, ino;
    unsigned short mode, nlink, uid, gid;
    unsigned long rdev, size, blksize, blocks, atime, atime_nsec, mtime, mtime_nsec, ctime, ctime_nsec, unused4, unused5;
};
#elif defined(__mips__)
struct old_stat {
    unsigned dev; long pad1[3]; unsigned long ino; unsigned mode, nlink, uid, gid, rdev; long pad2[2];
    long size, pad3, atime, atime_nsec, mtime, mtime_nsec, ctime, ctime_nsec, blksize, blocks, pad4[14];
};
#else
#error "old_stat: add this architecture"
#endif

/* The struct, then guard bytes that the call must leave alone. */
static union { struct old_stat st; unsigned char bytes[sizeof(struct old_stat) + 16]; } buf;

static int call(long nr, long a, const char *what)
{
    memset(buf.bytes, 0xa5, sizeof buf.bytes);
    long r = syscall(nr, a, &buf.st);
    int guard_kept = 1;
    for (size_t i = sizeof(struct old_stat); i < sizeof buf.bytes; i++) guard_kept &= buf.bytes[i] == 0xa5;
    printf("%s: %s, %s\n", what, r == 0 ? "ok" : strerror(errno), guard_kept ? "nothing written past the struct" : "WROTE PAST THE STRUCT");
    return r == 0;
}

static void compare(const char *what, const struct stat *st)
{
    /* a symlink's size is its target's length, which has the pid in it */
    printf("  %s: mode %o, nlink %u, size %s; ino %s, uid %s, gid %s, mtime %s, blocks %s\n", what,
           (unsigned)buf.st.mode, (unsigned)buf.st.nlink, buf.st.size == (long)st->st_size ? "same" : "DIFFERS",
           buf.st.ino == (unsigned long)st->st_ino ? "same" : "DIFFERS",
           buf.st.uid == (st->st_uid > 65535 && sizeof buf.st.uid == 2 ? 65534 : st->st_uid) ? "same" : "DIFFERS",
           buf.st.gid == (st->st_gid > 65535 && sizeof buf.st.gid == 2 ? 65534 : st->st_gid) ? "same" : "DIFFERS",
           buf.st.mtime == st->st_mtime && buf.st.mtime_nsec == st->st_mtim.tv_nsec ? "same" : "DIFFERS",
           buf.st.blocks == st->st_blocks && buf.st.blksize == st->st_blksize ? "same" : "DIFFERS");
}

int main(void)
{
    char file[64], link[64];
    snprintf(file, sizeof file, "oldstat-scratch.%d", (int)getpid());
    snprintf(link, sizeof link, "oldstat-scratch-link.%d", (int)getpid());
    int fd = open(file, O_CREAT | O_WRONLY | O_TRUNC, 0640);
    static char data[12345];
    if (write(fd, data, sizeof data) != (ssize_t)sizeof data) return 1;
    fchmod(fd, 0640);
    if (symlink(file, link) != 0) return 1;

    struct stat st, lst;
    stat(file, &st);
    lstat(link, &lst);
    if (call(SYS_stat, (long)file, "stat of a file")) compare("stat", &st);
    if (call(SYS_stat, (long)link, "stat through a symlink")) compare("stat", &st);
    if (call(SYS_lstat, (long)link, "lstat of the symlink")) compare("lstat", &lst);
    if (call(SYS_fstat, fd, "fstat of its descriptor")) compare("fstat", &st);
    call(SYS_stat, (long)"oldstat-no-such-file", "stat of a missing file");
    call(SYS_fstat, 999, "fstat of a closed descriptor");
    errno = 0;
    printf("stat to a bad pointer: %s\n", syscall(SYS_stat, (long)file, (long)8) == 0 ? "ok" : strerror(errno));

    close(fd);
    unlink(link);
    unlink(file);
    return 0;
}
