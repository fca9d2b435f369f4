/* gdbtarget.c: a program for the gdb stub tests (CrossEmu.Cli.Tests/GdbTests.cs), built with -g -O0
 * by build.sh into out/TARGET/gdb/. `gdbtarget spin` loops until a debugger clears `spinning` (the
 * Ctrl-C test); `gdbtarget segv` stores through a null pointer; `gdbtarget usr1` raises SIGUSR1 and
 * exits with 8 once its handler ran; otherwise main calls add_up, whose locals and result the tests
 * print, and exits with 7. */
#include <signal.h>
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

static volatile sig_atomic_t handled;
static void on_usr1(int sig) { handled = sig == SIGUSR1; }

int main(int argc, char **argv)
{
    if (argc > 1 && strcmp(argv[1], "usr1") == 0) {
        signal(SIGUSR1, on_usr1);
        raise(SIGUSR1);
        exit(handled ? 8 : 1);
    }
    if (argc > 1 && strcmp(argv[1], "spin") == 0) spinning = 1;
    if (argc > 1 && strcmp(argv[1], "segv") == 0) *(volatile int *)0 = 1;
    while (spinning) counter++;
    int result = add_up(2, 3);
    exit(result == 5 && counter == 45 ? 7 : 1);
}
