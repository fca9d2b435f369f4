using System.Collections.Concurrent;

namespace CrossEmu.Devices.Logging;

/// <summary>What a device log line is about; the CLI maps categories to <c>-d</c> names.</summary>
[Flags]
public enum LogCategory
{
    None = 0,

    /// <summary>The guest touched something the model declares but does not implement (tagged or
    /// reserved bits, unknown registers, unsupported commands). <c>-d unimp</c>.</summary>
    Unimplemented = 1,

    /// <summary>The guest did something a real device would reject or ignore (bad descriptor chains,
    /// writes to read-only registers, accesses to nothing). <c>-d guest_errors</c>.</summary>
    GuestError = 2,

    /// <summary>Normal but noteworthy device activity (resets, power-off).</summary>
    Info = 4,

    All = Unimplemented | GuestError | Info,
}

/// <summary>
/// The logger handed to devices (a constructor parameter). The machine sets <see cref="Sink"/>;
/// without one, nothing is printed. Each event is one line; repeats of the same site (a key the
/// caller chooses, usually device+register) are rate-limited: the first <see cref="RepeatLimit"/>
/// are printed, then one note that further ones are suppressed.
/// </summary>
public sealed class DeviceLog
{
    readonly ConcurrentDictionary<string, int> sites = new();

    /// <summary>Receives one formatted line per event, or null to discard. Set by the machine (the
    /// CLI routes it to its <c>-d</c> log).</summary>
    public Action<string>? Sink { get; set; }

    /// <summary>Which categories reach the sink (all by default; the CLI sets them from
    /// <c>-d unimp</c> and <c>-d guest_errors</c>).</summary>
    public LogCategory Categories { get; set; } = LogCategory.All;

    /// <summary>How many lines one site prints before it is suppressed.</summary>
    public int RepeatLimit { get; set; } = 5;

    /// <summary>A log that prints nowhere (for devices built without a machine).</summary>
    public static DeviceLog Null => new();

    public DeviceLog() { }

    /// <summary>A log that sends every line to one sink (tests, simple front ends).</summary>
    public DeviceLog(Action<string> sink, LogCategory categories = LogCategory.All)
    {
        Sink = sink;
        Categories = categories;
    }

    public bool IsEnabled(LogCategory category) => Sink != null && (Categories & category) != 0;

    /// <summary>Logs one event; <paramref name="site"/> identifies where (for rate limiting), the
    /// message is formatted only when it will be printed.</summary>
    public void Log(LogCategory category, string site, Func<string> message)
    {
        var sink = Sink;
        if (sink == null || (Categories & category) == 0) return;
        int n = sites.AddOrUpdate(category + ":" + site, 1, (_, c) => c == int.MaxValue ? c : c + 1);
        if (n > RepeatLimit + 1) return;
        string prefix = NameOf(category);
        sink(n <= RepeatLimit ? $"[{prefix}] {site}: {message()}" : $"[{prefix}] {site}: further messages suppressed");
    }

    public void Log(LogCategory category, string site, string message) => Log(category, site, () => message);

    /// <summary>A category's <c>-d</c> name (also the prefix of its lines).</summary>
    public static string NameOf(LogCategory category) => category switch
    {
        LogCategory.Unimplemented => "unimp",
        LogCategory.GuestError => "guest_errors",
        _ => "info",
    };

    /// <summary>The categories that <c>-d</c> items name (other items belong to other logs and are ignored here).</summary>
    public static LogCategory FromNames(IEnumerable<string> items) =>
        items.Aggregate(LogCategory.None, (all, item) => all | (
            item == NameOf(LogCategory.Unimplemented) ? LogCategory.Unimplemented
            : item == NameOf(LogCategory.GuestError) ? LogCategory.GuestError
            : LogCategory.None));

    public void Unimplemented(string site, string message) => Log(LogCategory.Unimplemented, site, message);

    public void GuestError(string site, string message) => Log(LogCategory.GuestError, site, message);

    public void Info(string site, string message) => Log(LogCategory.Info, site, message);
}
