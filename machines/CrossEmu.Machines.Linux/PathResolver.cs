namespace CrossEmu.Machines.Linux;

/// <summary>
/// Turns guest paths into host paths: absolute paths are looked up under the -L sysroot first
/// (like qemu-user's path()), and /proc/self/exe names the guest program, not the emulator.
/// </summary>
public sealed class PathResolver(string? sysroot, string executablePath)
{
    public string? Sysroot { get; } = string.IsNullOrEmpty(sysroot) ? null : Path.GetFullPath(sysroot);

    /// <summary>Absolute host path of the guest program.</summary>
    public string ExecutablePath { get; } = Path.GetFullPath(executablePath);

    public string ToHost(string guestPath)
    {
        if (IsSelfExe(guestPath)) return ExecutablePath;
        if (Sysroot == null || !guestPath.StartsWith('/')) return guestPath;
        var candidate = Sysroot + guestPath;
        return File.Exists(candidate) || Directory.Exists(candidate) || new FileInfo(candidate).LinkTarget != null ? candidate : guestPath;
    }

    /// <summary>/proc/self/exe or /proc/&lt;our pid&gt;/exe.</summary>
    public static bool IsSelfExe(string path) =>
        path == "/proc/self/exe" || path == $"/proc/{Environment.ProcessId}/exe";
}
