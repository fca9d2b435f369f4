using CrossEmu.Frontends.X86.Boot;

namespace CrossEmu.Machines.SystemMode.X86.Boot;

/// <summary>A read-only mapping of firmware bytes into the guest-physical address space.</summary>
public sealed record FirmwareMapping(ulong Address, ReadOnlyMemory<byte> Bytes)
{
    public ulong Size => (ulong)Bytes.Length;
    public ulong End => Address + Size;
}

/// <summary>
/// A raw <c>-bios</c> image: at most 16 MiB, padded at the front (with 0xFF, like erased flash)
/// to a multiple of 64 KiB so that its last byte stays at 0xFFFFFFFF. It is mapped read-only at
/// 4 GiB - size, and its last min(size, 128 KiB) also just below 1 MiB (the isa-bios alias the
/// real-mode part of a BIOS runs from); the CPU starts at the reset vector, 16 bytes below 4 GiB.
/// </summary>
public sealed class FirmwareImage
{
    public const int MaxSize = 16 << 20, Granule = 64 << 10, LowAliasMaxSize = 128 << 10;
    public const ulong FourGiB = 1UL << 32, LowAliasEnd = 0x100000;

    public string FileName { get; }
    /// <summary>The padded image.</summary>
    public ReadOnlyMemory<byte> Bytes { get; }
    /// <summary>The whole image, ending at 4 GiB.</summary>
    public FirmwareMapping High { get; }
    /// <summary>The image's last min(size, 128 KiB), ending at 1 MiB.</summary>
    public FirmwareMapping LowAlias { get; }
    public X86EntryState Entry => X86EntryState.ResetVector();

    FirmwareImage(byte[] raw, string fileName)
    {
        FileName = fileName;
        if (raw.Length == 0) throw new BootImageException($"{fileName}: the firmware image is empty");
        if (raw.Length > MaxSize)
            throw new BootImageException($"{fileName}: the firmware image is {raw.Length} bytes; at most {MaxSize >> 20} MiB fit below 4 GiB");
        int padded = (raw.Length + Granule - 1) / Granule * Granule;
        var bytes = new byte[padded];
        bytes.AsSpan(0, padded - raw.Length).Fill(0xFF);
        raw.CopyTo(bytes, padded - raw.Length);
        Bytes = bytes;
        High = new FirmwareMapping(FourGiB - (ulong)padded, Bytes);
        int alias = Math.Min(padded, LowAliasMaxSize);
        LowAlias = new FirmwareMapping(LowAliasEnd - (ulong)alias, Bytes[(padded - alias)..]);
    }

    public static FirmwareImage Parse(byte[] raw, string fileName) => new(raw, fileName);

    public static FirmwareImage Load(string path)
    {
        try { return Parse(File.ReadAllBytes(path), path); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new BootImageException($"{path}: {KernelImage.Describe(e)}");
        }
    }
}
