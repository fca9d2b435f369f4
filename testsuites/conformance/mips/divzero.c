/* divzero.c: an integer division by zero that nothing catches: gcc's teq check raises
 * SIGFPE and the process dies by it (exit status 128 + 8 = 136). */
#include <stdio.h>

int main(int argc, char **argv)
{
    (void)argv;
    volatile int zero = argc - 1;
    printf("dividing by zero\n");
    fflush(stdout);
    printf("%d\n", 7 / zero);
    return 0;
}
