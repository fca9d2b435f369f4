/* thread_names.c: a process's comm is its program's file name (/proc/self/comm, PR_GET_NAME); prctl(PR_SET_NAME)
 * renames the calling thread only (/proc/self/task/TID/comm); a new thread starts with its creator's name, and so
 * does a fork child; /proc/self/comm is the main thread's. */
#define _GNU_SOURCE
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

static void read_line(const char *path, char *out, size_t size)
{
    out[0] = 0;
    FILE *f = fopen(path, "r");
    if (!f) {
        snprintf(out, size, "(cannot open)");
        return;
    }
    if (!fgets(out, (int)size, f)) out[0] = 0;
    fclose(f);
    out[strcspn(out, "\n")] = 0;
}

static void show(const char *who)
{
    char name[16] = {0}, path[64], task[32], process[32];
    prctl(PR_GET_NAME, name);
    snprintf(path, sizeof path, "/proc/self/task/%ld/comm", (long)syscall(SYS_gettid));
    read_line(path, task, sizeof task);
    read_line("/proc/self/comm", process, sizeof process);
    printf("%s: PR_GET_NAME %s, its task's comm %s, the process's comm %s\n", who, name, task, process);
}

static void *worker(void *arg)
{
    show("new thread");
    prctl(PR_SET_NAME, "worker-thread");
    show("new thread renamed");
    return arg;
}

int main(void)
{
    setvbuf(stdout, NULL, _IONBF, 0);
    show("main");
    prctl(PR_SET_NAME, "a-name-longer-than-15-bytes");
    show("main renamed");
    pthread_t t;
    if (pthread_create(&t, NULL, worker, NULL) != 0) {
        printf("pthread_create failed\n");
        return 1;
    }
    pthread_join(t, NULL);
    show("main after the thread");
    pid_t pid = fork();
    if (pid == 0) {
        show("fork child");
        _exit(0);
    }
    waitpid(pid, NULL, 0);
    return 0;
}
