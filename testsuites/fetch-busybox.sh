#!/usr/bin/env bash
# Fetches Debian's busybox-static for armel (the real foreign binary the user-mode tests run)
# into testsuites/out/busybox/armel/bin/busybox. Best effort: exits 3 when it cannot (not root,
# no apt, the armel index or package unavailable); the tests then report skipped.
set -u
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
dest="$here/out/busybox/armel"
[ -x "$dest/bin/busybox" ] && exit 0
command -v apt-get >/dev/null && [ "$(id -u)" = 0 ] || { echo "fetch-busybox: needs root and apt-get" >&2; exit 3; }
if ! dpkg --print-foreign-architectures | grep -qx armel; then
    dpkg --add-architecture armel
    # A foreign index can fail while a mirror syncs: carry on and see whether the download works.
    apt-get update -qq >/dev/null 2>&1 || echo "fetch-busybox: apt-get update reported errors" >&2
fi
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
if ! (cd "$tmp" && apt-get download -qq busybox-static:armel >/dev/null 2>&1); then
    apt-get update -qq >/dev/null 2>&1
    (cd "$tmp" && apt-get download -qq busybox-static:armel >/dev/null 2>&1) || { echo "fetch-busybox: cannot download busybox-static:armel" >&2; exit 3; }
fi
mkdir -p "$dest"
dpkg -x "$tmp"/busybox-static_*_armel.deb "$dest"
[ -x "$dest/bin/busybox" ] || { echo "fetch-busybox: the package has no bin/busybox" >&2; exit 3; }
echo "fetch-busybox: $(file -b "$dest/bin/busybox" | cut -d, -f1-2)"
