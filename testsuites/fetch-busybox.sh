#!/usr/bin/env bash
# Fetches Debian's busybox-static for each foreign architecture the user-mode tests run
# (default: armel mipsel) into testsuites/out/busybox/ARCH/bin/busybox, and bash-static for armel
# into testsuites/out/bash/armel/bin/bash-static (the shell-script tests of guest processes).
#
#   fetch-busybox.sh [ARCH...]
#   BUSYBOX_DEBS=dir   use dir/busybox-static_*_ARCH.deb when present instead of downloading
#
# Best effort: an architecture that cannot be fetched (not root, no apt, its index or package
# unavailable) is reported and skipped, the others are still fetched; the tests of a missing
# one report skipped. Exits 3 when any architecture is missing, else 0.
set -u
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
archs=("$@")
[ ${#archs[@]} -gt 0 ] || archs=(armel mipsel)
updated=0

# download ARCH DIR [PACKAGE]: apt-get download PACKAGE:ARCH (default busybox-static) into DIR.
download() {
    local arch="$1" dir="$2" package="${3:-busybox-static}"
    command -v apt-get >/dev/null && [ "$(id -u)" = 0 ] || { echo "fetch-busybox: $arch: needs root and apt-get" >&2; return 1; }
    if ! dpkg --print-foreign-architectures | grep -qx "$arch"; then
        dpkg --add-architecture "$arch"
        updated=0
    fi
    (cd "$dir" && apt-get download -qq "$package:$arch" >/dev/null 2>&1) && return 0
    if [ "$updated" = 0 ]; then
        # A foreign index can fail while a mirror syncs: carry on and see whether the download works.
        apt-get update -qq >/dev/null 2>&1 || echo "fetch-busybox: apt-get update reported errors" >&2
        updated=1
    fi
    (cd "$dir" && apt-get download -qq "$package:$arch" >/dev/null 2>&1)
}

fetch_bash() { # ARCH
    local arch="$1" dest="$here/out/bash/$1" tmp
    [ -x "$dest/bin/bash-static" ] && return 0
    tmp="$(mktemp -d)"
    if download "$arch" "$tmp" bash-static; then
        mkdir -p "$dest"
        dpkg -x "$(ls "$tmp"/bash-static_*_"$arch".deb | head -n 1)" "$dest"
    fi
    rm -rf "$tmp"
    [ -x "$dest/bin/bash-static" ] || { echo "fetch-busybox: cannot fetch bash-static:$arch" >&2; return 3; }
}

fetch() { # ARCH
    local arch="$1" dest="$here/out/busybox/$1" tmp deb
    [ -x "$dest/bin/busybox" ] && return 0
    tmp="$(mktemp -d)"
    deb="$(ls "${BUSYBOX_DEBS:-/nonexistent}"/busybox-static_*_"$arch".deb 2>/dev/null | head -n 1)"
    if [ -z "$deb" ]; then
        if ! download "$arch" "$tmp"; then
            echo "fetch-busybox: cannot download busybox-static:$arch" >&2
            rm -rf "$tmp"
            return 3
        fi
        deb="$(ls "$tmp"/busybox-static_*_"$arch".deb | head -n 1)"
    fi
    mkdir -p "$dest"
    dpkg -x "$deb" "$dest"
    rm -rf "$tmp"
    [ -x "$dest/bin/busybox" ] || { echo "fetch-busybox: the $arch package has no bin/busybox" >&2; return 3; }
    echo "fetch-busybox: $arch: $(file -b "$dest/bin/busybox" | cut -d, -f1-2)"
}

status=0
for a in "${archs[@]}"; do
    fetch "$a" || status=3
done
[[ " ${archs[*]} " == *" armel "* ]] && { fetch_bash armel || status=3; }
exit "$status"
