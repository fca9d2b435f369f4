/* popen_system.c: popen and system, which run the host's /bin/sh (a host binary: the emulator
 * runs it natively, as qemu-user does).  popen("echo hello | tr a-z A-Z", "r") and its
 * output; popen(..., "w") feeding a command whose output goes to our stdout; pclose and
 * system statuses: exit codes, system("exit 3"), a shell killed by a signal (the host's
 * signal number arrives translated: compared with the guest's SIGUSR1, 10 on ARM, 16 on
 * MIPS), system(NULL), a missing command (127).  Without clone/execve it prints the error and
 * exits 1. */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>

static void die(const char *what)
{
    printf("FAILED: %s: %s\n", what, strerror(errno));
    fflush(stdout);
    exit(1);
}

static void print_status(const char *what, int st)
{
    if (st == -1)
        printf("%s: -1 (%s)\n", what, strerror(errno));
    else if (WIFEXITED(st))
        printf("%s: exited, status %d\n", what, WEXITSTATUS(st));
    else if (WIFSIGNALED(st))
        printf("%s: killed by a signal, SIGUSR1 %d SIGTERM %d\n", what, WTERMSIG(st) == SIGUSR1, WTERMSIG(st) == SIGTERM);
    else
        printf("%s: status %#x\n", what, st);
}

int main(void)
{
    fflush(stdout);
    FILE *f = popen("echo hello | tr a-z A-Z", "r");
    if (!f)
        die("popen");
    char line[128];
    int lines = 0;
    while (fgets(line, sizeof line, f)) {
        printf("popen read: %s", line);
        lines++;
    }
    print_status("pclose", pclose(f));
    printf("lines read: %d\n", lines);

    fflush(stdout);
    f = popen("i=0; while [ $i -lt 5 ]; do echo line $i; i=$((i+1)); done; exit 4", "r");
    if (!f)
        die("popen");
    lines = 0;
    while (fgets(line, sizeof line, f))
        lines++;
    print_status("pclose of a loop of 5 echos and exit 4", pclose(f));
    printf("lines read: %d\n", lines);

    /* "w": the command writes to our stdout; pclose waits for it, so the order is fixed */
    fflush(stdout);
    f = popen("tr a-z A-Z", "w");
    if (!f)
        die("popen");
    fprintf(f, "written through popen(\"w\")\n");
    print_status("pclose of tr", pclose(f));

    fflush(stdout);
    print_status("system(\"exit 3\")", system("exit 3"));
    print_status("system(\"true\")", system("true"));
    fflush(stdout);
    print_status("system(\"echo from system; exit 0\")", system("echo from system; exit 0"));
    print_status("system(\"kill -USR1 $$\")", system("kill -USR1 $$"));
    print_status("system(\"kill -TERM $$\")", system("kill -TERM $$"));
    print_status("system of a missing command", system("/nonexistent/command 2>/dev/null"));
    printf("system(NULL) (a shell is available): %d\n", system(NULL) != 0);
    return 0;
}
