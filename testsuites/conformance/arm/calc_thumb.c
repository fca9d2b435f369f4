/* calc_thumb.c: lib/calc.inc compiled as Thumb-1 (ARMv5TE). */
/* build-flags: -mthumb */
#include "../common/lib/calc.inc"
