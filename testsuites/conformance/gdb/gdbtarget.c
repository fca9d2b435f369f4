/* gdbtarget.c: a program for the gdb stub tests (CrossEmu.Cli.Tests/GdbTests.cs), built with -g -O0
 * by build.sh into out/TARGET/gdb/. `gdbtarget spin` loops until a debugger clears `spinning` (the
 * Ctrl-C test); `gdbtarget segv` stores through a null pointer; otherwise main calls add_up, whose
 * locals and result the tests print, and exits with 7. */
#include <stdlib.h>
#include <string.h>

volatile int spinning;
int counter = 40;

int add_up(int a, int b)
{
    int sum = a + b;
    counter += sum;
    return sum;
}

int main(int argc, char **argv)
{
    if (argc > 1 && strcmp(argv[1], "spin") == 0) spinning = 1;
    if (argc > 1 && strcmp(argv[1], "segv") == 0) *(volatile int *)0 = 1;
    while (spinning) counter++;
    int result = add_up(2, 3);
    exit(result == 5 && counter == 45 ? 7 : 1);
}
