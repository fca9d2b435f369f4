#!/usr/bin/env bash
# Cross-checks the Linux boot test's inputs (built by build.sh) under QEMU's microvm with TCG: the
# kernel must reach /init, which prints the marker, counts 2 CPUs, writes a file on the virtio disk
# (read back here with debugfs) and reboots. Run by hand, not by ./test.sh: under TCG on a loaded
# 2-core host the kernel's early timer set-up stalls (seen in 4 of 5 runs while other tests ran),
# while an idle host finishes in about 7 s.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
out="$here/../../out/system/linux"
disk="$(mktemp)"
trap 'rm -f "$disk"' EXIT
cp "$out/disk.img" "$disk"
console="$(timeout 300 qemu-system-x86_64 -M microvm,x-option-roms=off,rtc=on,pit=on,pic=on,isa-serial=on -cpu max -m 512M -smp 2 \
  -kernel "$out/vmlinuz" -initrd "$out/initramfs.cpio.gz" -append "console=ttyS0 reboot=k panic=-1 lpj=2000000 tsc=reliable quiet" \
  -nographic -no-reboot -nodefaults -serial stdio -global virtio-mmio.force-legacy=false \
  -drive "if=none,id=d0,file=$disk,format=raw" -device virtio-blk-device,drive=d0 -accel tcg | tr -d '\r')"
echo "$console"
for line in CROSSEMU-LINUX-UP "cpus: 2" "disk: ok" CROSSEMU-LINUX-DONE; do
  grep -qx "$line" <<<"$console" || { echo "check-qemu.sh: missing '$line'" >&2; exit 1; }
done
[ "$(debugfs -R 'cat /guest.txt' "$disk" 2>/dev/null)" = "written by the guest" ] || { echo "check-qemu.sh: /guest.txt not on the disk" >&2; exit 1; }
echo "check-qemu.sh: ok"
