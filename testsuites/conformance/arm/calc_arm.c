/* calc_arm.c: lib/calc.inc compiled as ARM (ARMv5TE). */
#include "lib/calc.inc"
