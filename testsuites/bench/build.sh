#!/usr/bin/env bash
# Builds the benchmark programs (every NAME.c here, including hello.c) per guest and natively:
#   OUTDIR/ARCH/NAME    the target's cross compiler -static -O2 -pthread (run by CrossEmu and its qemu-user),
#                       for each target of ../conformance/targets.sh (arm, mips, mipsel)
#   OUTDIR/x86_64/NAME  gcc -static -O2 -pthread             (the native baseline)
#   OUTDIR/tools/NAME   gcc -O2 of tools/NAME.c: the harness's helpers (peakrss)
#
#   build.sh [OUTDIR [ARCH...]]    OUTDIR defaults to testsuites/bench/out, ARCH to every target
#
# Incremental: a binary is rebuilt only when its source or this script is newer.
# Exit codes: 0 ok, 1 a build failed, 3 a guest cross compiler is missing (the
# others are still built).  A missing native gcc or static glibc (libc6-dev) only
# skips the x86_64 builds.
set -u
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
out="${1:-$here/out}"
shift || true
# The targets and their cross toolchains are declared once, for every build script.
. "$here/../conformance/targets.sh"
archs=("$@")
[ ${#archs[@]} -gt 0 ] || archs=("${CONFORMANCE_TARGETS[@]}")
CC_HOST="${CC_HOST:-gcc}"
mkdir -p "$out"
out="$(cd "$out" && pwd)"

cross_cc() { target_cc "$1"; }
cross_pkgs() { target_packages "$1"; }

have_host=1 missing_cross=0
usable=()
for a in "${archs[@]}"; do
    if command -v "$(cross_cc "$a")" >/dev/null 2>&1; then
        usable+=("$a")
    else
        missing_cross=1
        echo "SKIP $a: $(cross_cc "$a") not found (apt-get install $(cross_pkgs "$a"))" >&2
    fi
done
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
    if "$cc" -static -O2 -Wall -pthread -o "$bin.tmp" "$src"; then
        mv -f "$bin.tmp" "$bin"
        built=$((built + 1))
    else
        rm -f "$bin.tmp"
        echo "FAILED: $arch/$name" >&2
        failed=$((failed + 1))
    fi
}

for src in "$here"/*.c; do
    for a in "${usable[@]}"; do build "$(cross_cc "$a")" "$a" "$src"; done
    [ "$have_host" = 1 ] && build "$CC_HOST" x86_64 "$src"
done
if [ "$have_host" = 1 ]; then
    for src in "$here"/tools/*.c; do build "$CC_HOST" tools "$src"; done
fi
echo "bench: $built built, $failed failed -> $out"
[ "$failed" = 0 ] || exit 1
[ "$missing_cross" = 0 ] || exit 3
exit 0
