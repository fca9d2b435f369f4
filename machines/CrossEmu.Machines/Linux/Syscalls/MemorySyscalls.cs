using CrossEmu.Isa.Memory;
using CrossEmu.Machines.Linux.Memory;
using static CrossEmu.Machines.Linux.Errno;
using static CrossEmu.Machines.Linux.Host.Libc;

namespace CrossEmu.Machines.Linux.Syscalls;

/// <summary>brk and the mmap family on the process's AddressSpace.</summary>
static unsafe class MemorySyscalls
{
    // Host (asm-generic) MAP_* values; the ABI's MmapFlags map translates guest flags to these.
    const uint MAP_SHARED = 1, MAP_PRIVATE = 2, MAP_SHARED_VALIDATE = 3, MAP_TYPE = 0xf, MAP_FIXED = 0x10,
        MAP_ANONYMOUS = 0x20, MAP_FIXED_NOREPLACE = 0x100000;

    public static void Register(SyscallCatalog c)
    {
        c.Add("brk", c2 => c2.Process.AddressSpace.SetBrk(c2[0]), "addr");
        c.Add("mmap2", c2 => Mmap(c2, (long)c2[5] << 12), "addr, length, prot, flags, fd, pgoffset");
        // The direct-argument mmap with a byte offset (MIPS o32 4090); ARM EABI has no old mmap.
        c.Add("mmap", c2 => Mmap(c2, c2[5]), "addr, length, prot, flags, fd, offset");
        c.Add("munmap", c2 => c2.Process.AddressSpace.Munmap(c2[0], c2[1]), "addr, length");
        c.Add("mprotect", c2 => c2.Process.AddressSpace.Mprotect(c2[0], c2[1], ToProtection(c2[2])), "addr, length, prot");
        c.Add("mremap", c2 => c2.Process.AddressSpace.Mremap(c2[0], c2[1], c2[2], c2.Int(3), c2[4]), "old_address, old_size, new_size, flags, new_address");
        // Advice, locking and syncing have nothing to do for private copies of the guest's memory.
        c.Add("madvise", _ => 0, "addr, length, advice");
        c.Add("msync", _ => 0, "addr, length, flags");
        c.Add("mlock", _ => 0, "addr, length");
        c.Add("munlock", _ => 0, "addr, length");
        c.Add("mlockall", _ => 0, "flags");
        c.Add("munlockall", _ => 0, "");
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

        long r = space.Mmap(address, length, prot, (flags & MAP_FIXED) != 0, (flags & MAP_FIXED_NOREPLACE) != 0);
        if (IsError(r) || anonymous) return r;

        // File mappings are private copies (MAP_SHARED of files too, for now): read the file in.
        long filled = FillFromFile(c.Memory.Base + (uint)r, length, fd, offset);
        if (filled < 0)
        {
            space.Munmap((uint)r, length);
            return filled;
        }
        return r;
    }

    static long FillFromFile(byte* destination, uint length, int fd, long offset)
    {
        uint done = 0;
        while (done < length)
        {
            long n = Sys(pread64(fd, destination + done, length - done, offset + done));
            if (n == -EINTR) continue;
            if (n < 0) return n == -EISDIR ? -ENODEV : n;
            if (n == 0) break; // past the end of the file: the rest stays zero
            done += (uint)n;
        }
        return done;
    }
}
