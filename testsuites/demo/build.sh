#!/usr/bin/env bash
# Rebuilds the demo binary embedded in the CLI (`crossemu demo`):
#   testsuites/demo/demo.c -> tools/CrossEmu.Cli/Demo/demo-arm.elf
# with arm-linux-gnueabi-gcc -static -O2 -s (ARMv5TE, soft-float, stripped).
# The binary is committed so the CLI builds without a cross compiler; rebuild
# it only when demo.c changes, then refresh demo.expected with
#   qemu-arm tools/CrossEmu.Cli/Demo/demo-arm.elf > testsuites/demo/demo.expected
# Exit codes: 0 ok, 1 build failed, 3 cross compiler missing.
set -eu
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
out="$root/tools/CrossEmu.Cli/Demo/demo-arm.elf"
CC="${CC_ARM:-arm-linux-gnueabi-gcc}"
if ! command -v "$CC" >/dev/null 2>&1; then
    echo "SKIP: $CC not found (apt-get install gcc-arm-linux-gnueabi libc6-dev-armel-cross)" >&2
    exit 3
fi
mkdir -p "$(dirname "$out")"
if [ -e "$out" ] && [ "$out" -nt "$here/demo.c" ] && [ "$out" -nt "$here/build.sh" ] && [ "${1:-}" != "-f" ]; then
    echo "demo: up to date ($out)"
    exit 0
fi
"$CC" -static -O2 -s -Wall -o "$out.tmp" "$here/demo.c"
mv -f "$out.tmp" "$out"
echo "demo: built $out ($(stat -c %s "$out") bytes)"
if command -v qemu-arm >/dev/null 2>&1; then
    if qemu-arm "$out" | cmp -s - "$here/demo.expected"; then
        echo "demo: output under qemu-arm matches demo.expected"
    else
        echo "demo: output under qemu-arm differs from demo.expected (refresh it if demo.c changed)" >&2
    fi
fi
