#!/usr/bin/env bash
# Installs what the tests need when it is missing, builds everything, runs every test and
# ends with one line: "N passed, N failed, N skipped".
set -uo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$root"
log() { printf 'test.sh: %s\n' "$*" >&2; }

# ---- dependencies (apt): cross compilers and static libcs for ARM and MIPS (both byte orders),
# qemu-user as the reference, gcc + static glibc for the native benchmark builds.
missing=()
command -v arm-linux-gnueabi-gcc >/dev/null || missing+=(gcc-arm-linux-gnueabi)
[ -f /usr/arm-linux-gnueabi/lib/libc.a ] || missing+=(libc6-dev-armel-cross)
command -v mips-linux-gnu-gcc >/dev/null || missing+=(gcc-mips-linux-gnu)
[ -f /usr/mips-linux-gnu/lib/libc.a ] || missing+=(libc6-dev-mips-cross)
command -v mipsel-linux-gnu-gcc >/dev/null || missing+=(gcc-mipsel-linux-gnu)
[ -f /usr/mipsel-linux-gnu/lib/libc.a ] || missing+=(libc6-dev-mipsel-cross)
command -v qemu-arm >/dev/null || missing+=(qemu-user)
command -v gdb-multiarch >/dev/null || missing+=(gdb-multiarch)
command -v gcc >/dev/null || missing+=(gcc)
[ -f /usr/lib/x86_64-linux-gnu/libc.a ] || missing+=(libc6-dev)
# System mode: host as/ld for the bare-metal x86 guests, QEMU to cross-check them, and what the
# Linux boot test's initramfs and disk need (cpio, mke2fs).
command -v as >/dev/null || missing+=(binutils)
command -v qemu-system-x86_64 >/dev/null || missing+=(qemu-system-x86)
command -v cpio >/dev/null || missing+=(cpio)
command -v mke2fs >/dev/null || missing+=(e2fsprogs)
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    log "installing ${missing[*]}"
    apt-get update -qq >/dev/null 2>&1 || log "apt-get update reported errors; carrying on"
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null 2>&1 \
      || log "could not install ${missing[*]}: the tests that need them will be skipped"
  else
    log "missing ${missing[*]} and cannot install (not root or no apt-get): those tests will be skipped"
  fi
fi
command -v dotnet >/dev/null || { log "the .NET 10 SDK ('dotnet') is required"; echo "0 passed, 1 failed, 0 skipped"; exit 1; }

# ---- guest programs: conformance sets for arm, mips and mipsel, busybox for armel and mipsel
# (the tests skip with a reason what a missing cross compiler or package leaves unbuilt)
if [ -x testsuites/conformance/build.sh ]; then
  testsuites/conformance/build.sh arm mips mipsel >/dev/null || log "conformance programs: build.sh exited $?"
fi
[ -x testsuites/fetch-busybox.sh ] && { testsuites/fetch-busybox.sh armel mipsel || log "busybox fetch incomplete; the tests of a missing one will be skipped"; }

# ---- system mode: bare-metal x86 guests (host as/ld) and Debian's kernel with a busybox initramfs
[ -x testsuites/system/x86/build.sh ] && { testsuites/system/x86/build.sh >/dev/null || log "x86 guests: build.sh exited $?"; }
[ -x testsuites/system/linux/build.sh ] && { testsuites/system/linux/build.sh || log "Linux boot test inputs incomplete; that test will be skipped"; }

# ---- build and test
log "building"
if ! dotnet build CrossEmu.sln -c Release -nologo -v quiet -p:UseSharedCompilation=false; then
  log "build failed"
  echo "0 passed, 1 failed, 0 skipped"
  exit 1
fi
results="$(mktemp)"
dotnet test CrossEmu.sln -c Release --no-build -nologo 2>&1 | tee "$results"
passed=$(grep -Eo 'Passed: +[0-9]+' "$results" | awk '{s+=$2} END {print s+0}')
failed=$(grep -Eo 'Failed: +[0-9]+' "$results" | awk '{s+=$2} END {print s+0}')
skipped=$(grep -Eo 'Skipped: +[0-9]+' "$results" | awk '{s+=$2} END {print s+0}')
summaries=$(grep -Ec '(Passed|Failed)! +-' "$results")
rm -f "$results"
projects=$(ls testsuites/*/*.Tests.csproj | wc -l)
if [ "$summaries" -lt "$projects" ]; then
  log "only $summaries of $projects test projects reported results (a test host crashed?)"
  failed=$((failed + projects - summaries))
fi
echo "$passed passed, $failed failed, $skipped skipped"
[ "$failed" -eq 0 ]
