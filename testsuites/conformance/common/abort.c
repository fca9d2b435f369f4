/* abort.c: abort() raises SIGABRT (exit status 128 + 6 = 134). */
#include <stdio.h>
#include <stdlib.h>

int main(void)
{
    printf("calling abort\n");
    fflush(stdout);
    abort();
}
