using System.Runtime.CompilerServices;

namespace CrossEmu.Machines.Linux.Tests.Support;

/// <summary>Reads the guest programs kept in Programs/ beside the tests' sources.</summary>
static class ProgramSource
{
    public static string Read(string name) => File.ReadAllText(Path.Combine(Dir(), "..", "Programs", name));

    static string Dir([CallerFilePath] string path = "") => Path.GetDirectoryName(path)!;
}
