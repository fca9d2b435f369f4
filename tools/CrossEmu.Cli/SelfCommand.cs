namespace CrossEmu.Cli;

/// <summary>How to start this CrossEmu again (bench's runs, binfmt_misc's launcher, a guest's fork children): its apphost, or `dotnet crossemu.dll`.</summary>
static class SelfCommand
{
    /// <summary>The command words before the verb.</summary>
    public static string[] Prefix()
    {
        var self = Environment.ProcessPath ?? throw new UserError("cannot find the crossemu executable");
        return Path.GetFileNameWithoutExtension(self) == "dotnet" ? [self, typeof(SelfCommand).Assembly.Location] : [self];
    }
}
