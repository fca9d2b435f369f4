namespace CrossEmu.Machines.SystemMode.Console;

public enum ConsoleCommand { None, Quit, Help }

/// <summary>
/// QEMU's serial-console escapes on the bytes typed at the host: Ctrl-A X quits, Ctrl-A H prints
/// help, Ctrl-A Ctrl-A sends one Ctrl-A to the guest; every other byte goes to the guest as is.
/// Kept apart from the terminal so the rules are testable.
/// </summary>
public sealed class ConsoleEscape
{
    public const byte CtrlA = 0x01;

    public const string HelpText = "C-a h    print this help\r\nC-a x    exit emulator\r\nC-a C-a  sends C-a\r\n";

    bool escaped;

    /// <summary>Filters typed bytes: writes what the guest should get into <paramref name="toGuest"/>
    /// and returns the first command seen (the bytes after a Quit are dropped).</summary>
    public ConsoleCommand Feed(ReadOnlySpan<byte> typed, List<byte> toGuest)
    {
        foreach (var b in typed)
        {
            if (!escaped)
            {
                if (b == CtrlA) escaped = true;
                else toGuest.Add(b);
                continue;
            }
            escaped = false;
            switch (b)
            {
                case (byte)'x' or (byte)'X': return ConsoleCommand.Quit;
                case (byte)'h' or (byte)'H' or (byte)'?': return ConsoleCommand.Help;
                case CtrlA: toGuest.Add(CtrlA); break;
                default: break; // unknown escapes are swallowed, as in QEMU
            }
        }
        return ConsoleCommand.None;
    }
}
