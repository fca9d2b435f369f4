using CrossEmu.Isa.Memory;
using CrossEmu.Machines.Linux.Memory;
using static CrossEmu.Isa.Host.Errno;
using static CrossEmu.Isa.Host.Libc;

namespace CrossEmu.Machines.Linux.Syscalls;

/// <summary>brk and the mmap family on the process's AddressSpace.</summary>
static unsafe class MemorySyscalls
{
    public static void Register(SyscallCatalog all)
    {
        // The address space is the process's: two threads' mmap calls must not pick the same free range.
        var c = new Serialized(all);
        c.Add("brk", c2 => c2.Process.AddressSpace.SetBrk(c2[0]), "addr:ptr -> ptr");
        c.Add("mmap2", c2 => Mmap(c2, (long)c2[5] << 12), "addr:ptr, length:size, prot:mmap_prot, flags:mmap_flags, fd:fd, pgoffset:page_offset -> ptr");
        // The direct-argument mmap with a byte offset (MIPS o32 4090); ARM EABI has no old mmap.
        c.Add("mmap", c2 => Mmap(c2, c2[5]), "addr:ptr, length:size, prot:mmap_prot, flags:mmap_flags, fd:fd, offset:hex -> ptr");
        c.Add("munmap", c2 => c2.Process.AddressSpace.Munmap(c2[0], c2[1]), "addr:ptr, length:size");
        c.Add("mprotect", c2 => c2.Process.AddressSpace.Mprotect(c2[0], c2[1], ToProtection(c2[2])), "addr:ptr, length:size, prot:mmap_prot");
        c.Add("mremap", c2 => c2.Process.AddressSpace.Mremap(c2[0], c2[1], c2[2], c2.Int(3), c2[4]),
            "old_address:ptr, old_size:size, new_size:size, flags:mremap_flags, new_address:mremap_address -> ptr");
        c.Add("madvise", Madvise, "addr:ptr, length:size, advice:madvise_advice");
        c.Add("msync", Msync, "addr:ptr, length:size, flags:msync_flags");
        // Guest memory is never swapped by the emulator: locking has nothing to do.
        c.Add("mlock", _ => 0, "addr:ptr, length:size");
        c.Add("munlock", _ => 0, "addr:ptr, length:size");
        c.Add("mlockall", _ => 0, "flags:mlockall_flags");
        c.Add("munlockall", _ => 0, "");
    }

    /// <summary>Registers handlers that run under the address space's lock.</summary>
    sealed class Serialized(SyscallCatalog catalog)
    {
        public void Add(string name, SyscallHandler handler, string arguments) =>
            catalog.Add(name, c => { lock (c.Process.AddressSpace) return handler(c); }, arguments);
    }

    static Protection ToProtection(uint prot) => (Protection)(prot & 7);

    static long Mmap(SyscallContext c, long offset)
    {
        uint address = c[0], length = c[1];
        uint flags = c.Abi.MmapFlags.ToHost(c[3]);
        int fd = c.Int(4);
        uint type = flags & MAP_TYPE;
        if (type != MAP_SHARED && type != MAP_PRIVATE && type != MAP_SHARED_VALIDATE) return -EINVAL;
        if ((offset & GuestMemory.PageMask) != 0) return -EINVAL;
        bool anonymous = (flags & MAP_ANONYMOUS) != 0;
        var prot = ToProtection(c[2]);
        var space = c.Process.AddressSpace;
        var file = default(FileMapping);
        if (!anonymous)
        {
            long probed = FileMapping.Probe(fd, offset, length, shared: type != MAP_PRIVATE, prot, out file);
            if (probed != 0) return probed;
        }

        long r = space.Mmap(address, length, prot, (flags & MAP_FIXED) != 0, (flags & MAP_FIXED_NOREPLACE) != 0);
        if (IsError(r)) return r;
        if (anonymous) return type == MAP_PRIVATE ? r : SharedAnonymous(space, (uint)r, length);
        long mapped = file.MapAt(space, (uint)r, length);
        if (mapped != 0)
        {
            space.Munmap((uint)r, length);
            return mapped;
        }
        return r;
    }

    /// <summary>MAP_SHARED|MAP_ANONYMOUS: the pages are a memfd's, so that a fork child shares them (shmem on Linux).</summary>
    static long SharedAnonymous(AddressSpace space, uint address, ulong length)
    {
        ulong size = AddressSpace.PageAlignUp(length);
        int fd = memfd_create("crossemu-shared", MFD_CLOEXEC);
        long r = fd < 0 ? Sys(fd) : Sys(ftruncate64(fd, (long)size));
        if (r == 0) r = space.MapFile(address, size, size, fd, 0, shared: true, denyWrite: false);
        if (fd >= 0) close(fd);
        if (r == 0) return address;
        space.Munmap(address, size);
        return r;
    }

    // The highest advice Linux knows (advice values are the same on every ABI); only DONTNEED changes what the guest sees.
    const int MADV_LAST = 25;

    static long Madvise(SyscallContext c)
    {
        int advice = c.Int(2);
        if (advice is < 0 or > MADV_LAST || advice is > MADV_DONTNEED and < MADV_FREE) return -EINVAL;
        var space = c.Process.AddressSpace;
        // The rest is a hint (MADV_FREE lets pages keep or lose their contents: keeping them is fine).
        return advice is MADV_DONTNEED or MADV_DONTNEED_LOCKED ? space.Discard(c[0], c[1]) : space.CheckMapped(c[0], c[1]);
    }

    // Shared file pages are the file's own: MS_SYNC writes them back like the host's msync does.
    static long Msync(SyscallContext c)
    {
        int flags = c.Int(2);
        if ((flags & ~(MS_ASYNC | MS_INVALIDATE | MS_SYNC)) != 0 || (flags & (MS_ASYNC | MS_SYNC)) == (MS_ASYNC | MS_SYNC)) return -EINVAL;
        long r = c.Process.AddressSpace.CheckMapped(c[0], c[1]);
        if (r != 0 || c[1] == 0) return r;
        return Sys(msync(c.Memory.Base + c[0], (nuint)AddressSpace.PageAlignUp(c[1]), flags));
    }
}
