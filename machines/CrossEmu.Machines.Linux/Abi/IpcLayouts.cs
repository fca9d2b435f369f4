using static CrossEmu.Machines.Linux.Abi.Field;

namespace CrossEmu.Machines.Linux.Abi;

/// <summary>struct msghdr of sendmsg/recvmsg.</summary>
public sealed record MsghdrLayout(int Size, Field Name, Field NameLength, Field Iov, Field IovLength, Field Control,
    Field ControlLength, Field Flags);

/// <summary>struct cmsghdr; Alignment is CMSG_ALIGN's (sizeof(long)): a header and its data start on it.</summary>
public sealed record CmsghdrLayout(int Size, Field Length, Field Level, Field Type, int Alignment)
{
    /// <summary>CMSG_ALIGN(n).</summary>
    public int Align(int n) => (n + Alignment - 1) & ~(Alignment - 1);
    /// <summary>CMSG_LEN(n): the header and n bytes of data.</summary>
    public int LengthFor(int data) => Align(Size) + data;
    /// <summary>CMSG_SPACE(n): what one message with n bytes of data takes in the buffer.</summary>
    public int SpaceFor(int data) => Align(Size) + Align(data);
}

/// <summary>struct epoll_event: Linux packs it only on x86-64; a 32-bit ABI aligns the 64-bit data to 8.</summary>
public sealed record EpollEventLayout(int Size, Field Events, Field Data);

/// <summary>struct signalfd_siginfo: fixed-width fields, the same 128 bytes on every ABI (in its byte order).</summary>
public sealed record SignalfdSiginfoLayout(int Size, Field Signo, Field Errno, Field Code, Field Pid, Field Uid, Field Fd,
    Field Tid, Field Band, Field Overrun, Field Trapno, Field Status, Field Int, Field Ptr, Field Utime, Field Stime, Field Addr)
{
    public static readonly SignalfdSiginfoLayout Linux = new(128, U32(0), U32(4), U32(8), U32(12), U32(16), U32(20), U32(24),
        U32(28), U32(32), U32(36), U32(40), U32(44), U64(48), U64(56), U64(64), U64(72));
}

/// <summary>The structs of sockets and event descriptors of one ABI. struct linger and struct ucred are
/// plain ints on every ABI (two and three of them).</summary>
public sealed record IpcLayouts(MsghdrLayout Msghdr, CmsghdrLayout Cmsghdr, EpollEventLayout EpollEvent, SignalfdSiginfoLayout SignalfdSiginfo)
{
    /// <summary>Every 32-bit ABI: 4-byte pointers and lengths, 4-byte CMSG alignment, a 16-byte epoll_event.</summary>
    public static readonly IpcLayouts Ilp32 = new(
        Msghdr: new(28, Name: U32(0), NameLength: U32(4), Iov: U32(8), IovLength: U32(12), Control: U32(16), ControlLength: U32(20),
            Flags: U32(24)),
        Cmsghdr: new(12, Length: U32(0), Level: U32(4), Type: U32(8), Alignment: 4),
        EpollEvent: new(16, Events: U32(0), Data: U64(8)),
        SignalfdSiginfo: SignalfdSiginfoLayout.Linux);

    /// <summary>The host's (x86-64) cmsghdr: a size_t length and 8-byte alignment.</summary>
    public static readonly CmsghdrLayout HostCmsghdr = new(16, Length: U64(0), Level: U32(8), Type: U32(12), Alignment: 8);
}
