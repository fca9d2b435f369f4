/* Support routines linked into every assembly conformance program (NAME.S).
 *
 * The assembly side loads registers, sets the flags, runs the instruction under
 * test, stores the registers and CPSR into the globals below and calls a rep_*
 * function with the instruction text.  Output never contains an address: memory
 * results are printed as offsets from the middle of membuf. */
#include <stdint.h>
#include <stdio.h>

uint32_t alu_in[5];   /* r0..r3, flags given to msr cpsr_fs */
uint32_t alu_out[5];  /* r0..r3, cpsr read back with mrs   */
uint32_t mem_out[8];  /* r0..r7 after a memory test (r4 = base register) */
uint8_t membuf[8192] __attribute__((aligned(16)));

#define MEMMID 4096

/* "NZCVQ:g": set flags as letters, clear ones as '-', then GE[3:0] in hex. */
static const char *flagstr(uint32_t c, char *s)
{
    s[0] = (c & 0x80000000u) ? 'N' : '-';
    s[1] = (c & 0x40000000u) ? 'Z' : '-';
    s[2] = (c & 0x20000000u) ? 'C' : '-';
    s[3] = (c & 0x10000000u) ? 'V' : '-';
    s[4] = (c & 0x08000000u) ? 'Q' : '-';
    s[5] = ':';
    s[6] = "0123456789abcdef"[(c >> 16) & 0xf];
    s[7] = 0;
    return s;
}

void rep_alu(const char *insn)
{
    char a[8], b[8];
    printf("%-30s %08x %08x %08x %08x %s -> %08x %08x %08x %08x %s\n",
           insn, alu_in[0], alu_in[1], alu_in[2], alu_in[3], flagstr(alu_in[4], a),
           alu_out[0], alu_out[1], alu_out[2], alu_out[3], flagstr(alu_out[4], b));
}

static uint8_t pattern(unsigned i) { return (uint8_t)(i * 37u + 0x85u); }

void mem_reset(void)
{
    for (unsigned i = 0; i < sizeof membuf; i++)
        membuf[i] = pattern(i);
}

void rep_mem(const char *insn)
{
    int32_t base = (int32_t)(mem_out[4] - (uint32_t)(uintptr_t)(membuf + MEMMID));
    printf("%-34s r0=%08x r1=%08x r2=%08x r3=%08x base%+d r5=%08x r6=%08x r7=%08x",
           insn, mem_out[0], mem_out[1], mem_out[2], mem_out[3], (int)base,
           mem_out[5], mem_out[6], mem_out[7]);
    for (unsigned w = 0; w < sizeof membuf; w += 4) {
        uint32_t v = (uint32_t)membuf[w] | (uint32_t)membuf[w + 1] << 8 |
                     (uint32_t)membuf[w + 2] << 16 | (uint32_t)membuf[w + 3] << 24;
        uint32_t p = (uint32_t)pattern(w) | (uint32_t)pattern(w + 1) << 8 |
                     (uint32_t)pattern(w + 2) << 16 | (uint32_t)pattern(w + 3) << 24;
        if (v != p)
            printf(" m[%+d]=%08x", (int)w - MEMMID, v);
    }
    putchar('\n');
}
