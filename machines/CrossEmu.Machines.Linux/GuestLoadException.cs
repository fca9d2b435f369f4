namespace CrossEmu.Machines.Linux;

/// <summary>A guest program cannot be loaded; the message is one line meant for the user.</summary>
public sealed class GuestLoadException : Exception
{
    public GuestLoadException(string message) : base(message) { }
}
