/* calc.c: lib/calc.inc compiled for the target's default mode (ARM on armel,
 * MIPS32 on mips/mipsel); arm/calc_thumb*.c build the same code as Thumb. */
#include "lib/calc.inc"
