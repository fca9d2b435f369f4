using System.Buffers.Binary;
using CrossEmu.Machines.Linux.Abi;
using static CrossEmu.Isa.Host.Errno;
using static CrossEmu.Isa.Host.Libc;

namespace CrossEmu.Machines.Linux.Syscalls;

/// <summary>
/// Ancillary data (cmsghdr sequences) between the guest's layout (a 32-bit cmsg_len, 4-byte alignment)
/// and the host's (size_t cmsg_len, 8-byte alignment). SCM_RIGHTS carries descriptors, which are guest
/// numbers on the guest's side and host descriptors on the host's; SCM_CREDENTIALS a struct ucred of three
/// ints; SCM_TIMESTAMP a struct timeval. Other data is copied as it is.
/// </summary>
static class ControlMessages
{
    /// <summary>SCM_MAX_FD: the most descriptors one message may carry.</summary>
    const int MaxDescriptors = 253;
    const int UcredSize = 12, HostTimevalSize = 16, SoTimestampOld = 29;

    static CmsghdrLayout Host => IpcLayouts.HostCmsghdr;

    /// <summary>The guest's control buffer as the host's for sendmsg (as __scm_send checks it); 0 or -errno.</summary>
    public static long ToHost(SyscallContext c, byte[] guest, out byte[] host)
    {
        var g = c.Abi.Structs.Ipc.Cmsghdr;
        var output = new List<byte>();
        host = [];
        int at = 0;
        // CMSG_FIRSTHDR/CMSG_NXTHDR: a header must fit in what is left; cmsg_len may not run past the end.
        while (at + g.Size <= guest.Length)
        {
            var header = c.Struct(guest.AsSpan(at));
            long length = (long)header.Get(g.Length);
            if (length < g.Size || length > guest.Length - at) return -EINVAL;
            int guestLevel = (int)header.Get(g.Level), type = (int)header.Get(g.Type);
            int level = c.Abi.Sockets.ToHostLevel(guestLevel), start = at;
            at += g.Align((int)length);
            // A level the host would misread as its SOL_SOCKET (MIPS's 1): no protocol takes it, Linux skips it.
            if (level == -1) continue;
            var data = guest.AsSpan(start + g.Align(g.Size), (int)length - g.Align(g.Size));
            byte[] hostData;
            if (level == SOL_SOCKET && type == SCM_RIGHTS)
            {
                long r = DescriptorsToHost(c, data, out hostData);
                if (r != 0) return r;
            }
            else if (level == SOL_SOCKET && type == SCM_CREDENTIALS)
            {
                if (data.Length != UcredSize) return -EINVAL;
                hostData = SwapWords(c, data);
            }
            else hostData = data.ToArray();
            Append(output, level, type, hostData);
        }
        host = output.ToArray();
        return 0;
    }

    static long DescriptorsToHost(SyscallContext c, ReadOnlySpan<byte> data, out byte[] host)
    {
        int count = data.Length / 4;
        host = new byte[count * 4];
        if (count > MaxDescriptors) return -EINVAL;
        for (int i = 0; i < count; i++)
        {
            var word = data.Slice(4 * i, 4);
            int fd = c.BigEndian ? BinaryPrimitives.ReadInt32BigEndian(word) : BinaryPrimitives.ReadInt32LittleEndian(word);
            int hostFd = fd < 0 ? -1 : c.Process.Files.HostOf(fd);
            if (hostFd < 0) return -EBADF;
            BinaryPrimitives.WriteInt32LittleEndian(host.AsSpan(4 * i), hostFd);
        }
        return 0;
    }

    static void Append(List<byte> output, int level, int type, byte[] data)
    {
        var header = new byte[Host.Align(Host.Size)];
        var s = new GuestStruct(header, bigEndian: false);
        s.Put(Host.Length, (ulong)Host.LengthFor(data.Length));
        s.Put(Host.Level, (uint)level);
        s.Put(Host.Type, (uint)type);
        output.AddRange(header);
        output.AddRange(data);
        output.AddRange(new byte[Host.Align(data.Length) - data.Length]);
    }

    /// <summary>
    /// The host's received control data as the guest's, in a buffer of the guest's size (room), as
    /// put_cmsg and scm_detach_fds fill it: what does not fit is cut and sets MSG_CTRUNC; descriptors that
    /// do not fit are closed, the others installed in the guest's table (FD_CLOEXEC with MSG_CMSG_CLOEXEC).
    /// Returns the bytes used; flags gains MSG_CTRUNC.
    /// </summary>
    public static byte[] ToGuest(SyscallContext c, ReadOnlySpan<byte> host, int room, bool closeOnExec, ref int flags)
    {
        var guest = new List<byte>();
        int at = 0;
        while (at + Host.Size <= host.Length)
        {
            var header = new GuestStruct(host.Slice(at, Host.Size).ToArray(), bigEndian: false);
            int length = (int)header.Get(Host.Length);
            if (length < Host.Size || length > host.Length - at) break;
            int level = (int)header.Get(Host.Level), type = (int)header.Get(Host.Type);
            var data = host.Slice(at + Host.Align(Host.Size), length - Host.Align(Host.Size));
            int left = room - guest.Count;
            if (level == SOL_SOCKET && type == SCM_RIGHTS) DescriptorsToGuest(c, data, left, closeOnExec, guest, ref flags);
            else Put(c, guest, left, c.Abi.Sockets.ToGuestLevel(level), type, DataToGuest(c, level, type, data), ref flags);
            at += Host.Align(length);
        }
        return guest.ToArray();
    }

    static byte[] DataToGuest(SyscallContext c, int level, int type, ReadOnlySpan<byte> data)
    {
        if (level != SOL_SOCKET) return data.ToArray();
        if (type == SCM_CREDENTIALS && data.Length == UcredSize) return SwapWords(c, data);
        if (type == SoTimestampOld && data.Length == HostTimevalSize)
        {
            var l = c.Abi.Structs.Timeval;
            var timeval = new byte[l.Size];
            var s = c.Struct(timeval);
            s.Put(l.Seconds, BinaryPrimitives.ReadInt64LittleEndian(data));
            s.Put(l.Microseconds, BinaryPrimitives.ReadInt64LittleEndian(data[8..]));
            return timeval;
        }
        return data.ToArray();
    }

    // put_cmsg: no room for a header sets MSG_CTRUNC and drops the message; a cut one keeps its cut length.
    static void Put(SyscallContext c, List<byte> guest, int left, int level, int type, byte[] data, ref int flags)
    {
        var g = c.Abi.Structs.Ipc.Cmsghdr;
        if (left < g.Size)
        {
            flags |= MSG_CTRUNC;
            return;
        }
        int length = g.LengthFor(data.Length);
        if (left < length)
        {
            flags |= MSG_CTRUNC;
            length = left;
        }
        var bytes = new byte[Math.Min(g.SpaceFor(data.Length), left)];
        var s = c.Struct(bytes);
        s.Put(g.Length, (uint)length);
        s.Put(g.Level, (uint)level);
        s.Put(g.Type, (uint)type);
        data.AsSpan(0, length - g.Align(g.Size)).CopyTo(bytes.AsSpan(g.Align(g.Size)));
        guest.AddRange(bytes);
    }

    // scm_detach_fds: as many descriptors as the room holds are installed, the rest closed.
    static void DescriptorsToGuest(SyscallContext c, ReadOnlySpan<byte> data, int left, bool closeOnExec, List<byte> guest, ref int flags)
    {
        var g = c.Abi.Structs.Ipc.Cmsghdr;
        int count = data.Length / 4;
        int room = left <= g.Size ? 0 : (left - g.Size) / 4;
        var installed = new List<int>();
        for (int i = 0; i < count; i++)
        {
            int hostFd = BinaryPrimitives.ReadInt32LittleEndian(data.Slice(4 * i));
            if (installed.Count < room && installed.Count == i)
            {
                long fd = c.Process.Files.Add(hostFd, closeOnExec);   // closes hostFd when the table is full
                if (fd >= 0) installed.Add((int)fd);
            }
            else close(hostFd);
        }
        if (installed.Count < count) flags |= MSG_CTRUNC;
        if (installed.Count == 0) return;
        var bytes = new byte[Math.Min(g.SpaceFor(4 * installed.Count), left)];
        var s = c.Struct(bytes);
        s.Put(g.Length, (uint)g.LengthFor(4 * installed.Count));
        s.Put(g.Level, (uint)c.Abi.Sockets.SolSocket);
        s.Put(g.Type, SCM_RIGHTS);
        for (int i = 0; i < installed.Count; i++)
            s.Put(Field.U32(g.Align(g.Size) + 4 * i), (uint)installed[i]);
        guest.AddRange(bytes);
    }

    /// <summary>Ints in the other byte order when the guest is big-endian (struct ucred).</summary>
    static byte[] SwapWords(SyscallContext c, ReadOnlySpan<byte> data)
    {
        var bytes = data.ToArray();
        if (c.BigEndian)
            for (int i = 0; i + 4 <= bytes.Length; i += 4) bytes.AsSpan(i, 4).Reverse();
        return bytes;
    }
}
