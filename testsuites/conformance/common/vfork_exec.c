/* vfork_exec.c: vfork then execve("/proc/self/exe") with arguments that make the new image
 * print them and exit with a code; the parent, resumed once the child has exec'd, waits and
 * prints the status.  A vfork child whose execve fails with ENOENT and _exits (127).
 * posix_spawn of itself with a file action that connects its stdout to a pipe the parent
 * reads, and posix_spawn of a missing file (ENOENT from posix_spawn itself).  Without
 * vfork/clone/execve it prints the error and exits 1. */
#include <errno.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

extern char **environ;

static void die(const char *what, int err)
{
    printf("FAILED: %s: %s\n", what, strerror(err));
    fflush(stdout);
    exit(1);
}

static int wait_for(pid_t pid)
{
    int st;
    pid_t w;
    while ((w = waitpid(pid, &st, 0)) < 0 && errno == EINTR)
        ;
    if (w != pid)
        die("waitpid", errno);
    return st;
}

static void print_status(const char *who, int st)
{
    if (WIFEXITED(st))
        printf("%s: exited, status %d\n", who, WEXITSTATUS(st));
    else if (WIFSIGNALED(st))
        printf("%s: killed by signal %d\n", who, WTERMSIG(st));
    else
        printf("%s: status %#x\n", who, st);
}

int main(int argc, char **argv)
{
    /* the new image: vfork_exec image NAME CODE [WORDS...] */
    if (argc >= 4 && strcmp(argv[1], "image") == 0) {
        printf("image %s: argc %d, argv[0] \"%s\", words:", argv[2], argc, argv[0]);
        for (int i = 4; i < argc; i++)
            printf(" [%s]", argv[i]);
        printf("\n");
        return atoi(argv[3]);
    }

    /* vfork + execve: the parent sleeps until the child has exec'd */
    char *args1[] = {"first-image", "image", "vfork", "23", "a b", "", "c", NULL};
    fflush(stdout);
    pid_t pid = vfork();
    if (pid < 0)
        die("vfork", errno);
    if (pid == 0) {
        execve("/proc/self/exe", args1, environ);
        _exit(126); /* exec failed */
    }
    print_status("vfork+execve child", wait_for(pid));

    /* a vfork child whose exec fails */
    fflush(stdout);
    pid = vfork();
    if (pid < 0)
        die("vfork", errno);
    if (pid == 0) {
        char *none[] = {"x", NULL};
        execve("/nonexistent/program", none, environ);
        _exit(errno == ENOENT ? 127 : 125);
    }
    int st = wait_for(pid);
    print_status("vfork child whose execve failed with ENOENT", st);

    /* posix_spawn of itself, its stdout a pipe */
    int p[2];
    if (pipe(p) != 0)
        die("pipe", errno);
    posix_spawn_file_actions_t fa;
    posix_spawn_file_actions_init(&fa);
    posix_spawn_file_actions_adddup2(&fa, p[1], 1);
    posix_spawn_file_actions_addclose(&fa, p[0]);
    posix_spawn_file_actions_addclose(&fa, p[1]);
    char *args2[] = {"spawned", "image", "spawn", "31", "x", NULL};
    fflush(stdout);
    int e = posix_spawn(&pid, "/proc/self/exe", &fa, NULL, args2, environ);
    if (e != 0)
        die("posix_spawn", e);
    close(p[1]);
    char buf[512];
    size_t got = 0;
    ssize_t r;
    while ((r = read(p[0], buf + got, sizeof buf - 1 - got)) > 0)
        got += (size_t)r;
    buf[got] = 0;
    close(p[0]);
    print_status("posix_spawn child", wait_for(pid));
    printf("read from its stdout: %s", buf);
    posix_spawn_file_actions_destroy(&fa);

    char *args3[] = {"x", NULL};
    e = posix_spawn(&pid, "/nonexistent/program", NULL, NULL, args3, environ);
    printf("posix_spawn of a missing file: %s\n", e == ENOENT ? "ENOENT" : strerror(e));
    return 0;
}
