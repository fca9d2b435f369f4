using System.Text;

namespace CrossEmu.Cli.Binfmt;

/// <summary>
/// One binfmt_misc registration: files matching Magic are run by Interpreter with Flags, written to
/// the register file as `:name:M:offset:magic:mask:interpreter:flags`.
/// </summary>
sealed record BinfmtEntry(string Name, BinfmtMagic Magic, string Interpreter, string Flags)
{
    /// <summary>
    /// P: preserve argv[0] (the interpreter runs as `interp path argv0 args...`); F: the kernel opens the
    /// interpreter at registration, not at each exec in the caller's mount namespace (what container builds
    /// need of a static interpreter; CrossEmu's launcher script still reopens /bin/sh, itself and the CLI by
    /// path); C, only when asked: credentials and setuid bits come from the program (implies O, an open
    /// descriptor of it). In the order the kernel lists them.
    /// </summary>
    public static string FlagsFor(bool credentials) => credentials ? "PCF" : "PF";

    /// <summary>The register file's longest accepted line (MAX_REGISTER_LENGTH in fs/binfmt_misc.c).</summary>
    const int MaxRegisterLength = 1920;

    /// <summary>The line to write to the register file; every magic and mask byte escaped as \xHH.</summary>
    public string RegisterLine()
    {
        if (Name.Length == 0 || Name is "." or ".." || Name.IndexOfAny(['/', ':', '\n']) >= 0)
            throw new UserError($"binfmt: '{Name}' cannot name a binfmt_misc entry (no '/', ':' or newline)");
        if (!Path.IsPathRooted(Interpreter) || Interpreter.IndexOfAny([':', '\n']) >= 0)
            throw new UserError($"binfmt: the interpreter path {Interpreter} must be absolute, without ':' (binfmt_misc's separator)");
        var line = $":{Name}:M:{Magic.Offset}:{Escape(Magic.Magic)}:{Escape(Magic.Mask)}:{Interpreter}:{Flags}";
        if (line.Length > MaxRegisterLength)
            throw new UserError($"binfmt: the registration of {Name} is longer than binfmt_misc takes ({MaxRegisterLength}); use a shorter path");
        return line;
    }

    static string Escape(byte[] bytes)
    {
        var sb = new StringBuilder(bytes.Length * 4);
        foreach (var b in bytes) sb.Append($"\\x{b:x2}");
        return sb.ToString();
    }
}
