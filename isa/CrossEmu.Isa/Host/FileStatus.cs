using System.Buffers.Binary;

namespace CrossEmu.Isa.Host;

/// <summary>A file's status as the host reports it through statx; ABI writers turn it into guest structs.</summary>
public readonly record struct FileStatus(
    ulong Device, ulong Inode, uint Mode, uint Links, uint Uid, uint Gid, ulong RawDevice, long Size, uint BlockSize,
    ulong Blocks, long AccessSeconds, uint AccessNanoseconds, long ModifySeconds, uint ModifyNanoseconds,
    long ChangeSeconds, uint ChangeNanoseconds)
{
    public const int StatxSize = 256;
    public const uint StatxBasicStats = 0x7ff;

    /// <summary>Linux's new_encode_dev: the dev_t encoding of stat and stat64.</summary>
    public static ulong EncodeDevice(uint major, uint minor) => (minor & 0xff) | (major << 8) | ((ulong)(minor & ~0xffu) << 12);

    /// <summary>Reads a host (little-endian x86-64) struct statx.</summary>
    public static FileStatus FromStatx(ReadOnlySpan<byte> statx)
    {
        var s = statx.ToArray();
        uint U32(int o) => BinaryPrimitives.ReadUInt32LittleEndian(s.AsSpan(o));
        ulong U64(int o) => BinaryPrimitives.ReadUInt64LittleEndian(s.AsSpan(o));
        return new FileStatus(
            Device: EncodeDevice(U32(136), U32(140)), Inode: U64(32), Mode: BinaryPrimitives.ReadUInt16LittleEndian(s.AsSpan(28)),
            Links: U32(16), Uid: U32(20), Gid: U32(24), RawDevice: EncodeDevice(U32(128), U32(132)), Size: (long)U64(40),
            BlockSize: U32(4), Blocks: U64(48),
            AccessSeconds: (long)U64(64), AccessNanoseconds: U32(72),
            ModifySeconds: (long)U64(112), ModifyNanoseconds: U32(120),
            ChangeSeconds: (long)U64(96), ChangeNanoseconds: U32(104));
    }

    /// <summary>(offset, width) of every field of struct statx, for byte-swapping it to a big-endian guest.</summary>
    public static readonly (int Offset, int Size)[] StatxFields =
    [
        (0, 4), (4, 4), (8, 8), (16, 4), (20, 4), (24, 4), (28, 2), (32, 8), (40, 8), (48, 8), (56, 8),
        (64, 8), (72, 4), (80, 8), (88, 4), (96, 8), (104, 4), (112, 8), (120, 4),
        (128, 4), (132, 4), (136, 4), (140, 4), (144, 8), (152, 4), (156, 4),
    ];
}
