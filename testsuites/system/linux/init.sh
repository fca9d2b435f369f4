#!/bin/sh
# /init of the Linux boot test's initramfs: a marker, the CPU count, a file written to and read
# back from the virtio disk, then a reboot (which ends the machine). The test reads these lines.
mount -t proc proc /proc
mount -t sysfs sysfs /sys
mount -t devtmpfs dev /dev
echo "CROSSEMU-LINUX-UP"
echo "cpus: $(grep -c '^processor' /proc/cpuinfo)"
for m in $(cat /lib/modules/order); do insmod "/lib/modules/$m" || echo "insmod $m failed"; done
i=0
while [ ! -b /dev/vda ] && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
if mount -t ext4 /dev/vda /mnt && echo "written by the guest" > /mnt/guest.txt && sync && umount /mnt \
   && mount -t ext4 -o ro /dev/vda /mnt && [ "$(cat /mnt/guest.txt)" = "written by the guest" ]; then
  umount /mnt
  echo "disk: ok"
else
  echo "disk: FAILED"
fi
echo "CROSSEMU-LINUX-DONE"
sync
reboot -f
