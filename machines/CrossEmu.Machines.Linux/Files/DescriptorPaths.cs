namespace CrossEmu.Machines.Linux.Files;

/// <summary>
/// The paths that name a descriptor by number: /proc/self/fd/N (and /proc/PID/fd/N), /dev/fd/N and
/// /dev/stdin, stdout, stderr. On the host they would name the host's descriptor N, which is not the
/// guest's: they are rewritten to the host descriptor behind guest N (bash's process substitution,
/// `cat /dev/stdin` and `readlink /proc/self/fd/3` rely on them).
/// </summary>
public static class DescriptorPaths
{
    const string HostDescriptors = "/proc/self/fd";

    /// <summary>The host path for a guest path that names a guest descriptor, else null.</summary>
    public static string? ToHost(string guestPath, DescriptorTable files, int pid)
    {
        string? rest = guestPath switch
        {
            "/dev/stdin" => "0",
            "/dev/stdout" => "1",
            "/dev/stderr" => "2",
            _ => AfterPrefix(guestPath, "/dev/fd/") ?? AfterPrefix(guestPath, "/proc/self/fd/") ?? AfterPrefix(guestPath, $"/proc/{pid}/fd/"),
        };
        if (rest == null) return null;
        int slash = rest.IndexOf('/');
        string number = slash < 0 ? rest : rest[..slash];
        if (!int.TryParse(number, System.Globalization.NumberStyles.None, null, out int fd)) return null;
        // A number that is not open names nothing (ENOENT), whatever the host has there.
        int host = files.HostOf(fd);
        string tail = slash < 0 ? "" : rest[slash..];
        return host < 0 ? $"{HostDescriptors}/-1{tail}" : $"{HostDescriptors}/{host}{tail}";
    }

    /// <summary>True for the directory that lists the guest's descriptors.</summary>
    public static bool IsDescriptorDirectory(string guestPath, int pid) =>
        guestPath.TrimEnd('/') is "/proc/self/fd" or "/dev/fd" || guestPath.TrimEnd('/') == $"/proc/{pid}/fd";

    static string? AfterPrefix(string path, string prefix) =>
        path.StartsWith(prefix, StringComparison.Ordinal) && path.Length > prefix.Length ? path[prefix.Length..] : null;
}
