using Spectre.Console;

namespace CrossEmu.Bench;

/// <summary>
/// The console a report is written to: escape codes, colours and live displays on a terminal only,
/// plain text for a log or a pipe, wide enough there that a table's headers are not cut to
/// "progr…" (Spectre assumes 80 columns when it cannot ask a terminal).
/// </summary>
public static class OutputConsole
{
    const int RedirectedWidth = 132;

    public static bool IsTerminal => !Console.IsOutputRedirected;

    public static IAnsiConsole Create()
    {
        bool terminal = IsTerminal;
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = terminal ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = terminal ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = terminal ? InteractionSupport.Detect : InteractionSupport.No,
        });
        if (!terminal) console.Profile.Width = RedirectedWidth;
        return console;
    }
}
