using System.Runtime.InteropServices;

namespace CrossEmu.Isa.Host;

/// <summary>glibc's struct msghdr on x86-64 (56 bytes: pointers and size_t lengths, naturally aligned).</summary>
[StructLayout(LayoutKind.Sequential)]
public unsafe struct HostMsghdr
{
    public void* Name;
    public uint NameLength;
    public HostIovec* Iov;
    public nuint IovLength;
    public void* Control;
    public nuint ControlLength;
    public int Flags;
}

/// <summary>struct epoll_event on x86-64: packed, 12 bytes (the only ABI where the kernel packs it).</summary>
[StructLayout(LayoutKind.Sequential, Pack = 1)]
public struct HostEpollEvent { public uint Events; public ulong Data; }

/// <summary>
/// Sockets, epoll, eventfd and timerfd (sys/socket.h, sys/epoll.h, sys/eventfd.h, sys/timerfd.h), with the
/// host's numbers: a guest's socket types and SO_* options are its ABI's to translate.
/// </summary>
public static unsafe partial class Libc
{
    public const int AF_UNSPEC = 0, AF_UNIX = 1, AF_INET = 2, AF_INET6 = 10, AF_NETLINK = 16;
    public const int SOCK_STREAM = 1, SOCK_DGRAM = 2, SOCK_RAW = 3, SOCK_RDM = 4, SOCK_SEQPACKET = 5, SOCK_PACKET = 10,
        SOCK_TYPE_MASK = 0xf, SOCK_NONBLOCK = 0x800, SOCK_CLOEXEC = 0x80000;
    public const int SOL_SOCKET = 1, IPPROTO_IP = 0, IPPROTO_TCP = 6, IPPROTO_UDP = 17, IPPROTO_IPV6 = 41;
    public const int SO_REUSEADDR = 2, SO_TYPE = 3, SO_ERROR = 4, SO_SNDBUF = 7, SO_RCVBUF = 8, SO_KEEPALIVE = 9,
        SO_LINGER = 13, SO_PASSCRED = 16, SO_PEERCRED = 17, SO_RCVTIMEO_OLD = 20, SO_SNDTIMEO_OLD = 21, SO_ACCEPTCONN = 30,
        SO_PROTOCOL = 38, SO_DOMAIN = 39, SO_RCVTIMEO_NEW = 66, SO_SNDTIMEO_NEW = 67;
    public const int SCM_RIGHTS = 1, SCM_CREDENTIALS = 2;
    public const int MSG_CTRUNC = 8, MSG_TRUNC = 0x20, MSG_DONTWAIT = 0x40, MSG_NOSIGNAL = 0x4000, MSG_CMSG_CLOEXEC = 0x40000000;
    public const int SHUT_RD = 0, SHUT_WR = 1, SHUT_RDWR = 2;

    public const int EPOLL_CLOEXEC = 0x80000, EPOLL_CTL_ADD = 1, EPOLL_CTL_DEL = 2, EPOLL_CTL_MOD = 3;
    public const int EFD_SEMAPHORE = 1, EFD_CLOEXEC = 0x80000, EFD_NONBLOCK = 0x800;
    public const int TFD_CLOEXEC = 0x80000, TFD_NONBLOCK = 0x800;

    [LibraryImport(L, SetLastError = true)] public static partial int socket(int domain, int type, int protocol);
    [LibraryImport(L, SetLastError = true)] public static partial int socketpair(int domain, int type, int protocol, int* fds);
    [LibraryImport(L, SetLastError = true)] public static partial int bind(int fd, byte* address, uint length);
    [LibraryImport(L, SetLastError = true)] public static partial int connect(int fd, byte* address, uint length);
    [LibraryImport(L, SetLastError = true)] public static partial int listen(int fd, int backlog);
    [LibraryImport(L, SetLastError = true)] public static partial int accept4(int fd, byte* address, uint* length, int flags);
    [LibraryImport(L, SetLastError = true)] public static partial int shutdown(int fd, int how);
    [LibraryImport(L, SetLastError = true)] public static partial int getsockname(int fd, byte* address, uint* length);
    [LibraryImport(L, SetLastError = true)] public static partial int getpeername(int fd, byte* address, uint* length);
    [LibraryImport(L, SetLastError = true)]
    public static partial nint sendto(int fd, byte* buffer, nuint length, int flags, byte* address, uint addressLength);
    [LibraryImport(L, SetLastError = true)]
    public static partial nint recvfrom(int fd, byte* buffer, nuint length, int flags, byte* address, uint* addressLength);
    [LibraryImport(L, SetLastError = true)] public static partial nint sendmsg(int fd, HostMsghdr* message, int flags);
    [LibraryImport(L, SetLastError = true)] public static partial nint recvmsg(int fd, HostMsghdr* message, int flags);
    [LibraryImport(L, SetLastError = true)] public static partial int setsockopt(int fd, int level, int name, byte* value, uint length);
    [LibraryImport(L, SetLastError = true)] public static partial int getsockopt(int fd, int level, int name, byte* value, uint* length);

    [LibraryImport(L, SetLastError = true)] public static partial int epoll_create1(int flags);
    [LibraryImport(L, SetLastError = true)] public static partial int epoll_ctl(int epfd, int op, int fd, HostEpollEvent* ev);
    [LibraryImport(L, SetLastError = true)] public static partial int epoll_wait(int epfd, HostEpollEvent* events, int max, int timeout);
    [LibraryImport(L, SetLastError = true)] public static partial int eventfd(uint initial, int flags);
    [LibraryImport(L, SetLastError = true)] public static partial int timerfd_create(int clock, int flags);
    /// <summary>value and old are struct itimerspec: interval then value, two HostTimespecs.</summary>
    [LibraryImport(L, SetLastError = true)]
    public static partial int timerfd_settime(int fd, int flags, HostTimespec* value, HostTimespec* old);
    [LibraryImport(L, SetLastError = true)] public static partial int timerfd_gettime(int fd, HostTimespec* value);
}
