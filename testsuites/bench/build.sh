#!/usr/bin/env bash
# Builds the benchmark programs (every NAME.c here, including hello.c) twice:
#   OUTDIR/arm/NAME     arm-linux-gnueabi-gcc -static -O2   (run by CrossEmu and qemu-arm)
#   OUTDIR/x86_64/NAME  gcc -static -O2                      (the native baseline)
# OUTDIR defaults to testsuites/bench/out.  Incremental: a binary is rebuilt
# only when its source or this script is newer.
# Exit codes: 0 ok, 1 a build failed, 3 the ARM cross compiler is missing.
# A missing native gcc or static glibc (libc6-dev) only skips the x86_64 builds.
set -u
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
out="${1:-$here/out}"
CC_ARM="${CC_ARM:-arm-linux-gnueabi-gcc}"
CC_HOST="${CC_HOST:-gcc}"
mkdir -p "$out"
out="$(cd "$out" && pwd)"

have_arm=1 have_host=1
command -v "$CC_ARM" >/dev/null 2>&1 || { have_arm=0; echo "SKIP arm: $CC_ARM not found (apt-get install gcc-arm-linux-gnueabi libc6-dev-armel-cross)" >&2; }
if ! command -v "$CC_HOST" >/dev/null 2>&1; then
    have_host=0; echo "SKIP x86_64: $CC_HOST not found" >&2
elif ! echo 'int main(void){return 0;}' | "$CC_HOST" -static -x c -o /dev/null - 2>/dev/null; then
    have_host=0; echo "SKIP x86_64: static linking fails (apt-get install libc6-dev)" >&2
fi

failed=0 built=0
build() { # cc arch src
    local cc="$1" arch="$2" src="$3"
    local name bin
    name="$(basename "${src%.c}")"
    bin="$out/$arch/$name"
    mkdir -p "$out/$arch"
    if [ -e "$bin" ] && [ "$bin" -nt "$src" ] && [ "$bin" -nt "$here/build.sh" ]; then
        return
    fi
    echo "  CC  $arch/$name"
    if "$cc" -static -O2 -Wall -o "$bin.tmp" "$src"; then
        mv -f "$bin.tmp" "$bin"
        built=$((built + 1))
    else
        rm -f "$bin.tmp"
        echo "FAILED: $arch/$name" >&2
        failed=$((failed + 1))
    fi
}

for src in "$here"/*.c; do
    [ "$have_arm" = 1 ] && build "$CC_ARM" arm "$src"
    [ "$have_host" = 1 ] && build "$CC_HOST" x86_64 "$src"
done
echo "bench: $built built, $failed failed -> $out"
[ "$failed" = 0 ] || exit 1
[ "$have_arm" = 1 ] || exit 3
exit 0
