/* Differential-execution harness (see README.md). The conformance command patches the code of
 * up to MAX_SEQUENCES instruction sequences and their initial states into this image, runs it
 * under CrossEmu and under qemu-user, and compares the records written to argv[1].
 *
 * Each sequence is started and ended by a trap. At the start trap the signal handler saves the
 * harness's own registers and loads the sequence's initial state into the signal frame, so
 * sigreturn sets every register (and flag) at once and resumes at the sequence. The sequence
 * runs into its end trap (or faults); the handler records the state and the window words it
 * changed, restores the window, puts the saved registers back in the frame and returns into the
 * harness after its start trap. Handlers run on an alternate stack: sequences may change sp. */
#include ISA_HEADER


__attribute__((section(".seqparams"), used)) struct params params = { HARNESS_MAGIC, 0, 0, 0 };
__attribute__((section(".seqinit"), used)) struct init inits[MAX_SEQUENCES] = { [0] = { .diff_to = 1 } };
extern uint32_t seqcode[MAX_SEQUENCES][SLOT_WORDS];
#define STR_(x) #x
#define STR(x) STR_(x)
__asm__(".section .seqcode,\"ax\",%progbits\n.balign 64\n.globl seqcode\nseqcode:\n"
        ".fill " STR(MAX_SEQUENCES * SLOT_WORDS) ",4,0\n.previous\n");
/* run_sequence (in the ISA header): its first word is the start trap, then it returns. */
extern void run_sequence(void);
#define START_TRAP ((uint32_t)run_sequence)

/* In a section of its own so the conformance command finds its address in the section headers. */
__attribute__((section(".seqwindow"), aligned(4096))) uint8_t window[WINDOW_BYTES] = { 1 };
static uint8_t pristine[WINDOW_BYTES] __attribute__((aligned(4096)));
static uint8_t altstack[65536] __attribute__((aligned(16)));
static uint32_t out[16384];
static uint32_t out_used;
static int out_fd;
static uint32_t saved[CONTEXT_WORDS];
static volatile uint32_t current;
static volatile int running;

static void flush(void)
{
    uint32_t done = 0, bytes = out_used * 4;
    while (done < bytes) {
        long n = sys3(SYS_write, out_fd, (long)((char *)out + done), bytes - done);
        if (n <= 0) sys3(SYS_exit_group, 3, 0, 0);
        done += n;
    }
    out_used = 0;
}

static void emit(uint32_t w)
{
    if (out_used == sizeof out / 4) flush();
    out[out_used++] = w;
}

static void record(uint32_t sig, uint32_t code, uint32_t addr, void *uc)
{
    uint32_t regs[NREGS], extra[NEXTRA];
    dump_state(uc, regs, extra);
    emit(RECORD_MAGIC);
    emit(current);
    emit(sig);
    emit(code);
    emit(addr);
    emit(uc_pc(uc));
    for (int i = 0; i < NREGS; i++) emit(regs[i]);
    for (int i = 0; i < NEXTRA; i++) emit(extra[i]);
    /* Changed window words, counted first: collect into the output after a placeholder. */
    const struct init *in = &inits[current];
    if (out_used + 1 + 2 * (WINDOW_BYTES / 4) > sizeof out / 4) flush();
    uint32_t at = out_used++, changed = 0;
    uint32_t *w = (uint32_t *)window, *p = (uint32_t *)pristine;
    for (uint32_t o = in->diff_from & ~3u; o < in->diff_to && o < WINDOW_BYTES; o += 4)
        if (w[o / 4] != p[o / 4]) {
            out[out_used++] = o;
            out[out_used++] = w[o / 4];
            w[o / 4] = p[o / 4];
            changed++;
        }
    out[at] = changed;
}

static void handler(int sig, uint32_t *si, void *uc)
{
    uint32_t pc = uc_pc(uc);
    if (!running) {
        if (sig != SIG_ILL || pc != START_TRAP) sys3(SYS_exit_group, 100 + sig, 0, 0);
        save_context(uc, saved);
        load_state(uc, &inits[current]);
        clear_monitor();
        uc_set_pc(uc, (uint32_t)seqcode[current]);
        running = 1;
        return;
    }
    /* The end trap is a normal end; anything else is a fault inside the sequence. */
    int ended = sig == SIG_ILL && pc >= (uint32_t)seqcode[current] && pc < (uint32_t)seqcode[current + 1]
                && *(uint32_t *)pc == TRAP_WORD;
    record(ended ? 0 : sig, ended ? 0 : si_code_of(si), ended ? 0 : si[3], uc);
    restore_context(uc, saved);
    uc_set_pc(uc, START_TRAP + 4);
    running = 0;
}

static uint32_t xorshift(uint32_t *s)
{
    uint32_t x = *s;
    x ^= x << 13; x ^= x >> 17; x ^= x << 5;
    return *s = x;
}

void cmain(uint32_t *sp)
{
    char **argv = (char **)(sp + 1);
    if (sp[0] < 2) sys3(SYS_exit_group, 2, 0, 0);
    out_fd = sys3(SYS_open, (long)argv[1], O_WRONLY_CREAT_TRUNC, 0644);
    if (out_fd < 0) sys3(SYS_exit_group, 2, 0, 0);
    params.window = (uint32_t)window;
    uint32_t s = params.fill_seed | 1;
    for (int i = 0; i < WINDOW_BYTES / 4; i++) ((uint32_t *)window)[i] = ((uint32_t *)pristine)[i] = xorshift(&s);

    struct kstack st;
    make_stack(&st, altstack, sizeof altstack);
    sys3(SYS_sigaltstack, (long)&st, 0, 0);
    struct ksigaction act;
    make_action(&act, (void *)handler);
    int sigs[] = { SIG_ILL, SIG_TRAP, SIG_BUS, SIG_FPE, SIG_SEGV };
    for (int i = 0; i < 5; i++) sys4(SYS_rt_sigaction, sigs[i], (long)&act, 0, sizeof act.mask);

    for (uint32_t i = 0; i < params.count && i < MAX_SEQUENCES; i++) {
        current = i;
        run_sequence();
    }
    flush();
    sys3(SYS_exit_group, 0, 0, 0);
}
