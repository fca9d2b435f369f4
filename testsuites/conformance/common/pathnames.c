/* pathnames.c: how system calls read file names from guest memory, as the kernel's getname does:
 * a name that runs into an unmapped page before its NUL is EFAULT (never a truncated name), one
 * with no NUL in PATH_MAX (4096) bytes is ENAMETOOLONG; a symlink's target is read the same way. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

static void report(const char *what, long r)
{
    printf("%s: %s\n", what, r >= 0 ? "ok" : strerror(errno));
}

int main(void)
{
    char *page = mmap(0, 8192, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    munmap(page + 4096, 4096);
    char *cut = page + 4096 - 4;
    memcpy(cut, "/tmp", 4);   /* no NUL before the unmapped page */
    struct stat st;

    errno = 0; report("open of a name that runs into an unmapped page", open(cut, O_RDONLY));
    errno = 0; report("stat of it", stat(cut, &st));
    errno = 0; report("mkdir of it", mkdir(cut, 0700));
    errno = 0; report("symlink to it", symlink(cut, "pathnames-scratch-link"));

    static char longname[5000];
    memset(longname, 'a', sizeof longname - 1);
    longname[0] = '/';
    errno = 0; report("open of a 4999-byte name", open(longname, O_RDONLY));
    errno = 0; report("stat of it", stat(longname, &st));
    errno = 0; report("symlink to it", symlink(longname, "pathnames-scratch-link"));
    errno = 0; report("access of it", access(longname, F_OK));

    errno = 0; report("open of a good name", open("/", O_RDONLY));
    return 0;
}
