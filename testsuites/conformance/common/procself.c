/* procself.c: what a program learns about itself from /proc/self and glibc: the auxv file
 * agrees with getauxval, cmdline with argv, maps has the code and the stack where they are,
 * and pthread_getattr_np (which reads maps) finds the main thread's stack.
 * build-flags: -pthread */
#define _GNU_SOURCE
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/auxv.h>

static int auxv_agrees(void)
{
    FILE *f = fopen("/proc/self/auxv", "rb");
    if (!f) return 0;
    unsigned long pair[2];
    int pagesz = 0, entry = 0, terminated = 0;
    while (fread(pair, sizeof pair, 1, f) == 1) {
        if (pair[0] == AT_NULL) { terminated = 1; break; }
        if (pair[0] == AT_PAGESZ) pagesz = pair[1] == getauxval(AT_PAGESZ);
        if (pair[0] == AT_ENTRY) entry = pair[1] == getauxval(AT_ENTRY);
    }
    fclose(f);
    return pagesz && entry && terminated;
}

static int cmdline_agrees(int argc, char **argv)
{
    char buf[4096], expected[4096];
    FILE *f = fopen("/proc/self/cmdline", "rb");
    if (!f) return 0;
    size_t n = fread(buf, 1, sizeof buf, f), m = 0;
    fclose(f);
    for (int i = 0; i < argc; i++) {
        size_t len = strlen(argv[i]) + 1;
        memcpy(expected + m, argv[i], len);
        m += len;
    }
    return n == m && memcmp(buf, expected, n) == 0;
}

/* The maps line holding address, or 0; its permissions and name through perms and name. */
static int find_mapping(unsigned long address, char *perms, char *name)
{
    FILE *f = fopen("/proc/self/maps", "r");
    char line[512];
    int found = 0;
    while (!found && f && fgets(line, sizeof line, f)) {
        unsigned long from, to;
        name[0] = 0;
        if (sscanf(line, "%lx-%lx %4s %*s %*s %*s %255s", &from, &to, perms, name) >= 3 && from <= address && address < to)
            found = 1;
    }
    if (f) fclose(f);
    return found;
}

int main(int argc, char **argv)
{
    int local = 0;
    char perms[8], name[256];
    printf("auxv agrees with getauxval: %d\n", auxv_agrees());
    printf("cmdline agrees with argv: %d\n", cmdline_agrees(argc, argv));
    int code = find_mapping((unsigned long)&main, perms, name);
    printf("main is in an executable mapping: %d\n", code && perms[2] == 'x');
    int stack = find_mapping((unsigned long)&local, perms, name);
    printf("a local is in the [stack] mapping, rw: %d\n", stack && strcmp(name, "[stack]") == 0 && perms[0] == 'r' && perms[1] == 'w');

    pthread_attr_t a;
    void *base;
    size_t size;
    int r = pthread_getattr_np(pthread_self(), &a);
    pthread_attr_getstack(&a, &base, &size);
    printf("pthread_getattr_np: %d, the stack holds a local: %d\n", r,
           (char *)&local >= (char *)base && (char *)&local < (char *)base + size);
    return 0;
}
