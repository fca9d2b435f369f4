#!/usr/bin/env bash
# Runs every built conformance program under qemu-arm and compares its stdout
# with arm/NAME.expected and its exit status with arm/NAME.exitcode (0 when the
# file is absent).  Arguments come from arm/NAME.args (one line, split on
# blanks, no quoting).  Each program runs in a fresh scratch directory with
# stdin from /dev/null and core dumps off.  Prints PASS/FAIL per program.
#
#   check-qemu.sh [--regen] [OUTDIR]     (OUTDIR defaults to out/arm)
#
# --regen rewrites the .expected/.exitcode files from qemu-arm's behaviour;
# read the diff before committing it.
# Exit codes: 0 all pass, 1 some failed, 3 qemu-arm or the binaries missing.
set -u
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
src="$here/arm"
regen=0
if [ "${1:-}" = "--regen" ]; then regen=1; shift; fi
out="${1:-$here/out/arm}"
QEMU="${QEMU_ARM:-qemu-arm}"

if ! command -v "$QEMU" >/dev/null 2>&1; then
    echo "SKIP: $QEMU not found (apt-get install qemu-user)" >&2
    exit 3
fi
if [ ! -d "$out" ]; then
    echo "SKIP: $out does not exist; run $here/build.sh first" >&2
    exit 3
fi
out="$(cd "$out" && pwd)"
ulimit -c 0

scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT
pass=0 fail=0 missing=0
for f in "$src"/*.c "$src"/*.S; do
    [ -e "$f" ] || continue
    name="$(basename "${f%.*}")"
    bin="$out/$name"
    if [ ! -x "$bin" ]; then
        echo "MISSING $name (not built)"
        missing=$((missing + 1))
        continue
    fi
    args=()
    if [ -f "$src/$name.args" ]; then
        read -r -a args < "$src/$name.args"
    fi
    rundir="$scratch/$name"
    mkdir -p "$rundir"
    start=$(date +%s%N)
    # (the outer 2>/dev/null hides the shell's "Segmentation fault" job notice)
    { (cd "$rundir" && exec timeout 20 "$QEMU" "$bin" "${args[@]}" < /dev/null > "$scratch/$name.out" 2> "$scratch/$name.err"); } 2>/dev/null
    code=$?
    ms=$(( ($(date +%s%N) - start) / 1000000 ))
    if [ "$regen" = 1 ]; then
        cp "$scratch/$name.out" "$src/$name.expected"
        if [ "$code" = 0 ]; then rm -f "$src/$name.exitcode"; else echo "$code" > "$src/$name.exitcode"; fi
        echo "REGEN $name (exit $code, ${ms} ms)"
        continue
    fi
    want=0
    [ -f "$src/$name.exitcode" ] && want="$(tr -d '[:space:]' < "$src/$name.exitcode")"
    if [ ! -f "$src/$name.expected" ]; then
        echo "FAIL $name: no $name.expected"
        fail=$((fail + 1))
    elif ! cmp -s "$scratch/$name.out" "$src/$name.expected"; then
        echo "FAIL $name: stdout differs (exit $code, ${ms} ms)"
        diff "$src/$name.expected" "$scratch/$name.out" | head -n 10 | sed 's/^/    /'
        fail=$((fail + 1))
    elif [ "$code" != "$want" ]; then
        echo "FAIL $name: exit code $code, expected $want"
        fail=$((fail + 1))
    else
        echo "PASS $name (${ms} ms)"
        pass=$((pass + 1))
    fi
done
[ "$regen" = 1 ] && exit 0
echo "qemu-arm: $pass passed, $fail failed, $missing not built"
[ "$fail" = 0 ] && [ "$missing" = 0 ]
