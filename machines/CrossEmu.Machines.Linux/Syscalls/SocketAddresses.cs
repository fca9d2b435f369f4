using System.Buffers.Binary;
using System.Text;
using static CrossEmu.Isa.Host.Errno;
using static CrossEmu.Isa.Host.Libc;

namespace CrossEmu.Machines.Linux.Syscalls;

/// <summary>
/// Socket addresses between the guest and the host. sa_family is a u16 in the ABI's byte order; what
/// follows is the family's: ports and IPv4/IPv6 addresses are in network order and copied as they are,
/// sin6_scope_id and the netlink ids are host-order u32s, and an AF_UNIX path names a file, so it goes
/// through the -L sysroot and descriptor-path rewriting like any other path (and back, for the names the
/// kernel reports). Abstract AF_UNIX names (a leading NUL) are not paths.
/// </summary>
static class SocketAddresses
{
    /// <summary>sizeof(struct sockaddr_storage): the largest address the kernel takes.</summary>
    public const int StorageSize = 128;

    const int FamilySize = 2, UnixPathMax = 108, Inet6ScopeOffset = 24, Inet6Size = 28, NetlinkPidOffset = 4, NetlinkSize = 12;

    /// <summary>A guest address (length bytes at address) as the host's; 0 or -errno (as move_addr_to_kernel).</summary>
    public static long ToHost(SyscallContext c, uint address, uint length, out byte[] host)
    {
        host = [];
        if (length > StorageSize) return -EINVAL;
        if (length == 0) return 0;
        var guest = new byte[length];
        if (!c.Read(address, guest)) return -EFAULT;
        host = guest;
        if (length < FamilySize) return 0;
        int family = SwapFamily(c, host);
        switch (family)
        {
            case AF_INET6 when length >= Inet6Size:
                SwapWord(c, host, Inet6ScopeOffset);
                break;
            case AF_NETLINK when length >= NetlinkSize:
                SwapWord(c, host, NetlinkPidOffset);
                SwapWord(c, host, NetlinkPidOffset + 4);
                break;
            case AF_UNIX when length > FamilySize && host[FamilySize] != 0:
                return UnixPathToHost(c, ref host);
        }
        return 0;
    }

    /// <summary>Rewrites a pathname AF_UNIX address to the host path (the sysroot's file when it exists).</summary>
    static long UnixPathToHost(SyscallContext c, ref byte[] host)
    {
        var pathBytes = host.AsSpan(FamilySize);
        int end = pathBytes.IndexOf((byte)0);
        string guestPath = Encoding.UTF8.GetString(end < 0 ? pathBytes : pathBytes[..end]);
        string hostPath = c.HostPath(guestPath);
        if (hostPath == guestPath) return 0;
        var bytes = Encoding.UTF8.GetBytes(hostPath);
        if (bytes.Length >= UnixPathMax) return -ENAMETOOLONG;
        var rewritten = new byte[FamilySize + bytes.Length + 1];
        host.AsSpan(0, FamilySize).CopyTo(rewritten);
        bytes.CopyTo(rewritten, FamilySize);
        host = rewritten;
        return 0;
    }

    /// <summary>A host address as the guest's (its length may change: an AF_UNIX path leaves the sysroot).</summary>
    public static byte[] ToGuest(SyscallContext c, ReadOnlySpan<byte> hostAddress)
    {
        var guest = hostAddress.ToArray();
        if (guest.Length < FamilySize) return guest;
        int family = BinaryPrimitives.ReadUInt16LittleEndian(guest);
        switch (family)
        {
            case AF_INET6 when guest.Length >= Inet6Size:
                SwapWord(c, guest, Inet6ScopeOffset);
                break;
            case AF_NETLINK when guest.Length >= NetlinkSize:
                SwapWord(c, guest, NetlinkPidOffset);
                SwapWord(c, guest, NetlinkPidOffset + 4);
                break;
            case AF_UNIX when guest.Length > FamilySize && guest[FamilySize] != 0:
                guest = UnixPathToGuest(c, guest);
                break;
        }
        if (c.BigEndian) BinaryPrimitives.WriteUInt16BigEndian(guest, (ushort)family);
        return guest;
    }

    static byte[] UnixPathToGuest(SyscallContext c, byte[] host)
    {
        string? sysroot = c.Process.Paths.Sysroot;
        if (sysroot == null) return host;
        var pathBytes = host.AsSpan(FamilySize);
        int end = pathBytes.IndexOf((byte)0);
        string path = Encoding.UTF8.GetString(end < 0 ? pathBytes : pathBytes[..end]);
        if (!path.StartsWith(sysroot + "/", StringComparison.Ordinal)) return host;
        var bytes = Encoding.UTF8.GetBytes(path[sysroot.Length..]);
        var guest = new byte[FamilySize + bytes.Length + 1];
        host.AsSpan(0, FamilySize).CopyTo(guest);
        bytes.CopyTo(guest, FamilySize);
        return guest;
    }

    /// <summary>
    /// Stores a host address where the guest asked for one, as move_addr_to_user: at most the guest's
    /// buffer length bytes (read from lengthAddress), then the address's full length into lengthAddress.
    /// 0 or -errno.
    /// </summary>
    public static long Store(SyscallContext c, ReadOnlySpan<byte> hostAddress, uint address, uint lengthAddress)
    {
        if (!c.ReadU32(lengthAddress, out uint room)) return -EFAULT;
        if ((int)room < 0) return -EINVAL;
        var guest = ToGuest(c, hostAddress);
        int copy = Math.Min((int)room, guest.Length);
        if (copy > 0 && !c.Write(address, guest.AsSpan(0, copy))) return -EFAULT;
        return c.WriteU32(lengthAddress, (uint)guest.Length) ? 0 : -EFAULT;
    }

    /// <summary>The guest's buffer length behind lengthAddress, checked as the kernel does before the call.</summary>
    public static long ReadRoom(SyscallContext c, uint lengthAddress, out int room)
    {
        room = 0;
        if (!c.ReadU32(lengthAddress, out uint value)) return -EFAULT;
        room = (int)value;
        return room < 0 ? -EINVAL : 0;
    }

    /// <summary>Turns the family at the start of an address to host order and returns it.</summary>
    static int SwapFamily(SyscallContext c, byte[] bytes)
    {
        if (!c.BigEndian) return BinaryPrimitives.ReadUInt16LittleEndian(bytes);
        int family = BinaryPrimitives.ReadUInt16BigEndian(bytes);
        BinaryPrimitives.WriteUInt16LittleEndian(bytes, (ushort)family);
        return family;
    }

    static void SwapWord(SyscallContext c, byte[] bytes, int offset)
    {
        if (c.BigEndian) bytes.AsSpan(offset, 4).Reverse();
    }
}
