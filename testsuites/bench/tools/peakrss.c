/* peakrss FILE COMMAND [ARGS...]: runs COMMAND with this process's stdin, stdout and stderr,
 * writes its peak resident set size in KiB (wait4's ru_maxrss) to FILE and exits as COMMAND
 * did (128+N when signal N ended it, as a shell reports it). The benchmark harness runs every
 * timed program through it: .NET's Process reaps its children itself and keeps no rusage. */
#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

int main(int argc, char **argv)
{
    if (argc < 3) {
        fprintf(stderr, "usage: peakrss FILE COMMAND [ARGS...]\n");
        return 2;
    }
    pid_t pid = fork();
    if (pid < 0) { perror("peakrss: fork"); return 2; }
    if (pid == 0) {
        execvp(argv[2], argv + 2);
        perror(argv[2]);
        _exit(127);
    }
    int status;
    struct rusage usage;
    if (wait4(pid, &status, 0, &usage) < 0) { perror("peakrss: wait4"); return 2; }
    FILE *out = fopen(argv[1], "w");
    if (out == NULL) { perror(argv[1]); return 2; }
    fprintf(out, "%ld\n", usage.ru_maxrss);
    fclose(out);
    return WIFSIGNALED(status) ? 128 + WTERMSIG(status) : WEXITSTATUS(status);
}
