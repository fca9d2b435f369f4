#!/usr/bin/env bash
# Builds the ARM conformance programs: every arm/NAME.c and arm/NAME.S becomes
# OUTDIR/NAME (default testsuites/conformance/out/arm), a static armel binary.
#
#   compiler : arm-linux-gnueabi-gcc -static -O2 (Debian armel: ARMv5TE, soft-float)
#   per file : a line "build-flags: ..." in the source adds flags, e.g.
#              v7.S        -march=armv7-a           (v6/v7 instructions)
#              calc_thumb  -mthumb                  (Thumb-1)
#              calc_thumb2 -mthumb -march=armv7-a   (Thumb-2)
#              threads.c   -pthread, float.c -lm
#   .S files : those including lib/harness.inc are linked with lib/asmrt.c
#
# Incremental: a program is rebuilt only when its source, anything in arm/lib/
# or this script is newer than the binary.
# Exit codes: 0 built (or up to date), 1 a build failed, 3 cross compiler missing.
set -u
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
src="$here/arm"
out="${1:-$here/out/arm}"
CC="${CC_ARM:-arm-linux-gnueabi-gcc}"

if ! command -v "$CC" >/dev/null 2>&1; then
    echo "SKIP: $CC not found (apt-get install gcc-arm-linux-gnueabi libc6-dev-armel-cross)" >&2
    exit 3
fi
mkdir -p "$out"
out="$(cd "$out" && pwd)"

newest_dep=("$here/build.sh" "$src"/lib/*)
built=0 uptodate=0 failed=0
for f in "$src"/*.c "$src"/*.S; do
    [ -e "$f" ] || continue
    base="$(basename "$f")"
    name="${base%.*}"
    bin="$out/$name"
    stale=0
    if [ ! -e "$bin" ] || [ "$f" -nt "$bin" ]; then
        stale=1
    else
        for d in "${newest_dep[@]}"; do
            if [ "$d" -nt "$bin" ]; then stale=1; break; fi
        done
    fi
    if [ "$stale" = 0 ]; then
        uptodate=$((uptodate + 1))
        continue
    fi
    # shellcheck disable=SC2207
    flags=($(sed -n 's/.*build-flags:[[:space:]]*\([^*]*\).*/\1/p' "$f" | head -n 1))
    extra=()
    if [[ "$base" == *.S ]] && grep -q 'lib/harness.inc' "$f"; then
        extra=("$src/lib/asmrt.c")
    fi
    echo "  CC  $name ${flags[*]:-}"
    if (cd "$src" && "$CC" -static -O2 -Wall -o "$bin.tmp" "${flags[@]}" "$f" "${extra[@]}" -lm); then
        mv -f "$bin.tmp" "$bin"
        built=$((built + 1))
    else
        rm -f "$bin.tmp"
        echo "FAILED: $name" >&2
        failed=$((failed + 1))
    fi
done
echo "conformance (arm): $built built, $uptodate up to date, $failed failed -> $out"
[ "$failed" = 0 ] || exit 1
