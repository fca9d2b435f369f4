/* forkexec.c: fork + execve + waitpid latency, the work of a shell starting a static `true`:
 * 200 times, fork a child that execs this same program with "exit N", which exits at once
 * with code N; the parent waits for each and checks the code.  Prints the count and the sum.
 * Under qemu-user without binfmt_misc a guest cannot exec a guest program: the harness names
 * qemu in BENCH_GUEST_LAUNCHER and the child execs it with this program's path, as the kernel's
 * binfmt_misc would. */
// bench-iterations: 200
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#define CHILDREN 200

int main(int argc, char **argv)
{
    if (argc == 3 && strcmp(argv[1], "exit") == 0)
        return atoi(argv[2]);

    char self[4096];
    ssize_t n = readlink("/proc/self/exe", self, sizeof self - 1);
    if (n <= 0) { perror("readlink /proc/self/exe"); return 1; }
    self[n] = 0;
    const char *launcher = getenv("BENCH_GUEST_LAUNCHER");

    long sum = 0;
    for (int i = 0; i < CHILDREN; i++) {
        char code[16];
        snprintf(code, sizeof code, "%d", i % 100);
        pid_t pid = fork();
        if (pid < 0) { perror("fork"); return 1; }
        if (pid == 0) {
            if (launcher != NULL && *launcher != 0)
                execl(launcher, launcher, self, "exit", code, (char *)NULL);
            else
                execl(self, self, "exit", code, (char *)NULL);
            perror("execl");
            _exit(127);
        }
        int status;
        if (waitpid(pid, &status, 0) != pid) { perror("waitpid"); return 1; }
        if (!WIFEXITED(status) || WEXITSTATUS(status) != i % 100) {
            fprintf(stderr, "forkexec: child %d ended with status 0x%x\n", i, status);
            return 1;
        }
        sum += WEXITSTATUS(status);
    }
    printf("forkexec: %d children, exit codes sum to %ld\n", CHILDREN, sum);
    return 0;
}
