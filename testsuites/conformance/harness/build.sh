#!/usr/bin/env bash
# Builds the differential-execution harness for arm, mips and mipsel into
# tools/CrossEmu.Conformance/Differential/Harness/ (the conformance command embeds them).
# Run it after changing harness.c or an ISA header, and commit the results.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
out="$here/../../../tools/CrossEmu.Conformance/Differential/Harness"
mkdir -p "$out"
common=(-static -nostdlib -ffreestanding -fno-builtin -fno-stack-protector -O2 -Wall -Wextra -Wno-unused-parameter -I"$here")
build() {
    local target=$1 cc=$2 header=$3; shift 3
    "$cc" "${common[@]}" "$@" -DISA_HEADER="\"$header\"" "$here/harness.c" -o "$out/harness-$target.elf"
    echo "built $out/harness-$target.elf"
}
build arm arm-linux-gnueabi-gcc arm.h -marm -march=armv7-a -mfloat-abi=soft -Wl,-Ttext-segment=0x10000
build mips mips-linux-gnu-gcc mips.h -mno-abicalls -fno-pic -msoft-float -G0 -march=mips32r2 -Wl,-Ttext-segment=0x400000
build mipsel mipsel-linux-gnu-gcc mips.h -mno-abicalls -fno-pic -msoft-float -G0 -march=mips32r2 -Wl,-Ttext-segment=0x400000
