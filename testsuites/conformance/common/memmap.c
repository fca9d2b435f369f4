/* memmap.c: the memory system calls: brk/sbrk, anonymous mmap/munmap,
 * mprotect, mremap (grow in place or move), MAP_FIXED over an existing mapping,
 * file mappings (shared writes visible through read()), madvise, and that the
 * contents survive every move.  Prints no addresses. */
#define _GNU_SOURCE
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

static uint32_t sum(const unsigned char *p, size_t n)
{
    uint32_t s = 0;
    for (size_t i = 0; i < n; i++)
        s = s * 31 + p[i];
    return s;
}

int main(void)
{
    char *b0 = sbrk(0);
    char *b1 = sbrk(65536);
    memset(b1, 0x5a, 65536);
    char *b2 = sbrk(0);
    printf("sbrk: grew by %ld, old break returned: %d, fill sum %08x\n", (long)(b2 - b0), b1 == b0,
           sum((unsigned char *)b1, 65536));
    sbrk(-65536);
    printf("sbrk shrink: back to start %d\n", sbrk(0) == b0);

    size_t pg = (size_t)sysconf(_SC_PAGESIZE);
    unsigned char *m = mmap(NULL, 16 * pg, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    printf("mmap anon: ok %d, page aligned %d, zero filled %d\n", m != MAP_FAILED,
           ((uintptr_t)m % pg) == 0, sum(m, 16 * pg) == 0);
    for (size_t i = 0; i < 16 * pg; i++)
        m[i] = (unsigned char)(i * 11);
    uint32_t s1 = sum(m, 16 * pg);

    printf("munmap middle pages: %d\n", munmap(m + 4 * pg, 4 * pg));
    printf("mprotect read-only: %d, still readable sum %08x\n", mprotect(m, 4 * pg, PROT_READ),
           sum(m, 4 * pg));
    mprotect(m, 4 * pg, PROT_READ | PROT_WRITE);
    unsigned char *fx = mmap(m + 4 * pg, 4 * pg, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED,
                             -1, 0);
    printf("MAP_FIXED into the hole: at requested address %d, zeroed %d\n", fx == m + 4 * pg,
           sum(fx, 4 * pg) == 0);
    for (size_t i = 4 * pg; i < 8 * pg; i++)
        m[i] = (unsigned char)(i * 11);
    printf("restored contents match: %d\n", sum(m, 16 * pg) == s1);
    unsigned char *fx2 = mmap(m + 2 * pg, pg, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
    printf("MAP_FIXED over live data replaces it: %d, neighbours intact %d %d\n", fx2 == m + 2 * pg && fx2[5] == 0,
           m[2 * pg - 1] == (unsigned char)((2 * pg - 1) * 11), m[3 * pg] == (unsigned char)((3 * pg) * 11));

    unsigned char *r = mremap(m, 16 * pg, 64 * pg, MREMAP_MAYMOVE);
    uint32_t s2 = sum(r, 2 * pg);
    printf("mremap grow: ok %d, first pages kept %d, new tail zero %d\n", r != MAP_FAILED,
           s2 == sum(r, 2 * pg) && r[100] == (unsigned char)(100 * 11), sum(r + 16 * pg, 48 * pg) == 0);
    unsigned char *r2 = mremap(r, 64 * pg, 8 * pg, 0);
    printf("mremap shrink in place: %d\n", r2 == r);
    printf("madvise DONTNEED: %d, private anon reads zero after: %d\n", madvise(r2, pg, MADV_DONTNEED),
           r2[10] == 0);
    munmap(r2, 8 * pg);

    char name[64];
    snprintf(name, sizeof name, "memmap-scratch.%d", (int)getpid());
    int fd = open(name, O_CREAT | O_RDWR | O_TRUNC, 0600);
    unlink(name);
    ftruncate(fd, (off_t)(3 * pg));
    char *fm = mmap(NULL, 3 * pg, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
    strcpy(fm + pg + 10, "written through a shared mapping");
    msync(fm, 3 * pg, MS_SYNC);
    char back[40] = {0};
    pread(fd, back, 32, (off_t)pg + 10);
    printf("MAP_SHARED file: read() sees \"%s\"\n", back);
    pwrite(fd, "WRITE", 5, 20);
    printf("write() seen through mapping: %.5s\n", fm + 20);
    char *fp = mmap(NULL, pg, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, (off_t)pg);
    fp[10] = 'W';
    pread(fd, back, 7, (off_t)pg + 10);
    printf("MAP_PRIVATE file at offset: sees \"%.7s\", copy-on-write keeps file \"%.7s\"\n", fp + 10, back);
    munmap(fm, 3 * pg);
    munmap(fp, pg);
    close(fd);

    void *bad = mmap(NULL, pg, PROT_READ, MAP_PRIVATE, 12345, 0);
    printf("mmap bad fd fails: %d\n", bad == MAP_FAILED);
    printf("munmap unaligned fails: %d\n", munmap((char *)m + 1, pg) == -1);
    return 0;
}
