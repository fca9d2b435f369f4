# Sourced by build.sh and check-qemu.sh: the conformance targets and where each
# program's files are.  (ConformanceSet.cs in CrossEmu.Cli.Tests follows the same rules.)
#
#   target  sources            compiler                qemu
#   arm     common/ + arm/     arm-linux-gnueabi-gcc   qemu-arm
#   mips    common/ + mips/    mips-linux-gnu-gcc      qemu-mips    (big endian)
#   mipsel  common/ + mips/    mipsel-linux-gnu-gcc    qemu-mipsel  (little endian)
#
# A program's NAME.expected / NAME.exitcode / NAME.args is the first that exists of
#   ARCHDIR/NAME.TARGET.EXT   (one target only, e.g. mips/qsort.mips.expected)
#   ARCHDIR/NAME.EXT          (every target of that directory, e.g. mips/float.expected)
#   common/NAME.EXT           (common programs)
CONFORMANCE_TARGETS=(arm mips mipsel)
conformance_root="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"

target_dir() { case "$1" in arm) echo arm ;; mips|mipsel) echo mips ;; *) return 1 ;; esac; }

target_cc() {
    case "$1" in
        arm) echo "${CC_ARM:-arm-linux-gnueabi-gcc}" ;;
        mips) echo "${CC_MIPS:-mips-linux-gnu-gcc}" ;;
        mipsel) echo "${CC_MIPSEL:-mipsel-linux-gnu-gcc}" ;;
    esac
}

target_packages() {
    case "$1" in
        arm) echo "gcc-arm-linux-gnueabi libc6-dev-armel-cross" ;;
        mips) echo "gcc-mips-linux-gnu libc6-dev-mips-cross" ;;
        mipsel) echo "gcc-mipsel-linux-gnu libc6-dev-mipsel-cross" ;;
    esac
}

target_qemu() {
    case "$1" in
        arm) echo "${QEMU_ARM:-qemu-arm}" ;;
        mips) echo "${QEMU_MIPS:-qemu-mips}" ;;
        mipsel) echo "${QEMU_MIPSEL:-qemu-mipsel}" ;;
    esac
}

# Libraries linked into every program of the target (MIPS32 has no 64-bit __sync builtins).
target_libs() { case "$1" in mips|mipsel) echo "-latomic -lm" ;; *) echo "-lm" ;; esac; }

# Every source of the target, one per line: common/*.c then ARCHDIR/*.c and *.S.
target_sources() {
    local d
    d="$(target_dir "$1")"
    for f in "$conformance_root"/common/*.c "$conformance_root/$d"/*.c "$conformance_root/$d"/*.S; do
        [ -e "$f" ] && echo "$f"
    done
}

# target_file TARGET NAME EXT: the file that applies (see above), or nothing.
target_file() {
    local d="$conformance_root/$(target_dir "$1")"
    for f in "$d/$2.$1.$3" "$d/$2.$3" "$conformance_root/common/$2.$3"; do
        if [ -f "$f" ]; then echo "$f"; return; fi
    done
}
