/* fork_until_eagain.c [NPROC]: sets RLIMIT_NPROC to NPROC when given, forks children that wait until fork
 * fails (EAGAIN under a task limit), then ends them with SIGTERM and reaps them all. */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

int main(int argc, char **argv)
{
    if (argc > 1) {
        struct rlimit l = {strtoul(argv[1], NULL, 0), strtoul(argv[1], NULL, 0)};
        if (setrlimit(RLIMIT_NPROC, &l) != 0) {
            perror("setrlimit");
            return 1;
        }
    }
    static pid_t kids[1024];
    int n = 0, e = 0;
    for (; n < 1024; n++) {
        pid_t p = fork();
        if (p == 0) {
            for (;;)
                pause();
        }
        if (p < 0) {
            e = errno;
            break;
        }
        kids[n] = p;
    }
    printf("forked %d, then %s\n", n, e ? strerror(e) : "stopped at 1024");
    fflush(stdout);
    for (int i = 0; i < n; i++)
        kill(kids[i], SIGTERM);
    int reaped = 0, st;
    while (wait(&st) > 0)
        reaped += WIFSIGNALED(st) && WTERMSIG(st) == SIGTERM;
    printf("reaped %d killed by SIGTERM\n", reaped);
    return 0;
}
