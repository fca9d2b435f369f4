/* fork_fds.c: descriptors the runtime emulates survive fork: an eventfd counter keeps its value and byte order
 * (shared with the parent), a signalfd in the child reports the child's own signals and not the parent's. */
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/eventfd.h>
#include <sys/signalfd.h>
#include <sys/wait.h>
#include <poll.h>
#include <unistd.h>
int main(void) {
    setvbuf(stdout, NULL, _IONBF, 0);
    sigset_t m; sigemptyset(&m); sigaddset(&m, SIGUSR1); sigprocmask(SIG_BLOCK, &m, NULL);
    int sfd = signalfd(-1, &m, SFD_CLOEXEC), efd = eventfd(0, 0);
    uint64_t five = 5; write(efd, &five, 8);
    pid_t p = fork();
    if (p == 0) {
        uint64_t v = 0; read(efd, &v, 8); printf("child: eventfd counter %llu\n", (unsigned long long)v);
        v = 7; write(efd, &v, 8);
        struct pollfd pf = {sfd, POLLIN, 0};
        printf("child: signalfd readable before raise %d\n", poll(&pf, 1, 0));
        raise(SIGUSR1);
        printf("child: signalfd readable after raise %d\n", poll(&pf, 1, 1000));
        struct signalfd_siginfo si; ssize_t n = read(sfd, &si, sizeof si);
        printf("child: read %zd bytes, is SIGUSR1 %d\n", n, si.ssi_signo == SIGUSR1);
        _exit(0);
    }
    waitpid(p, NULL, 0);
    uint64_t v = 0; read(efd, &v, 8); printf("parent: eventfd counter %llu\n", (unsigned long long)v);
    struct pollfd pf = {sfd, POLLIN, 0};
    printf("parent: signalfd readable %d\n", poll(&pf, 1, 0));
    return 0;
}
