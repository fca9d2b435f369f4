/* segv.c: a store through an unmapped address kills the process with SIGSEGV
 * (exit status 128 + 11 = 139).  stdout is flushed first, so the line before
 * the crash must appear. */
#include <stdio.h>

int main(void)
{
    printf("about to write through 0x00000010\n");
    fflush(stdout);
    volatile int *volatile bad = (volatile int *)0x10;
    *bad = 42;
    printf("still alive?!\n");
    return 0;
}
