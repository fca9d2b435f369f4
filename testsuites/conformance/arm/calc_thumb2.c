/* calc_thumb2.c: lib/calc.inc compiled as Thumb-2 (ARMv7-A). */
/* build-flags: -mthumb -march=armv7-a */
#include "../common/lib/calc.inc"
