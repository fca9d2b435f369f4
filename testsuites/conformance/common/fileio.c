/* fileio.c: file system calls on a scratch directory created under the
 * current directory (named after the pid, never printed, removed at the end):
 * open/creat/write/read/pread/pwrite/lseek/fstat/stat/ftruncate/dup/dup2/
 * fcntl/rename/link/symlink/readlink/getdents64 (readdir)/unlink/rmdir,
 * pipes, stdio on files, errno values. */
#define _GNU_SOURCE
#define _FILE_OFFSET_BITS 64 /* readdir64: 64-bit d_off from the host file system */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/uio.h>
#include <unistd.h>

static int cmpstr(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }

static void list_dir(const char *label)
{
    DIR *d = opendir(".");
    char *names[64];
    int n = 0;
    struct dirent *e;
    while ((e = readdir(d)) && n < 64) {
        struct stat st; /* lstat rather than d_type: some file systems report DT_UNKNOWN */
        lstat(e->d_name, &st);
        const char *t = S_ISREG(st.st_mode) ? "f" : S_ISDIR(st.st_mode) ? "d" : S_ISLNK(st.st_mode) ? "l" : "?";
        char *s = malloc(strlen(e->d_name) + 4);
        sprintf(s, "%s:%s", e->d_name, t);
        names[n++] = s;
    }
    closedir(d);
    qsort(names, n, sizeof names[0], cmpstr);
    printf("%s (%d):", label, n);
    for (int i = 0; i < n; i++) {
        printf(" %s", names[i]);
        free(names[i]);
    }
    putchar('\n');
}

#define CHECK(x) do { if ((x) < 0) printf("FAILED: %s: %s\n", #x, strerror(errno)); } while (0)

int main(void)
{
    char dir[64];
    umask(022);
    snprintf(dir, sizeof dir, "fileio-scratch.%d", (int)getpid());
    CHECK(mkdir(dir, 0755));
    CHECK(chdir(dir));

    int fd = open("data.bin", O_CREAT | O_RDWR | O_TRUNC, 0644);
    printf("open new file: fd>=3 %s\n", fd >= 3 ? "yes" : "no");
    char buf[4096];
    for (int i = 0; i < 4096; i++)
        buf[i] = (char)(i * 7 + 3);
    ssize_t w = write(fd, buf, 4096);
    printf("write 4096 -> %zd\n", w);
    off_t o = lseek(fd, 0, SEEK_CUR);
    printf("lseek cur -> %ld\n", (long)o);
    o = lseek(fd, 100, SEEK_SET);
    char rb[16];
    ssize_t r = read(fd, rb, 16);
    printf("lseek 100 -> %ld, read 16 -> %zd, bytes %02x %02x %02x\n", (long)o, r,
           (unsigned char)rb[0], (unsigned char)rb[1], (unsigned char)rb[15]);
    o = lseek(fd, -10, SEEK_END);
    r = read(fd, rb, 16);
    printf("lseek end-10 -> %ld, read -> %zd (short read at EOF)\n", (long)o, r);
    r = read(fd, rb, 16);
    printf("read at EOF -> %zd\n", r);
    o = lseek(fd, 10000, SEEK_SET);
    w = write(fd, "tail", 4);
    struct stat st;
    fstat(fd, &st);
    printf("sparse write at 10000: size %lld, regular %d, mode %o\n", (long long)st.st_size,
           S_ISREG(st.st_mode), (unsigned)(st.st_mode & 0777));
    r = pread(fd, rb, 4, 5000);
    printf("pread hole -> %zd bytes %d %d %d %d\n", r, rb[0], rb[1], rb[2], rb[3]);
    w = pwrite(fd, "PW", 2, 2);
    r = pread(fd, rb, 6, 0);
    printf("pwrite/pread -> %zd %02x %02x %c %c %02x %02x, offset still %ld\n", r, (unsigned char)rb[0],
           (unsigned char)rb[1], rb[2], rb[3], (unsigned char)rb[4], (unsigned char)rb[5],
           (long)lseek(fd, 0, SEEK_CUR));
    CHECK(ftruncate(fd, 1000));
    fstat(fd, &st);
    printf("ftruncate 1000: size %lld\n", (long long)st.st_size);

    struct iovec iov[3] = {{"one ", 4}, {"two ", 4}, {"three\n", 6}};
    lseek(fd, 0, SEEK_SET);
    printf("writev -> %zd\n", writev(fd, iov, 3));
    char a1[4], a2[8];
    struct iovec riov[2] = {{a1, 4}, {a2, 8}};
    lseek(fd, 0, SEEK_SET);
    r = readv(fd, riov, 2);
    printf("readv -> %zd [%.4s][%.8s]\n", r, a1, a2);

    int fd2 = dup(fd);
    printf("dup shares offset: %ld == %ld\n", (long)lseek(fd2, 0, SEEK_CUR), (long)lseek(fd, 0, SEEK_CUR));
    int fd3 = dup2(fd, 20);
    printf("dup2 -> %d, FD_CLOEXEC %d\n", fd3, fcntl(fd3, F_GETFD) & FD_CLOEXEC);
    fcntl(fd3, F_SETFD, FD_CLOEXEC);
    printf("after F_SETFD: FD_CLOEXEC %d, O_RDWR %d\n", fcntl(fd3, F_GETFD) & FD_CLOEXEC,
           (fcntl(fd3, F_GETFL) & O_ACCMODE) == O_RDWR);
    close(fd3);
    close(fd2);
    close(fd);

    FILE *f = fopen("text.txt", "w");
    for (int i = 1; i <= 100; i++)
        fprintf(f, "line %d: %d\n", i, i * i);
    fclose(f);
    f = fopen("text.txt", "r");
    char line[64];
    long total = 0;
    int lines = 0;
    while (fgets(line, sizeof line, f)) {
        lines++;
        total += atol(strchr(line, ':') + 1);
    }
    printf("stdio: %d lines, sum %ld, ftell %ld\n", lines, total, ftell(f));
    fseek(f, 7, SEEK_SET);
    int c1 = fgetc(f);
    ungetc('X', f);
    int c2 = fgetc(f);
    int c3 = fgetc(f);
    printf("fseek 7, fgetc '%c', ungetc+fgetc '%c', fgetc '%c'\n", c1, c2, c3);
    fclose(f);
    f = fopen("text.txt", "a+");
    fputs("appended\n", f);
    fseek(f, -9, SEEK_END);
    fgets(line, sizeof line, f);
    printf("append mode read back: %s", line);
    fclose(f);

    CHECK(rename("text.txt", "renamed.txt"));
    CHECK(link("renamed.txt", "hardlink.txt"));
    CHECK(symlink("renamed.txt", "symlink.txt"));
    char target[64];
    ssize_t tl = readlink("symlink.txt", target, sizeof target - 1);
    target[tl > 0 ? tl : 0] = 0;
    stat("hardlink.txt", &st);
    struct stat lst, tst;
    lstat("symlink.txt", &lst);
    stat("symlink.txt", &tst);
    printf("readlink -> %s, nlink %d, lstat is link %d, stat through link size %lld\n", target,
           (int)st.st_nlink, S_ISLNK(lst.st_mode), (long long)tst.st_size);
    CHECK(mkdir("sub", 0700));
    close(open("sub/inner", O_CREAT | O_WRONLY, 0600));
    list_dir("directory");
    printf("access F_OK data.bin %d, missing %d\n", access("data.bin", F_OK), access("nope", F_OK));

    errno = 0;
    int bad = open("does-not-exist", O_RDONLY);
    printf("open missing -> %d errno %s\n", bad, errno == ENOENT ? "ENOENT" : strerror(errno));
    bad = open("data.bin", O_CREAT | O_EXCL | O_WRONLY, 0600);
    printf("O_EXCL on existing -> %d errno %s\n", bad, errno == EEXIST ? "EEXIST" : strerror(errno));
    printf("rmdir non-empty -> %d errno %s\n", rmdir("sub"), errno == ENOTEMPTY ? "ENOTEMPTY" : strerror(errno));
    printf("read bad fd -> %zd errno %s\n", read(99, buf, 1), errno == EBADF ? "EBADF" : strerror(errno));
    printf("unlink dir -> %d errno %s\n", unlink("sub"), errno == EISDIR ? "EISDIR" : strerror(errno));

    int p[2];
    CHECK(pipe(p));
    w = write(p[1], "through a pipe", 14);
    close(p[1]);
    r = read(p[0], buf, sizeof buf);
    printf("pipe: wrote %zd read %zd [%.*s], then %zd\n", w, r, (int)r, buf, read(p[0], buf, 1));
    close(p[0]);

    fflush(stdout);
    static const char direct[] = "write(1) after fflush keeps order\n";
    w = write(1, direct, sizeof direct - 1);

    CHECK(unlink("sub/inner"));
    CHECK(rmdir("sub"));
    CHECK(unlink("symlink.txt"));
    CHECK(unlink("hardlink.txt"));
    CHECK(unlink("renamed.txt"));
    CHECK(unlink("data.bin"));
    list_dir("after cleanup");
    CHECK(chdir(".."));
    CHECK(rmdir(dir));
    printf("scratch directory removed: %s\n", access(dir, F_OK) != 0 ? "yes" : "no");
    return 0;
}
