namespace CrossEmu.Machines.Linux.Syscalls;

/// <summary>An ABI's syscall numbers bound to implementations: the declarative table the dispatcher uses.</summary>
public sealed class SyscallTable
{
    readonly Dictionary<int, SyscallEntry> byNumber = new();

    /// <param name="numbers">The ABI's (number, Linux name) list, e.g. from asm/unistd.h.</param>
    /// <param name="catalog">Implementations by name (the common ones plus the ABI's own).</param>
    public SyscallTable(IEnumerable<(int Number, string Name)> numbers, SyscallCatalog catalog)
    {
        foreach (var (n, name) in numbers) byNumber[n] = new SyscallEntry(n, name, catalog.Find(name));
    }

    public SyscallEntry? Find(int number) => byNumber.GetValueOrDefault(number);

    public IEnumerable<SyscallEntry> Entries => byNumber.Values.OrderBy(e => e.Number);

    public int ImplementedCount => byNumber.Values.Count(e => e.Implementation != null);
}
