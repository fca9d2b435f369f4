#!/usr/bin/env bash
# Runs every built conformance program of each target under its qemu (qemu-arm,
# qemu-mips, qemu-mipsel) and compares its stdout with NAME.expected and its exit
# status with NAME.exitcode (0 when there is none); arguments come from NAME.args
# (one line, split on blanks, no quoting; @DIR@ stands for the directory of NAME.args).  Which file applies to a target is
# decided by targets.sh.  Each program runs in a fresh scratch directory with
# stdin from /dev/null, no descriptor above 2 open, and core dumps off.  Prints PASS/FAIL per program.
#
#   check-qemu.sh [--regen] [TARGET...]     (default: every target with an out/TARGET)
#
# --regen rewrites the expected files from qemu's behaviour where they differ: the file
# that applied when it belongs to that target (its own directory, first target listed
# for it: arm for common/ and arm/, mips for mips/), else a new ARCHDIR/NAME.TARGET.EXT.
# Read the diff before committing it; merge NAME.mips.* and NAME.mipsel.* into
# NAME.* when both byte orders agree.
# ARCHDIR/qemu-differs.txt lists programs whose expected files follow the Linux kernel where
# Debian's qemu-user does not ("name: reason"): they are reported KNOWN while qemu differs,
# FAIL once qemu agrees (take them off the list), and --regen leaves them alone.
# Exit codes: 0 all pass, 1 some failed, 3 a qemu or the binaries missing.
set -u
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
. "$here/targets.sh"
outroot="${CONFORMANCE_OUT:-$here/out}"
regen=0
if [ "${1:-}" = "--regen" ]; then regen=1; shift; fi
targets=("$@")
if [ ${#targets[@]} = 0 ]; then
    for t in "${CONFORMANCE_TARGETS[@]}"; do [ -d "$outroot/$t" ] && targets+=("$t"); done
    [ ${#targets[@]} -gt 0 ] || { echo "SKIP: nothing built in $outroot; run $here/build.sh first" >&2; exit 3; }
fi
ulimit -c 0
scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT

# close_inherited_fds: closes every descriptor above 2 of this (sub)shell.
close_inherited_fds() {
    local f fd
    for f in /proc/$BASHPID/fd/*; do
        fd="${f##*/}"
        [ "$fd" -gt 2 ] 2>/dev/null && eval "exec $fd>&-" 2>/dev/null
    done
    return 0
}

# owns TARGET FILE: true when --regen may rewrite FILE for TARGET.
owns() {
    local dir base
    dir="$(basename "$(dirname "$2")")"
    base="$(basename "$2")"
    [[ "$base" == *".$1."* ]] && return 0
    case "$dir" in common|arm) [ "$1" = arm ] ;; mips) [ "$1" = mips ] ;; *) return 1 ;; esac
}

# regen_file TARGET NAME EXT NEWFILE DEFAULTDIR: make NAME.EXT say what NEWFILE says.
regen_file() {
    local t="$1" name="$2" ext="$3" new="$4" home="$5" cur
    cur="$(target_file "$t" "$name" "$ext")"
    if [ -n "$cur" ] && cmp -s "$cur" "$new"; then return; fi
    if [ -z "$cur" ]; then
        # exit code 0 needs no file
        [ "$ext" = exitcode ] && [ "$(cat "$new")" = 0 ] && return
        cp "$new" "$home/$name.$ext"
    elif owns "$t" "$cur"; then
        if [ "$ext" = exitcode ] && [ "$(cat "$new")" = 0 ] && [ "$cur" = "$home/$name.$ext" ]; then rm -f "$cur"; else cp "$new" "$cur"; fi
    else
        cp "$new" "$here/$(target_dir "$t")/$name.$t.$ext"
    fi
}

# qemu_differs TARGET NAME: the reason when NAME.TARGET (one target) or NAME is in ARCHDIR/qemu-differs.txt.
qemu_differs() {
    local list="$here/$(target_dir "$1")/qemu-differs.txt"
    [ -f "$list" ] && { sed -n "s/^$2\.$1:[[:space:]]*//p" "$list"; sed -n "s/^$2:[[:space:]]*//p" "$list"; } | head -n 1
}

check_target() { # TARGET
    local t="$1" qemu out
    qemu="$(target_qemu "$t")"
    out="$outroot/$t"
    if ! command -v "$qemu" >/dev/null 2>&1; then
        echo "SKIP $t: $qemu not found (apt-get install qemu-user)" >&2
        return 3
    fi
    if [ ! -d "$out" ]; then
        echo "SKIP $t: $out does not exist; run $here/build.sh $t first" >&2
        return 3
    fi
    local pass=0 fail=0 missing=0 known_n=0 known f name bin argsfile code ms start want expected rundir
    while read -r f; do
        name="$(basename "${f%.*}")"
        bin="$out/$name"
        if [ ! -x "$bin" ]; then
            echo "MISSING $t/$name (not built)"
            missing=$((missing + 1))
            continue
        fi
        local args=()
        argsfile="$(target_file "$t" "$name" args)"
        [ -n "$argsfile" ] && read -r -a args < "$argsfile"
        args=("${args[@]//@DIR@/$(dirname "${argsfile:-.}")}")   # @DIR@: the directory of NAME.args
        rundir="$scratch/$t-$name"
        mkdir -p "$rundir"
        start=$(date +%s%N)
        # (the outer 2>/dev/null hides the shell's "Segmentation fault" job notice)
        # (only 0, 1 and 2 open: descriptors the calling shell leaked would show in fd_first's /proc/self/fd)
        { (cd "$rundir" && close_inherited_fds && exec timeout 20 "$qemu" "$bin" "${args[@]}" < /dev/null > "$scratch/$t-$name.out" 2> "$scratch/$t-$name.err"); } 2>/dev/null
        code=$?
        ms=$(( ($(date +%s%N) - start) / 1000000 ))
        known="$(qemu_differs "$t" "$name")"
        if [ "$regen" = 1 ]; then
            [ -n "$known" ] && { echo "KEEP $t/$name (qemu-differs.txt)"; continue; }
            echo "$code" > "$scratch/$t-$name.code"
            regen_file "$t" "$name" expected "$scratch/$t-$name.out" "$(dirname "$f")"
            regen_file "$t" "$name" exitcode "$scratch/$t-$name.code" "$(dirname "$f")"
            echo "REGEN $t/$name (exit $code, ${ms} ms)"
            continue
        fi
        want=0
        [ -n "$(target_file "$t" "$name" exitcode)" ] && want="$(tr -d '[:space:]' < "$(target_file "$t" "$name" exitcode)")"
        expected="$(target_file "$t" "$name" expected)"
        local same=0
        [ -n "$expected" ] && cmp -s "$scratch/$t-$name.out" "$expected" && [ "$code" = "$want" ] && same=1
        if [ -n "$known" ]; then
            if [ "$same" = 1 ]; then
                echo "FAIL $t/$name: qemu now agrees with the expected files: take it off qemu-differs.txt"
                fail=$((fail + 1))
            else
                echo "KNOWN $t/$name: $known (exit $code)"
                known_n=$((known_n + 1))
            fi
        elif [ -z "$expected" ]; then
            echo "FAIL $t/$name: no $name.expected"
            fail=$((fail + 1))
        elif ! cmp -s "$scratch/$t-$name.out" "$expected"; then
            echo "FAIL $t/$name: stdout differs from ${expected#"$here"/} (exit $code, ${ms} ms)"
            diff "$expected" "$scratch/$t-$name.out" | head -n 10 | sed 's/^/    /'
            fail=$((fail + 1))
        elif [ "$code" != "$want" ]; then
            echo "FAIL $t/$name: exit code $code, expected $want"
            fail=$((fail + 1))
        else
            echo "PASS $t/$name (${ms} ms)"
            pass=$((pass + 1))
        fi
    done < <(target_sources "$t")
    [ "$regen" = 1 ] && return 0
    echo "$qemu: $pass passed, $fail failed, $known_n known differences, $missing not built"
    [ "$fail" = 0 ] && [ "$missing" = 0 ] || return 1
}

status=0
for t in "${targets[@]}"; do
    check_target "$t"
    rc=$?
    if [ "$rc" = 1 ] || { [ "$rc" = 3 ] && [ "$status" = 0 ]; }; then status=$rc; fi
done
exit "$status"
