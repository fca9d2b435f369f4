using CrossEmu.Machines.Linux.Abi;

namespace CrossEmu.Machines.Linux.Mips;

/// <summary>
/// MIPS socket numbering (asm/sock_types.h, asm/socket.h), kept from IRIX: SOCK_DGRAM 1 and SOCK_STREAM 2,
/// SOL_SOCKET 0xffff, and SO_* options partly in the 0x1000 range.
/// </summary>
static class MipsSockets
{
    public static readonly SocketNumbering Numbering = new(
        solSocket: 0xffff,
        types: [(Guest: 1 /* SOCK_DGRAM */, Host: 2), (Guest: 2 /* SOCK_STREAM */, Host: 1)],
        options:
        [
            (0x0004, 2) /* SO_REUSEADDR */, (0x0008, 9) /* SO_KEEPALIVE */, (0x0010, 5) /* SO_DONTROUTE */,
            (0x0020, 6) /* SO_BROADCAST */, (0x0080, 13) /* SO_LINGER */, (0x0100, 10) /* SO_OOBINLINE */,
            (0x0200, 15) /* SO_REUSEPORT */, (0x1001, 7) /* SO_SNDBUF */, (0x1002, 8) /* SO_RCVBUF */,
            (0x1003, 19) /* SO_SNDLOWAT */, (0x1004, 18) /* SO_RCVLOWAT */, (0x1005, 21) /* SO_SNDTIMEO_OLD */,
            (0x1006, 20) /* SO_RCVTIMEO_OLD */, (0x1007, 4) /* SO_ERROR */, (0x1008, 3) /* SO_TYPE */,
            (0x1009, 30) /* SO_ACCEPTCONN */, (0x1028, 38) /* SO_PROTOCOL */, (0x1029, 39) /* SO_DOMAIN */,
            (17, 16) /* SO_PASSCRED */, (18, 17) /* SO_PEERCRED */, (30, 31) /* SO_PEERSEC */, (31, 32) /* SO_SNDBUFFORCE */,
        ]);
}
