/* hello.c: the smallest useful static program; times process start-up. */
#include <stdio.h>

int main(void)
{
    printf("hello, world\n");
    return 0;
}
