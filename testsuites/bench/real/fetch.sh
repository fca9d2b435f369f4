#!/usr/bin/env bash
# Makes what `crossemu bench --real` runs: for each Debian architecture given (default: armel
# mipsel), OUTDIR/DEBARCH is a sysroot with the packages of packages.txt (apt-get download,
# dpkg -x); the same packages are installed natively when missing (as root), for the native
# column; OUTDIR/inputs holds the generated inputs (deterministic text).
#
#   fetch.sh [OUTDIR [DEBARCH...]]    OUTDIR defaults to testsuites/bench/out/real
#
# Best effort: what cannot be fetched is reported, the rest is still made; bench shows n/a for a
# missing program. Exit 3 when something is missing, else 0.
set -u
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
out="${1:-$here/../out/real}"
shift || true
archs=("$@")
[ ${#archs[@]} -gt 0 ] || archs=(armel mipsel)
mkdir -p "$out/inputs"
out="$(cd "$out" && pwd)"
packages=($(sed 's/#.*//' "$here/packages.txt"))
status=0

# text BYTES SEED: English-like words from a fixed linear congruential generator (the same bytes
# on every machine), so compressors have realistic work and every runner the same input.
text() {
    awk -v n="$1" -v seed="$2" 'BEGIN {
        split("the of and to in is was that for on are with as his they at be this from have or by one had not but what all were when we there can an your which their said if do will each about how up out them then she many some so these would other into has more her two like him see time could no make than first been its who now people my made over did down only way find use may water long little very after words called just where most know", w, " ")
        nw = length(w); x = seed; total = 0; line = 0
        while (total < n) {
            x = (x * 1103515245 + 12345) % 2147483648
            word = w[int(x / 65536) % nw + 1]
            if (line + length(word) + 1 > 72) { printf "\n"; total += 1; line = 0 }
            else if (line > 0) { printf " "; total += 1; line += 1 }
            printf "%s", word; total += length(word); line += length(word)
        }
        printf "\n"
    }' | head -c "$1"
}
for input in text20m:20971520 text5m:5242880; do
    name="${input%%:*}" size="${input##*:}"
    [ -s "$out/inputs/$name" ] && [ "$(stat -c %s "$out/inputs/$name")" = "$size" ] && continue
    text "$size" 20261207 > "$out/inputs/$name.tmp" && mv -f "$out/inputs/$name.tmp" "$out/inputs/$name"
    echo "fetch: generated inputs/$name ($size bytes)"
done

can_apt=0
command -v apt-get >/dev/null && [ "$(id -u)" = 0 ] && can_apt=1
if [ "$can_apt" = 1 ]; then
    missing_native=()
    for p in "${packages[@]}"; do dpkg -s "$p" >/dev/null 2>&1 || missing_native+=("$p"); done
    if [ ${#missing_native[@]} -gt 0 ]; then
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing_native[@]}" >/dev/null 2>&1 \
            || { echo "fetch: could not install ${missing_native[*]} natively" >&2; status=3; }
    fi
fi

for arch in "${archs[@]}"; do
    dest="$out/$arch"
    [ -f "$dest/.complete" ] && continue
    [ "$can_apt" = 1 ] || { echo "fetch: $arch: needs root and apt-get" >&2; status=3; continue; }
    dpkg --print-foreign-architectures | grep -qx "$arch" || dpkg --add-architecture "$arch"
    debs="$(mktemp -d)"
    want=("${packages[@]/%/:$arch}")
    if ! (cd "$debs" && apt-get download -qq "${want[@]}" >/dev/null 2>&1); then
        # A foreign index can fail while a mirror syncs: carry on and see whether the download works.
        apt-get update -qq >/dev/null 2>&1 || echo "fetch: apt-get update reported errors" >&2
        (cd "$debs" && apt-get download -qq "${want[@]}" >/dev/null 2>&1) || true
    fi
    got=$(ls "$debs"/*.deb 2>/dev/null | wc -l)
    mkdir -p "$dest"
    for d in "$debs"/*.deb; do [ -e "$d" ] && dpkg -x "$d" "$dest"; done
    rm -rf "$debs"
    if [ "$got" = "${#packages[@]}" ]; then
        touch "$dest/.complete"
        echo "fetch: $arch: ${#packages[@]} packages in $dest"
    else
        echo "fetch: $arch: got $got of ${#packages[@]} packages" >&2
        status=3
    fi
done
exit "$status"
