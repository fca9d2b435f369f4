namespace CrossEmu.Machines.SystemMode.X86.Boot;

/// <summary>An initial ramdisk to copy into guest RAM as is, from a file (read straight into guest memory) or from bytes.</summary>
public sealed class Initrd
{
    readonly string? path;
    readonly byte[]? bytes;

    public string Name { get; }
    public long Length { get; }

    Initrd(string name, string? path, byte[]? bytes, long length)
    {
        Name = name;
        this.path = path;
        this.bytes = bytes;
        Length = length;
    }

    public static Initrd FromBytes(string name, byte[] bytes) => new(name, null, bytes, bytes.Length);

    public static Initrd FromFile(string path)
    {
        try
        {
            var info = new FileInfo(path);
            if (!info.Exists) throw new BootImageException($"{path}: no such file");
            return new Initrd(path, path, null, info.Length);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new BootImageException($"{path}: {KernelImage.Describe(e)}");
        }
    }

    /// <summary>Copies the whole ramdisk into <paramref name="destination"/>, which is exactly <see cref="Length"/> bytes.</summary>
    public void CopyTo(Span<byte> destination)
    {
        if (destination.Length != Length) throw new ArgumentException("the destination is not the initrd's size");
        if (bytes != null)
        {
            bytes.CopyTo(destination);
            return;
        }
        try
        {
            using var f = File.OpenRead(path!);
            while (destination.Length > 0)
            {
                int n = f.Read(destination);
                if (n == 0) throw new BootImageException($"{Name}: the file shrank while it was being loaded");
                destination = destination[n..];
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new BootImageException($"{Name}: {KernelImage.Describe(e)}");
        }
    }
}
