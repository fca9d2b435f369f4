#!/usr/bin/env bash
# Builds the conformance programs of each target (targets.sh): every common/NAME.c and
# ARCHDIR/NAME.c / NAME.S becomes out/TARGET/NAME, a static binary.
#
#   build.sh [TARGET...]      targets: arm mips mipsel (default: all three)
#   CONFORMANCE_OUT=dir       output root instead of testsuites/conformance/out
#   gdb/NAME.c                becomes out/TARGET/gdb/NAME (-g -O0), for the gdb stub tests
#   limits/NAME.c             becomes out/TARGET/limits/NAME (-O2), for the resource limit tests
#
#   compilers: arm-linux-gnueabi-gcc (armel: ARMv5TE, soft-float), mips-linux-gnu-gcc and
#              mipsel-linux-gnu-gcc (MIPS32r2, o32, hard float), all -static -O2
#   per file : a line "build-flags: ..." in the source adds flags, e.g.
#              arm/v7.S          -march=armv7-a           (v6/v7 instructions)
#              arm/calc_thumb.c  -mthumb                  (Thumb-1)
#              common/threads.c  -pthread
#   .S files : those including lib/harness.inc are linked with ARCHDIR/lib/asmrt.c (arm) or asmrt.S (mips)
#
# Incremental: a program is rebuilt only when its source, anything in common/lib or
# ARCHDIR/lib, targets.sh or this script is newer than the binary.
# Exit codes: 0 built (or up to date), 1 a build failed, 3 a cross compiler missing
# (the targets that have one are still built).
set -u
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
. "$here/targets.sh"
outroot="${CONFORMANCE_OUT:-$here/out}"
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=("${CONFORMANCE_TARGETS[@]}")

build_target() { # TARGET
    local t="$1" cc archdir out
    cc="$(target_cc "$t")"
    archdir="$here/$(target_dir "$t")" || { echo "unknown target $t (known: ${CONFORMANCE_TARGETS[*]})" >&2; return 1; }
    if ! command -v "$cc" >/dev/null 2>&1; then
        echo "SKIP $t: $cc not found (apt-get install $(target_packages "$t"))" >&2
        return 3
    fi
    out="$outroot/$t"
    mkdir -p "$out"
    # shellcheck disable=SC2207
    local libs=($(target_libs "$t"))
    local deps=("$here/build.sh" "$here/targets.sh" "$here"/common/lib/* "$archdir"/lib/*)
    local built=0 uptodate=0 failed=0 f base name bin stale d
    while read -r f; do
        base="$(basename "$f")"
        name="${base%.*}"
        bin="$out/$name"
        stale=0
        if [ ! -e "$bin" ] || [ "$f" -nt "$bin" ]; then
            stale=1
        else
            for d in "${deps[@]}"; do
                if [ -e "$d" ] && [ "$d" -nt "$bin" ]; then stale=1; break; fi
            done
        fi
        if [ "$stale" = 0 ]; then
            uptodate=$((uptodate + 1))
            continue
        fi
        # shellcheck disable=SC2207
        local flags=($(sed -n 's/.*build-flags:[[:space:]]*\([^*]*\).*/\1/p' "$f" | head -n 1))
        local extra=()
        if [[ "$base" == *.S ]] && grep -q 'lib/harness.inc' "$f"; then
            extra=("$archdir"/lib/asmrt.[cS])
        fi
        echo "  CC  $t/$name ${flags[*]:-}"
        if (cd "$(dirname "$f")" && "$cc" -static -O2 -Wall -o "$bin.tmp" "${flags[@]}" "$f" "${extra[@]}" "${libs[@]}"); then
            mv -f "$bin.tmp" "$bin"
            built=$((built + 1))
        else
            rm -f "$bin.tmp"
            echo "FAILED: $t/$name" >&2
            failed=$((failed + 1))
        fi
    done < <(target_sources "$t")
    echo "conformance ($t): $built built, $uptodate up to date, $failed failed -> $out"
    [ "$failed" = 0 ] || return 1
}

# Programs in a directory of their own, for tests other than the conformance comparison:
#   gdb/NAME.c     the gdb stub's: debug info and no optimisation, so gdb sees every variable, and NAME-pie,
#                  the same as a dynamically linked PIE (run with -L /usr/TRIPLET, where the cross libc lives);
#   limits/NAME.c  programs that push a process to its limits (thousands of threads, fork until EAGAIN), run
#                  by the CLI tests with chosen limits (too slow for the comparison, and their output depends on them).
# build_subdir TARGET SUBDIR PIE FLAGS...: SUBDIR/NAME.c becomes out/TARGET/SUBDIR/NAME, static with FLAGS
# (and out/TARGET/SUBDIR/NAME-pie when PIE is yes).
build_subdir() {
    local t="$1" sub="$2" pie="$3" cc f name bin
    shift 3
    cc="$(target_cc "$t")"
    command -v "$cc" >/dev/null 2>&1 || return 0
    mkdir -p "$outroot/$t/$sub"
    for f in "$here/$sub"/*.c; do
        name="$(basename "${f%.c}")"
        bin="$outroot/$t/$sub/$name"
        if [ -e "$bin" ] && [ "$bin" -nt "$f" ] && [ "$bin" -nt "$here/build.sh" ]; then continue; fi
        echo "  CC  $t/$sub/$name $*"
        "$cc" -static "$@" -o "$bin" "$f" -lpthread || { echo "FAILED: $t/$sub/$name" >&2; return 1; }
        [ "$pie" = yes ] || continue
        echo "  CC  $t/$sub/$name-pie $* -pie"
        "$cc" "$@" -fPIE -pie -o "$bin-pie" "$f" -lpthread || { echo "FAILED: $t/$sub/$name-pie" >&2; return 1; }
    done
}

status=0
for t in "${targets[@]}"; do
    build_subdir "$t" gdb yes -g -O0 || status=1
    build_subdir "$t" limits no -O2 || status=1
    build_target "$t"
    rc=$?
    if [ "$rc" = 1 ] || { [ "$rc" = 3 ] && [ "$status" = 0 ]; }; then status=$rc; fi
done
exit "$status"
