/* Differential-execution harness: what harness.c shares with the per-ISA headers and with
 * tools/CrossEmu.Conformance/Differential (HarnessLayout.cs reads these numbers). */
#ifndef HARNESS_H
#define HARNESS_H
#include <stdint.h>

#define HARNESS_MAGIC   0x43455348u   /* "HSEC": the params block, found by section name */
#define RECORD_MAGIC    0x21514553u   /* "SEQ!" heads each record */
#define MAX_SEQUENCES   1024
#define SLOT_WORDS      32            /* code words per sequence: the sequence, then the end trap */
#define WINDOW_BYTES    0x10000       /* scratch memory the sequences load from and store to */

/* Patched in by the conformance command (section .seqparams). */
struct params {
    uint32_t magic;
    uint32_t count;        /* sequences in this image */
    uint32_t fill_seed;    /* the window's pristine contents come from this */
    uint32_t window;       /* the window's address (filled in by the harness, read by the generator) */
};

/* One sequence's initial state (section .seqinit): general registers (the pc slot, if any, is
 * ignored), then the ISA's extra words (flags; hi, lo, FP registers, FCSR), then the part of the
 * window the sequence may touch, compared and restored afterwards. */
struct init {
    uint32_t regs[NREGS];
    uint32_t extra[NEXTRA];
    uint32_t diff_from, diff_to;   /* byte offsets into the window */
};

/* Each sequence's record on the output file: magic, index, signal (0 when it reached its end),
 * si_code, si_addr, pc, regs[NREGS], extra[NEXTRA], changed-word count, then (offset, value)
 * pairs for every window word that differs from the pristine contents. All words in the
 * guest's byte order. */
#endif
