/* shared_memory.c: MAP_SHARED memory stays shared across fork: an anonymous shared counter that a child and a
 * grandchild increment under a shared semaphore is seen by the parent; a shared mapping of a file is the file
 * (the parent reads the child's store through read(2)); MAP_PRIVATE pages are the child's own copy. */
#include <fcntl.h>
#include <semaphore.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

struct shared { sem_t lock; int counter; char note[32]; };

static void add(struct shared *s, int n)
{
    for (int i = 0; i < n; i++) {
        sem_wait(&s->lock);
        s->counter++;
        sem_post(&s->lock);
    }
}

int main(void)
{
    setvbuf(stdout, NULL, _IONBF, 0);
    struct shared *s = mmap(NULL, sizeof *s, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    int *private_page = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (s == MAP_FAILED || private_page == MAP_FAILED) { perror("mmap"); return 1; }
    sem_init(&s->lock, 1, 1);
    *private_page = 1;

    char path[64];
    snprintf(path, sizeof path, "shared_memory-scratch.%d", (int)getpid());
    int fd = open(path, O_RDWR | O_CREAT | O_TRUNC, 0600);
    if (fd < 0 || ftruncate(fd, 4096) != 0) { perror("file"); return 1; }
    char *file = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
    if (file == MAP_FAILED) { perror("mmap file"); return 1; }

    pid_t child = fork();
    if (child == 0) {
        pid_t grandchild = fork();
        add(s, 20000);
        *private_page = 2;
        if (grandchild == 0) {
            strcpy(s->note, "from the grandchild");
            _exit(0);
        }
        waitpid(grandchild, NULL, 0);
        strcpy(file, "written by the child");
        _exit(0);
    }
    add(s, 20000);
    waitpid(child, NULL, 0);
    printf("shared counter: %d (60000 expected)\n", s->counter);
    printf("shared note: %s\n", s->note);
    printf("private page after the child wrote its copy: %d\n", *private_page);
    char buf[32] = {0};
    if (pread(fd, buf, sizeof buf - 1, 0) < 0) perror("pread");
    printf("the file through read(2): %s\n", buf);
    printf("the file through the parent's mapping: %s\n", file);
    unlink(path);
    return 0;
}
