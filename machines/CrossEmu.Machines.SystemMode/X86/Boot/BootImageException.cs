namespace CrossEmu.Machines.SystemMode.X86.Boot;

/// <summary>A kernel, initrd or firmware image that cannot be booted; the message is one line naming the file and what is wrong.</summary>
public sealed class BootImageException(string message) : Exception(message);
