/* selfmod.c: self-modifying code.  ARM instructions are written into an
 * executable mapping, called, overwritten (with __builtin___clear_cache, i.e.
 * the ARM cacheflush syscall) and called again; code is patched after it has
 * become hot; generated code patches other generated code; a page of the
 * program's own .text is made writable and patched. */
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#define ADD_R0_R0_R1 0xe0800001u
#define SUB_R0_R0_R1 0xe0400001u
#define MUL_R0_R1_R0 0xe0000091u
#define EOR_R0_R0_R1_LSL3 0xe0200181u
#define ADD_R0_R0_IMM(i) (0xe2800000u | (i)) /* i < 256 */
#define STR_R1_R0 0xe5801000u
#define BX_LR 0xe12fff1eu

typedef int (*fn2)(int, int);
typedef void (*patcher)(uint32_t *where, uint32_t insn);

static void flush(void *p, size_t n) { __builtin___clear_cache((char *)p, (char *)p + n); }

/* A function alone on its own page of .text. */
__asm__(".text\n"
        ".balign 4096\n"
        ".globl patchme\n"
        ".type patchme, %function\n"
        "patchme:\n"
        "    add r0, r0, #1\n"
        "    bx lr\n"
        ".balign 4096\n");
int patchme(int);

int main(void)
{
    uint32_t *code = mmap(NULL, 8192, PROT_READ | PROT_WRITE | PROT_EXEC,
                          MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (code == MAP_FAILED) {
        printf("mmap RWX failed\n");
        return 1;
    }
    fn2 f = (fn2)(uintptr_t)code;

    /* 1. write, call, overwrite, call again. */
    static const uint32_t ops[] = {ADD_R0_R0_R1, SUB_R0_R0_R1, MUL_R0_R1_R0, EOR_R0_R0_R1_LSL3};
    static const char *names[] = {"add", "sub", "mul", "eor lsl 3"};
    for (int round = 0; round < 2; round++)
        for (int k = 0; k < 4; k++) {
            code[0] = ops[k];
            code[1] = BX_LR;
            flush(code, 8);
            printf("%-9s f(7, 5) = %d\n", names[k], f(7, 5));
        }

    /* 2. make the code hot, then patch the immediate many times. */
    code[0] = ADD_R0_R0_IMM(1);
    code[1] = BX_LR;
    flush(code, 8);
    int acc = 0;
    for (int i = 0; i < 100000; i++)
        acc = f(acc, 0);
    printf("hot loop: %d\n", acc);
    long sum = 0;
    for (int imm = 1; imm <= 200; imm++) {
        code[0] = ADD_R0_R0_IMM(imm);
        flush(code, 4);
        for (int rep = 0; rep < 50; rep++)
            sum += f(rep, 0);
    }
    printf("patched 200 times: sum %ld\n", sum);

    /* 3. a longer function whose middle instruction changes. */
    uint32_t *g = code + 16;
    for (int i = 0; i < 8; i++)
        g[i] = ADD_R0_R0_IMM(1);
    g[8] = BX_LR;
    flush(g, 36);
    int before = ((fn2)(uintptr_t)g)(0, 0);
    g[4] = ADD_R0_R0_IMM(100);
    flush(g + 4, 4);
    int after = ((fn2)(uintptr_t)g)(0, 0);
    printf("middle patch: %d -> %d\n", before, after);

    /* 4. generated code patches other generated code on the other page. */
    uint32_t *p = code + 1024 + 8;
    p[0] = STR_R1_R0;
    p[1] = BX_LR;
    code[0] = ADD_R0_R0_R1;
    code[1] = BX_LR;
    flush(code, 8192);
    printf("before guest patch: %d\n", f(30, 12));
    ((patcher)(uintptr_t)p)(code, SUB_R0_R0_R1);
    flush(code, 4);
    printf("after guest patch: %d\n", f(30, 12));

    /* 5. W^X: RW -> write -> RX -> call -> RW -> write -> RX -> call. */
    uint32_t *w = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    w[0] = MUL_R0_R1_R0;
    w[1] = BX_LR;
    mprotect(w, 4096, PROT_READ | PROT_EXEC);
    flush(w, 8);
    int r1 = ((fn2)(uintptr_t)w)(6, 7);
    mprotect(w, 4096, PROT_READ | PROT_WRITE);
    w[0] = SUB_R0_R0_R1;
    mprotect(w, 4096, PROT_READ | PROT_EXEC);
    flush(w, 8);
    int r2 = ((fn2)(uintptr_t)w)(6, 7);
    printf("W^X: %d then %d\n", r1, r2);

    /* 6. patch the program's own .text. */
    long pg = sysconf(_SC_PAGESIZE);
    uint32_t *t = (uint32_t *)(uintptr_t)patchme;
    int t1 = patchme(10);
    int rc = mprotect((void *)((uintptr_t)t & ~(uintptr_t)(pg - 1)), (size_t)pg,
                      PROT_READ | PROT_WRITE | PROT_EXEC);
    t[0] = ADD_R0_R0_IMM(100);
    flush(t, 4);
    int t2 = patchme(10);
    printf(".text patch: mprotect=%d %d -> %d\n", rc, t1, t2);

    munmap(code, 8192);
    munmap(w, 4096);
    return 0;
}
