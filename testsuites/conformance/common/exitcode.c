/* exitcode.c: exit(42) runs atexit handlers in reverse order and flushes
 * stdio; the process exit status is 42. */
#include <stdio.h>
#include <stdlib.h>

static void first(void) { printf("atexit: registered first, runs last\n"); }
static void second(void) { printf("atexit: registered second, runs first\n"); }

int main(void)
{
    atexit(first);
    atexit(second);
    printf("buffered line, no flush before exit\n");
    exit(42);
}
