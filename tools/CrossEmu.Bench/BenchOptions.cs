namespace CrossEmu.Bench;

/// <summary>What <see cref="BenchCommand.Run"/> measures and how.</summary>
public sealed class BenchOptions
{
    /// <summary>
    /// The command that runs a guest binary under CrossEmu, without the binary:
    /// e.g. <c>["/path/to/crossemu", "run"]</c>. The binary path and nothing else is appended.
    /// Empty: the CrossEmu column shows "n/a".
    /// </summary>
    public string[] CrossEmuPrefix { get; init; } = [];

    /// <summary>Timed runs per program and runner (after one untimed warm-up run).</summary>
    public int Runs { get; init; } = 5;

    /// <summary>Only programs whose name contains this text, or one of its comma-separated parts (case-insensitive).</summary>
    public string? Filter { get; init; }

    /// <summary>
    /// Where <c>testsuites/bench/build.sh</c> puts the binaries (<c>arm/NAME</c>, <c>mips/NAME</c>,
    /// <c>mipsel/NAME</c>, <c>x86_64/NAME</c>).
    /// Null: <c>testsuites/bench/out</c> under the repository root.
    /// </summary>
    public string? BenchDir { get; init; }

    /// <summary>Also time the static hello world (process start-up cost).</summary>
    public bool IncludeHello { get; init; } = true;

    /// <summary>Every guest architecture this build runs, by the names build.sh gives their directories (the ISA registry's names).</summary>
    public required IReadOnlyList<string> KnownArches { get; init; }

    /// <summary>The guest architectures to measure; null or empty: every known one with built binaries.</summary>
    public IReadOnlyList<string>? Arches { get; init; }

    /// <summary>The reference emulator of an architecture (looked up on PATH when not a path).</summary>
    public required Func<string, string> QemuCommandFor { get; init; }

    /// <summary>
    /// Another CrossEmu build's command, like CrossEmuPrefix (its `crossemu run`), measured in the
    /// same interleaved runs as a "CE base" column, so a change is compared with what it changes.
    /// Empty: no such column.
    /// </summary>
    public string[] BaselinePrefix { get; init; } = [];

    /// <summary>
    /// Run Debian's real programs (testsuites/bench/real/programs.txt) from guest sysroots instead
    /// of the benchmark programs built here.
    /// </summary>
    public bool Real { get; init; }

    /// <summary>The Debian port of an architecture, whose sysroot --real uses; null: none.</summary>
    public Func<string, string?> DebianArchFor { get; init; } = _ => null;

    /// <summary>
    /// After the timed runs, run each program once more under CrossEmu with `run --profile` (untimed,
    /// so the measurement costs the timings nothing) and print where its time went.
    /// </summary>
    public bool Profile { get; init; }

    /// <summary>Do not call build.sh even when binaries are missing.</summary>
    public bool NoBuild { get; init; }

    /// <summary>A single run taking longer than this is killed and counted as failed.</summary>
    public TimeSpan RunTimeout { get; init; } = TimeSpan.FromMinutes(5);
}
