/* interp.c: a little stack-based bytecode VM (switch dispatch) running a
 * program of nested loops: an LCG-driven accumulation with calls, compares,
 * branches, loads/stores to a small memory.  Executes ~100 million
 * bytecodes and prints the count and the result. */
#include <stdint.h>
#include <stdio.h>

enum { PUSH, LOAD, STORE, ADD, SUB, MUL, AND, XOR, SHR, SHL, DUP, DROP, SWAP, JNZ, JMP, LT, CALL, RET,
       MLOAD, MSTORE, HALT };

static const char *const names[] = {"push", "load", "store", "add", "sub", "mul", "and", "xor", "shr", "shl",
                                    "dup", "drop", "swap", "jnz", "jmp", "lt", "call", "ret", "mload",
                                    "mstore", "halt"};

/* vars: 0 = i (outer counter), 1 = acc, 2 = x (lcg), 3 = j (inner counter) */
static const int32_t prog[] = {
    /* 0 */ PUSH, 0, STORE, 0,                         /* i = 0 */
    /* 4 */ PUSH, 12345, STORE, 2,                     /* x = 12345 */
    /* 8 */ PUSH, 0, STORE, 3,                         /* loop: j = 0 */
    /* 12 */ LOAD, 2, PUSH, 1103515245, MUL, PUSH, 12345, ADD, STORE, 2, /* inner: x = x*a + c */
    /* 22 */ LOAD, 2, PUSH, 16, SHR, PUSH, 255, AND,   /* (x >> 16) & 255 */
    /* 30 */ CALL, 80,                                 /* f(v) */
    /* 32 */ LOAD, 1, XOR, DUP, PUSH, 1, SHL, ADD, STORE, 1, /* acc = t + (t << 1), t = acc ^ f */
    /* 42 */ LOAD, 2, PUSH, 63, AND, DUP, MLOAD, LOAD, 1, ADD, SWAP, MSTORE, /* mem[x&63] += acc */
    /* 54 */ LOAD, 3, PUSH, 1, ADD, DUP, STORE, 3, PUSH, 100, LT, JNZ, 12, /* if (++j < 100) goto inner */
    /* 67 */ LOAD, 0, PUSH, 1, ADD, DUP, STORE, 0, PUSH, 21700, LT, JNZ, 8, /* if (++i < N) goto loop */
    /* 80 */ 0, /* placeholder replaced below so the table above stays readable */
};

/* f(v) = v * 3 - (v >> 2) + 7, the callee body */
static const int32_t callee[] = {DUP, PUSH, 3, MUL, SWAP, PUSH, 2, SHR, SUB, PUSH, 7, ADD, RET};

int main(void)
{
    static int32_t code[256];
    int n = (int)(sizeof prog / sizeof prog[0]) - 1;
    for (int i = 0; i < n; i++)
        code[i] = prog[i];
    code[n++] = HALT; /* index 80 is where main ends: move callee after it */
    int callee_at = n;
    for (unsigned i = 0; i < sizeof callee / sizeof callee[0]; i++)
        code[n++] = callee[i];
    code[31] = callee_at; /* patch CALL target */

    int32_t stack[64], vars[4] = {0}, mem[64] = {0};
    int32_t rstack[16];
    int sp = 0, rsp = 0, pc = 0;
    uint64_t executed = 0;
    uint32_t ops[HALT + 1] = {0};
    for (;;) {
        int32_t op = code[pc++];
        executed++;
        ops[op]++;
        switch (op) {
        case PUSH: stack[sp++] = code[pc++]; break;
        case LOAD: stack[sp++] = vars[code[pc++]]; break;
        case STORE: vars[code[pc++]] = stack[--sp]; break;
        case ADD: sp--; stack[sp - 1] = (int32_t)((uint32_t)stack[sp - 1] + (uint32_t)stack[sp]); break;
        case SUB: sp--; stack[sp - 1] = (int32_t)((uint32_t)stack[sp - 1] - (uint32_t)stack[sp]); break;
        case MUL: sp--; stack[sp - 1] = (int32_t)((uint32_t)stack[sp - 1] * (uint32_t)stack[sp]); break;
        case AND: sp--; stack[sp - 1] &= stack[sp]; break;
        case XOR: sp--; stack[sp - 1] ^= stack[sp]; break;
        case SHR: sp--; stack[sp - 1] = (int32_t)((uint32_t)stack[sp - 1] >> (stack[sp] & 31)); break;
        case SHL: sp--; stack[sp - 1] = (int32_t)((uint32_t)stack[sp - 1] << (stack[sp] & 31)); break;
        case DUP: stack[sp] = stack[sp - 1]; sp++; break;
        case DROP: sp--; break;
        case SWAP: { int32_t t = stack[sp - 1]; stack[sp - 1] = stack[sp - 2]; stack[sp - 2] = t; } break;
        case JNZ: { int32_t target = code[pc++]; if (stack[--sp]) pc = target; } break;
        case JMP: pc = code[pc]; break;
        case LT: sp--; stack[sp - 1] = stack[sp - 1] < stack[sp]; break;
        case CALL: rstack[rsp++] = pc + 1; pc = code[pc]; break;
        case RET: pc = rstack[--rsp]; break;
        case MLOAD: stack[sp - 1] = mem[stack[sp - 1] & 63]; break;
        case MSTORE: sp -= 2; mem[stack[sp + 1] & 63] = stack[sp]; break;
        case HALT: goto done;
        default: printf("bad opcode %d at %d\n", op, pc - 1); return 1;
        }
    }
done:;
    uint32_t h = 0;
    for (int i = 0; i < 64; i++)
        h = h * 31 + (uint32_t)mem[i];
    printf("interp: %llu bytecodes, acc=%08x mem=%08x sp=%d", (unsigned long long)executed, (uint32_t)vars[1], h, sp);
    printf(" (top ops: %s %u, %s %u)\n", names[PUSH], ops[PUSH], names[LOAD], ops[LOAD]);
    return 0;
}
