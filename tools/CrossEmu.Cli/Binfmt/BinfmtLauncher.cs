namespace CrossEmu.Cli.Binfmt;

/// <summary>
/// The interpreter binfmt_misc runs: a small /bin/sh script, written at install time, that turns the
/// kernel's `launcher path argv0 args...` (flag P) into `crossemu run [-L root] -0 argv0 -- path args...`.
/// A script rather than the CLI itself: the kernel passes the interpreter no options of its own, and
/// the script holds -L and starts this CLI directly (its apphost, or dotnet and crossemu.dll), without
/// the `crossemu` script's check for changed sources on every exec. It finds /bin/sh, itself and the CLI
/// by path, so those must be visible where the guest program runs (the host, or a container that
/// mounts them at the same place).
/// </summary>
static class BinfmtLauncher
{
    /// <summary>The second line of every launcher: uninstall deletes only files that carry it.</summary>
    const string Marker = "# crossemu binfmt launcher";

    public static string Script(IReadOnlyList<string> crossemu, string? sysroot)
    {
        var run = crossemu.Append("run").Concat(sysroot == null ? [] : ["-L", sysroot]).Select(Quote);
        return $$"""
            #!/bin/sh -p
            {{Marker}}: written by `crossemu binfmt install`, deleted by `crossemu binfmt uninstall`.
            # binfmt_misc runs it as: launcher PROGRAM ARGV0 ARGS... (flag P)
            # sh -p: a set-user-ID program (flag C) or caller keeps its effective user, as on a native exec (dash resets it).
            # As the crossemu script: the .NET runtime runs without W^X, and the guest does not see that variable.
            if [ -z "${DOTNET_EnableWriteXorExecute+set}" ]; then
              export DOTNET_EnableWriteXorExecute=0 CROSSEMU_LAUNCHER_ENV=DOTNET_EnableWriteXorExecute
            fi
            program="$1" argv0="$2"
            shift 2
            exec {{string.Join(" ", run)}} -0 "$argv0" -- "$program" "$@"

            """;
    }

    /// <summary>Writes the launcher (mode 755), beside and then renamed into place: a registered entry with
    /// flag F holds the old file open, which may refuse writes.</summary>
    public static void Write(string path, string script)
    {
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            var temporary = path + ".new";
            File.WriteAllText(temporary, script);
            if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(temporary, (UnixFileMode)0b111_101_101);
            File.Move(temporary, path, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UserError($"binfmt: cannot write the launcher {path}: {e.Message}");
        }
    }

    /// <summary>Deletes a launcher this verb wrote; any other file is left alone.</summary>
    public static void DeleteIfOurs(string path)
    {
        try
        {
            if (File.Exists(path) && File.ReadLines(path).Skip(1).FirstOrDefault()?.StartsWith(Marker, StringComparison.Ordinal) == true)
                File.Delete(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { }
    }

    /// <summary>A word for /bin/sh, single-quoted.</summary>
    static string Quote(string word) => "'" + word.Replace("'", "'\\''") + "'";
}
