using System.Text;
using CrossEmu.Isa.Host;
using CrossEmu.Machines.Linux.Abi;
using static CrossEmu.Isa.Host.Libc;

namespace CrossEmu.Machines.Linux.Strace;

/// <summary>What stat, statx, statfs and getdents fill in, summarised the way strace does.</summary>
static class FileStructFormats
{
    static readonly ValueTable FileTypes = new(("S_IFSOCK", 0xc000), ("S_IFLNK", 0xa000), ("S_IFREG", 0x8000),
        ("S_IFBLK", 0x6000), ("S_IFDIR", 0x4000), ("S_IFCHR", 0x2000), ("S_IFIFO", 0x1000));
    static readonly FlagTable SpecialBits = new(("S_ISUID", 0x800), ("S_ISGID", 0x400), ("S_ISVTX", 0x200));
    const uint SpecialMask = 0xe00;

    public static IEnumerable<ArgumentKind> Kinds =>
    [
        ArgumentKind.Out("out_stat", (call, slot) => Stat(call, slot, call.Structs.Stat)),
        ArgumentKind.Out("out_stat64", (call, slot) => Stat(call, slot, call.Structs.Stat64)),
        ArgumentKind.Out("out_statx", Statx),
        ArgumentKind.Out("out_statfs64", Statfs64),
        ArgumentKind.Out("out_dirents", Dirents),
    ];

    /// <summary>st_mode as S_IFREG|0644 (S_ISUID and friends by name).</summary>
    public static string StatMode(uint mode)
    {
        var sb = new StringBuilder();
        if (FileTypes.Find(mode & S_IFMT) is { } type) sb.Append(type).Append('|');
        else if ((mode & S_IFMT) != 0) sb.Append($"0{Convert.ToString(mode & S_IFMT, 8)}|");
        if ((mode & SpecialMask) != 0) sb.Append(SpecialBits.Format(mode & SpecialMask)).Append('|');
        return sb.Append(ScalarFormats.Mode(mode & 0x1ff)).ToString();
    }

    // The size, or the device numbers for a device node (major in bits 8-19 and 32-43 of a Linux dev_t).
    static string SizeOrDevice(uint mode, ulong size, ulong rdev)
    {
        if ((mode & S_IFMT) is not (S_IFCHR or S_IFBLK)) return $"st_size={size}";
        ulong major = ((rdev >> 8) & 0xfff) | ((rdev >> 32) & 0xfffff000), minor = (rdev & 0xff) | ((rdev >> 12) & 0xffffff00);
        return $"st_rdev=makedev(0x{major:x}, 0x{minor:x})";
    }

    static string? Stat(StraceCall call, int slot, Stat64Layout? l)
    {
        if (l == null || call.ReadStruct(call[slot], l.Size) is not { } bytes) return Quoting.Pointer(call[slot]);
        var s = call.Struct(bytes);
        uint mode = (uint)s.Get(l.Mode);
        return $"{{st_mode={StatMode(mode)}, {SizeOrDevice(mode, s.Get(l.FileSize), s.Get(l.Rdev))}, ...}}";
    }

    // struct statx is the same on every ABI: fixed-width fields at fixed offsets.
    const int StxMask = 0, StxMode = 28, StxSize = 40, StxRdevMajor = 128, StxRdevMinor = 132;

    static string? Statx(StraceCall call, int slot)
    {
        if (call.ReadStruct(call[slot], FileStatus.StatxSize) is not { } bytes) return Quoting.Pointer(call[slot]);
        var s = call.Struct(bytes);
        uint mode = (uint)s.Get(Field.U16(StxMode));
        string sizeOrDevice = (mode & S_IFMT) is S_IFCHR or S_IFBLK
            ? $"stx_rdev_major={s.Get(Field.U32(StxRdevMajor))}, stx_rdev_minor={s.Get(Field.U32(StxRdevMinor))}"
            : $"stx_size={s.Get(Field.U64(StxSize))}";
        return $"{{stx_mask=0x{s.Get(Field.U32(StxMask)):x}, stx_mode={StatMode(mode)}, {sizeOrDevice}, ...}}";
    }

    static string? Statfs64(StraceCall call, int slot)
    {
        var l = call.Structs.Statfs64;
        if (call.ReadStruct(call[slot], l.Size) is not { } bytes) return Quoting.Pointer(call[slot]);
        var s = call.Struct(bytes);
        return $"{{f_type=0x{s.Get(l.Type):x}, f_bsize={s.Get(l.BlockSize)}, f_blocks={s.Get(l.Blocks)}, f_bfree={s.Get(l.FreeBlocks)}, " +
            $"f_bavail={s.Get(l.AvailableBlocks)}, f_files={s.Get(l.Files)}, f_ffree={s.Get(l.FreeFiles)}, f_namelen={s.Get(l.NameLength)}, ...}}";
    }

    // struct linux_dirent64: d_ino, d_off (8 bytes each), then d_reclen.
    const int DirentRecordLength = 16;

    static string? Dirents(StraceCall call, int slot)
    {
        int entries = 0;
        for (long at = 0; at < call.Result; entries++)
        {
            if (call.Read(call[slot] + (uint)at + DirentRecordLength, 2) is not { } b) break;
            int length = (int)call.Struct(b).Get(Field.U16(0));
            if (length == 0) break;
            at += length;
        }
        return $"0x{call[slot]:x} /* {entries} entries */";
    }
}
