#!/usr/bin/env python3
"""Runs FPU instruction sequences under qemu-mipsel and qemu-mips and records what they do.

Input: case files, one case a line:   NAME | asm; asm; ... | init tokens
  init tokens: fN=hex32  dN=hex64 (F[N] low word, F[N+1] high word)  fcsr=hex32
               rN=hex32 or rN=@off (the address of the data buffer plus off)  mN=hex32 (data word N)
  Unnamed state gets fill values (F[n] = c0de0000+n, R[n] = 1000+n, m[n] = dead0000+n).
  GPRs usable by cases: 2..15, 24, 25. Branch targets are local labels (1f) inside the case.
Output: Data/qemu-expected.cases, one case a line:  NAME | words | init | result,  where result
  lists the F halves, GPRs (not @-initialised ones) and data words that changed, the final fcsr,
  and for a signal sig=N code=si_code with F from the signal context and fcsr as the handler reads
  it. A case the byte orders disagree on has a result for each:
  NAME | words | init | mipsel: result | mips: result

The test suite reads the output files only; it never needs qemu. Usage:
  qemu_probe.py cases.txt random_cases.txt ../Data
"""
import os, subprocess, sys, tempfile

GPRS = list(range(2, 16)) + [24, 25]
NMEM = 16

def parse_case(line):
    name, asm, init = [p.strip() for p in line.split('|')]
    tokens = init.split()
    return name, [a.strip() for a in asm.split(';') if a.strip()], tokens

def initial_state(tokens):
    f = [0xC0DE0000 + n for n in range(32)]
    r = {n: ('v', 0x1000 + n) for n in GPRS}
    m = [0xDEAD0000 + n for n in range(NMEM)]
    fcsr = 0
    for t in tokens:
        k, v = t.split('=')
        if k == 'fcsr': fcsr = int(v, 16)
        elif k[0] == 'f': f[int(k[1:])] = int(v, 16)
        elif k[0] == 'd':
            n = int(k[1:]); x = int(v, 16); f[n] = x & 0xFFFFFFFF; f[n + 1] = x >> 32
        elif k[0] == 'r':
            n = int(k[1:]); assert n in GPRS, t
            r[n] = ('@', int(v[1:], 16)) if v.startswith('@') else ('v', int(v, 16))
        elif k[0] == 'm': m[int(k[1:])] = int(v, 16)
        else: raise ValueError(t)
    return f, r, m, fcsr

HEADER = r'''
#include <setjmp.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <ucontext.h>
struct st { uint32_t f[32]; uint32_t fcsr; uint32_t r[32]; };
struct io { struct st in, out; };
#define NMEM %d
static uint32_t mem[NMEM] __attribute__((aligned(16)));
static sigjmp_buf jb;
static volatile int sig, code;
static struct st sigst;
static void handler(int s, siginfo_t *si, void *p)
{
    ucontext_t *uc = p;
    sig = s; code = si->si_code;
    for (int i = 0; i < 32; i++) {
        uint64_t d; memcpy(&d, &uc->uc_mcontext.fpregs.fp_r.fp_dregs[i], 8);
        sigst.f[i] = (uint32_t)d;
    }
    /* qemu-user leaves sc_fpc_csr zero: read the live FCSR instead */
    uint32_t fcsr; __asm__ volatile("cfc1 %%0,$31" : "=r"(fcsr)); sigst.fcsr = fcsr;
    siglongjmp(jb, 1);
}
''' % NMEM

def case_asm(i, insns):
    L = []
    emit = L.append
    emit('.text\n.set noreorder\n.set nomacro\n.globl case%d\n.ent case%d\ncase%d:' % (i, i, i))
    emit('addiu $sp,$sp,-16\nsw $16,0($sp)\nsw $31,4($sp)\nmove $16,$4')
    for n in range(32): emit('lwc1 $f%d,%d($16)' % (n, 4 * n))
    emit('lw $8,128($16)\nctc1 $8,$31')
    for n in GPRS: emit('lw $%d,%d($16)' % (n, 132 + 4 * n))
    emit('.globl case%d_start\ncase%d_start:' % (i, i))
    for a in insns: emit(a)
    emit('.globl case%d_end\ncase%d_end:' % (i, i))
    out = 260
    for n in GPRS: emit('sw $%d,%d($16)' % (n, out + 132 + 4 * n))
    emit('cfc1 $8,$31\nsw $8,%d($16)' % (out + 128))
    for n in range(32): emit('swc1 $f%d,%d($16)' % (n, out + 4 * n))
    emit('lw $16,0($sp)\nlw $31,4($sp)\njr $31\naddiu $sp,$sp,16\n.end case%d' % i)
    return '\n'.join(L)

def build_program(cases):
    src = [HEADER]
    for i, (_, insns, _) in enumerate(cases):
        src.append('__asm__(%s);' % ' '.join('"%s\\n"' % l for l in case_asm(i, insns).split('\n')))
        src.append('void case%d(struct io *); extern uint32_t case%d_start[], case%d_end[];' % (i, i, i))
    src.append('static void run(int id, void (*fn)(struct io *), uint32_t *s, uint32_t *e, struct io *io, const uint32_t *m0) {')
    src.append('  memcpy(mem, m0, sizeof mem); sig = 0; code = 0;')
    src.append('  printf("case %d words", id); for (uint32_t *p = s; p < e; p++) printf(" %08x", *p); printf("\\n");')
    src.append('  if (sigsetjmp(jb, 1) == 0) fn(io); else io->out = sigst;')
    src.append('  printf("case %d sig %d %d fcsr %08x\\n", id, sig, code, io->out.fcsr);')
    src.append('  printf("case %d f", id); for (int i = 0; i < 32; i++) printf(" %08x", io->out.f[i]); printf("\\n");')
    src.append('  printf("case %d r", id); for (int i = 0; i < 32; i++) printf(" %08x", io->out.r[i]); printf("\\n");')
    src.append('  printf("case %d m", id); for (int i = 0; i < NMEM; i++) printf(" %08x", mem[i]); printf("\\n");')
    src.append('}')
    src.append('int main(void) {')
    src.append('  struct sigaction sa; memset(&sa, 0, sizeof sa); sa.sa_sigaction = handler; sa.sa_flags = SA_SIGINFO | SA_NODEFER;')
    src.append('  sigaction(SIGFPE, &sa, 0); sigaction(SIGILL, &sa, 0); sigaction(SIGSEGV, &sa, 0); sigaction(SIGBUS, &sa, 0);')
    src.append('  static struct io io;')
    for i, (_, _, (f, r, m, fcsr)) in enumerate(cases):
        src.append('  { static const uint32_t m0[] = {%s};' % ','.join('0x%x' % x for x in m))
        src.append('    memset(&io, 0, sizeof io); io.in.fcsr = 0x%x;' % fcsr)
        for n in range(32): src.append('    io.in.f[%d] = 0x%x;' % (n, f[n]))
        for n, (kind, v) in r.items():
            src.append('    io.in.r[%d] = %s;' % (n, '0x%x' % v if kind == 'v' else '(uint32_t)(uintptr_t)mem + 0x%x' % v))
        src.append('    run(%d, case%d, case%d_start, case%d_end, &io, m0); }' % (i, i, i, i))
    src.append('  return 0; }')
    return '\n'.join(src)

def run_qemu(gcc, qemu, program, workdir):
    c = os.path.join(workdir, 'probe.c'); exe = os.path.join(workdir, 'probe-' + qemu)
    with open(c, 'w') as fh: fh.write(program)
    subprocess.run([gcc, '-static', '-O1', '-mhard-float', '-mfp32', '-march=mips32r2', '-o', exe, c], check=True)
    out = subprocess.run([qemu, exe], check=True, capture_output=True, text=True).stdout
    res = {}
    for line in out.splitlines():
        parts = line.split()
        res.setdefault(int(parts[1]), {})[parts[2]] = parts[3:]
    return res

def result_tokens(case, res):
    _, _, (f, r, m, fcsr) = case
    toks = []
    sig = int(res['sig'][0])
    if sig: toks.append('sig=%d code=%d' % (sig, int(res['sig'][1])))
    toks.append('fcsr=%s' % res['sig'][3])
    for n, x in enumerate(res['f']):
        if int(x, 16) != f[n]: toks.append('f%d=%s' % (n, x))
    if not sig:
        for n, x in enumerate(res['r']):
            if n in r and r[n][0] == 'v' and int(x, 16) != r[n][1]: toks.append('r%d=%s' % (n, x))
    for n, x in enumerate(res['m']):
        if int(x, 16) != m[n]: toks.append('m%d=%s' % (n, x))
    return ' '.join(toks)

HEADER_CASES = """\
# Generated by Fpu/tools/qemu_probe.py from Fpu/tools/cases.txt and random_cases.txt under qemu-mipsel
# and qemu-mips 7.2: do not edit; rerun the script (from Fpu/tools: qemu_probe.py cases.txt random_cases.txt ../Data).
# One case a line:  NAME | words | init | result
#   result: what both byte orders left (changed F halves, GPRs and data words, the final fcsr, sig= code= for a signal).
# A case the byte orders disagree on has a result for each:  NAME | words | init | mipsel: result | mips: result
"""

def main():
    *sources, outdir = sys.argv[1:]
    cases = []
    for line in (l for src in sources for l in open(src)):
        line = line.strip()
        if not line or line.startswith('#'): continue
        name, insns, tokens = parse_case(line)
        cases.append((name, insns, initial_state(tokens), ' '.join(tokens)))
    program = build_program([(n, i, s) for n, i, s, _ in cases])
    with tempfile.TemporaryDirectory() as work:
        el = run_qemu('mipsel-linux-gnu-gcc', 'qemu-mipsel', program, work)
        eb = run_qemu('mips-linux-gnu-gcc', 'qemu-mips', program, work)
    lines = []
    for i, (name, insns, state, init) in enumerate(cases):
        words = ' '.join(el[i]['words'])
        assert words == ' '.join(eb[i]['words']), name   # words are instruction values, alike in both orders
        little, big = (result_tokens((name, insns, state), res[i]) for res in (el, eb))
        result = little if little == big else 'mipsel: %s | mips: %s' % (little, big)
        lines.append('%s | %s | %s | %s\n' % (name, words, init, result))
    with open(os.path.join(outdir, 'qemu-expected.cases'), 'w') as fh:
        fh.write(HEADER_CASES + ''.join(lines))

if __name__ == '__main__':
    main()
