#!/usr/bin/env bash
# Assembles the bare-metal x86 test guests with the host binutils:
#   NAME.S (+ x86guest.inc, guest.ld)  ->  testsuites/out/system/x86/NAME.bin  (64 KiB firmware image)
#                                          testsuites/out/system/x86/NAME.map  (linker map: symbol addresses)
#   native/cpl3-loop-native.S (+ loop.inc) -> testsuites/out/system/x86/cpl3-loop-native (static x86-64 Linux program)
#
#   SYSTEM_X86_OUT=dir   output directory instead of testsuites/out/system/x86
#
# Exit codes: 0 built (or up to date), or as/ld missing (a message says so, nothing is built);
#             1 a build failed.  Only stale outputs are rebuilt.
set -u
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
out="${SYSTEM_X86_OUT:-$here/../../out/system/x86}"
for tool in as ld; do
    if ! command -v "$tool" >/dev/null 2>&1; then
        echo "SKIP system/x86 guests: '$tool' not found (apt-get install binutils)" >&2
        exit 0
    fi
done
mkdir -p "$out"
out="$(cd "$out" && pwd)"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
deps=("$here/build.sh" "$here/x86guest.inc" "$here/guest.ld" "$here/loop.inc")

stale() { # OUTPUT SOURCE
    [ -e "$1" ] || return 0
    [ "$2" -nt "$1" ] && return 0
    local d
    for d in "${deps[@]}"; do [ "$d" -nt "$1" ] && return 0; done
    return 1
}

built=0 uptodate=0 failed=0
for src in "$here"/*.S; do
    name="$(basename "$src" .S)"
    bin="$out/$name.bin"
    if ! stale "$bin" "$src"; then uptodate=$((uptodate + 1)); continue; fi
    if as --64 -I "$here" -o "$tmp/$name.o" "$src" &&
       ld -nostdlib -T "$here/guest.ld" -Map "$out/$name.map" --oformat binary -o "$tmp/$name.bin" "$tmp/$name.o"; then
        size=$(stat -c %s "$tmp/$name.bin")
        if [ "$size" != 65536 ]; then
            echo "FAIL $name: image is $size bytes, not 65536" >&2
            failed=$((failed + 1)); continue
        fi
        mv "$tmp/$name.bin" "$bin"
        built=$((built + 1))
    else
        echo "FAIL $name" >&2
        failed=$((failed + 1))
    fi
done

native="$out/cpl3-loop-native"
if stale "$native" "$here/native/cpl3-loop-native.S"; then
    if as --64 -I "$here" -o "$tmp/native.o" "$here/native/cpl3-loop-native.S" &&
       ld -static -nostdlib -o "$native" "$tmp/native.o"; then
        built=$((built + 1))
    else
        echo "FAIL cpl3-loop-native" >&2
        failed=$((failed + 1))
    fi
else
    uptodate=$((uptodate + 1))
fi

echo "system/x86: $built built, $uptodate up to date, $failed failed -> $out"
[ "$failed" = 0 ]
