#!/usr/bin/env bash
# Rebuilds the demo binaries embedded in the CLI (`crossemu demo` runs them in turn):
#   testsuites/demo/demo.c -> tools/CrossEmu.Cli/Demo/demo-arm.elf     arm-linux-gnueabi-gcc (ARMv5TE, soft-float)
#                          -> tools/CrossEmu.Cli/Demo/demo-mipsel.elf  mipsel-linux-gnu-gcc (MIPS32r2, hard float)
# both -static -O2 -s.  The binaries are committed so the CLI builds without cross
# compilers; rebuild them only when demo.c changes, then refresh the expected output:
#   qemu-arm tools/CrossEmu.Cli/Demo/demo-arm.elf > testsuites/demo/demo.expected
#   qemu-mipsel tools/CrossEmu.Cli/Demo/demo-mipsel.elf > testsuites/demo/demo-mipsel.expected
#
#   build.sh [-f] [arm|mipsel...]     -f: rebuild even when up to date; default: both
# Exit codes: 0 ok, 1 build failed, 3 a cross compiler missing.
set -u
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
force=0
if [ "${1:-}" = "-f" ]; then force=1; shift; fi
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(arm mipsel)

build() { # TARGET CC QEMU EXPECTED
    local t="$1" cc="$2" qemu="$3" expected="$here/$4" out="$root/tools/CrossEmu.Cli/Demo/demo-$1.elf"
    if ! command -v "$cc" >/dev/null 2>&1; then
        echo "SKIP $t: $cc not found" >&2
        return 3
    fi
    if [ -e "$out" ] && [ "$out" -nt "$here/demo.c" ] && [ "$out" -nt "$here/build.sh" ] && [ "$force" = 0 ]; then
        echo "demo: up to date ($out)"
        return 0
    fi
    "$cc" -static -O2 -s -Wall -o "$out.tmp" "$here/demo.c" || return 1
    mv -f "$out.tmp" "$out"
    echo "demo: built $out ($(stat -c %s "$out") bytes)"
    if command -v "$qemu" >/dev/null 2>&1; then
        if "$qemu" "$out" | cmp -s - "$expected"; then
            echo "demo: output under $qemu matches $(basename "$expected")"
        else
            echo "demo: output under $qemu differs from $(basename "$expected") (refresh it if demo.c changed)" >&2
        fi
    fi
}

status=0
for t in "${targets[@]}"; do
    case "$t" in
        arm) build arm "${CC_ARM:-arm-linux-gnueabi-gcc}" qemu-arm demo.expected ;;
        mipsel) build mipsel "${CC_MIPSEL:-mipsel-linux-gnu-gcc}" qemu-mipsel demo-mipsel.expected ;;
        *) echo "unknown demo target $t (arm, mipsel)" >&2; false ;;
    esac
    rc=$?
    [ "$rc" = 0 ] || status=$rc
done
exit "$status"
