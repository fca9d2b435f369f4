#!/usr/bin/env bash
# Fetches Debian's amd64 Linux 6.1 kernel and builds the Linux boot test's inputs into
# testsuites/out/system/linux: vmlinuz, initramfs.cpio.gz (busybox-static + the virtio and ext4
# modules + init.sh as /init) and disk.img (a 16 MiB ext2 image the guest writes a file to).
# Needs root with apt (or the files already there); exits 0 with a message when it cannot, so
# that the boot test reports itself skipped with the reason.
set -uo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
out="$here/../../out/system/linux"
mkdir -p "$out"
say() { printf 'system/linux/build.sh: %s\n' "$*" >&2; }
if [ -s "$out/vmlinuz" ] && [ -s "$out/initramfs.cpio.gz" ] && [ -s "$out/disk.img" ] && [ "$out/initramfs.cpio.gz" -nt "$here/init.sh" ] && [ "$out/initramfs.cpio.gz" -nt "$here/build.sh" ]; then
  exit 0
fi
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cd "$work"

# The newest 6.1 kernel the archive offers (the package name carries the ABI number).
package="$(apt-cache search --names-only '^linux-image-6\.1\.0-[0-9]+-amd64$' 2>/dev/null | awk '{print $1}' | sort -V | tail -1)"
if [ -z "$package" ]; then say "no linux-image-6.1.0-*-amd64 in the apt index (run apt-get update)"; exit 0; fi
if ! apt-get download "$package" >/dev/null 2>&1; then say "apt-get download $package failed"; exit 0; fi
dpkg -x ./*.deb kernel
cp kernel/boot/vmlinuz-* "$out/vmlinuz"
modules="$(echo kernel/lib/modules/*/kernel)"

# busybox-static for amd64: the host's if installed, otherwise fetched.
busybox=/bin/busybox
if ! file -L "$busybox" 2>/dev/null | grep -q 'statically linked'; then
  apt-get download busybox-static >/dev/null 2>&1 && dpkg -x busybox-static_*.deb bb && busybox="$work/bb/bin/busybox"
fi
[ -x "$busybox" ] || { say "no busybox-static"; exit 0; }

root="$work/root"
mkdir -p "$root"/{bin,dev,proc,sys,mnt,lib/modules}
cp "$busybox" "$root/bin/busybox"
for applet in sh mount umount cat echo grep insmod sleep sync reboot poweroff ls; do ln -s busybox "$root/bin/$applet"; done
# In dependency order (from each module's .modinfo depends=): virtio_blk and virtio_mmio need
# virtio and virtio_ring; ext4 needs jbd2, mbcache and crc16, and asks the crypto API for crc32c
# at mount time (crc32c_generic).
: > "$root/lib/modules/order"
for m in drivers/virtio/virtio_ring drivers/virtio/virtio drivers/virtio/virtio_mmio drivers/block/virtio_blk \
         lib/crc16 crypto/crc32c_generic fs/mbcache fs/jbd2/jbd2 fs/ext4/ext4; do
  cp "$modules/$m.ko" "$root/lib/modules/" || { say "module $m.ko missing from $package"; exit 0; }
  echo "$(basename "$m").ko" >> "$root/lib/modules/order"
done
cp "$here/init.sh" "$root/init"
chmod 755 "$root/init"
(cd "$root" && find . | cpio -o -H newc --quiet | gzip -9) > "$out/initramfs.cpio.gz"

rm -f "$out/disk.img"
truncate -s 16M "$out/disk.img"
mke2fs -q -t ext2 -L crossemu "$out/disk.img" || { say "mke2fs failed"; rm -f "$out/disk.img"; exit 0; }
echo "$package" > "$out/kernel-package"
say "built from $package"
