using System.Buffers.Binary;

namespace CrossEmu.Machines.SystemMode.X86.Boot;

public enum KernelImageKind { BzImage, Multiboot }

/// <summary>A <c>-kernel</c> file told apart by its contents: a Linux bzImage or a multiboot kernel.</summary>
public sealed class KernelImage
{
    public KernelImageKind Kind { get; }
    /// <summary>Set when <see cref="Kind"/> is <see cref="KernelImageKind.BzImage"/>.</summary>
    public BzImage? Linux { get; }
    /// <summary>Set when <see cref="Kind"/> is <see cref="KernelImageKind.Multiboot"/>.</summary>
    public MultibootImage? Multiboot { get; }

    KernelImage(BzImage linux) { Kind = KernelImageKind.BzImage; Linux = linux; }
    KernelImage(MultibootImage multiboot) { Kind = KernelImageKind.Multiboot; Multiboot = multiboot; }

    /// <summary>Reads and parses <paramref name="path"/>; any problem is a one-line <see cref="BootImageException"/>.</summary>
    public static KernelImage Detect(string path)
    {
        byte[] data;
        try { data = File.ReadAllBytes(path); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new BootImageException($"{path}: {Describe(e)}");
        }
        return Detect(data, path);
    }

    public static KernelImage Detect(byte[] data, string fileName)
    {
        bool hdrS = data.Length >= BzImage.OffHeader + 4 && BinaryPrimitives.ReadUInt32LittleEndian(data.AsSpan(BzImage.OffHeader)) == BzImage.HeaderMagic;
        if (hdrS) return new KernelImage(BzImage.Parse(data, fileName));
        if (MultibootImage.FindHeader(data, out var why) >= 0) return new KernelImage(MultibootImage.Parse(data, fileName));
        bool isElf = data.Length >= 4 && data[0] == 0x7F && data[1] == 'E' && data[2] == 'L' && data[3] == 'F';
        string reason = data.Length == 0 ? "the file is empty"
            : isElf ? $"an ELF file without a multiboot header (for Linux use the bzImage, not vmlinux); {why}"
            : $"no \"HdrS\" setup header at 0x202, and {why}";
        throw new BootImageException($"{fileName}: not a bzImage or multiboot image: {reason}");
    }

    /// <summary>A file-system error as the end of a one-line message.</summary>
    internal static string Describe(Exception e) => e switch
    {
        FileNotFoundException or DirectoryNotFoundException => "no such file",
        UnauthorizedAccessException => "permission denied",
        _ => e.Message.ReplaceLineEndings(" "),
    };
}
