namespace CrossEmu.Guests.Tests;

/// <summary>
/// Nothing outside the descriptors switches on an ISA's name or keeps a list of ISAs: the CLI,
/// the gdb stub, conformance, bench and the ELF loader ask the registry. Production code only
/// (tests name ISAs as data); the descriptors themselves live in tools/CrossEmu.Guests.
/// </summary>
[TestClass]
public sealed class IsaNamesTests
{
    static readonly string[] ProductionFolders = ["isa", "frontends", "jit", "devices", "machines", "tools"];
    const string DescriptorFolder = "tools/CrossEmu.Guests/";

    static HashSet<string> Names() =>
        GuestIsas.Registry.All.SelectMany(i => i.Aliases.Prepend(i.Name)).ToHashSet(StringComparer.OrdinalIgnoreCase);

    [TestMethod]
    public void NoIsaNameIsSwitchedOnOrListedOutsideTheDescriptors()
    {
        var names = Names();
        var files = RepositoryFiles.CSharpUnder(ProductionFolders).Where(p => !p.StartsWith(DescriptorFolder, StringComparison.Ordinal)).ToList();
        Assert.IsGreaterThan(200, files.Count, "the scan reads the production sources");
        var uses = files.SelectMany(f => IsaNameUse.Find(f, File.ReadAllText(Path.Combine(RepositoryFiles.Root, f)), names)).ToList();
        Assert.IsEmpty(uses, "ask GuestIsas.Registry (or the descriptor) instead:\n" + string.Join("\n", uses));
    }

    [TestMethod]
    [DataRow("""static int F(string isa) => isa switch { "arm" => 1, _ => 0 };""", "a switch")]
    [DataRow("""static int F(string isa) { switch (isa) { case "MIPS": return 1; } return 0; }""", "a switch")]
    [DataRow("""static bool F(string isa) => isa is "mipsel";""", "a switch")]
    [DataRow("""static bool F(string isa) => isa == "mips";""", "a comparison")]
    [DataRow("""static bool F(string isa) => isa.Equals("arm");""", "a comparison")]
    [DataRow("""static readonly string[] All = ["arm", "mips"];""", "a list")]
    [DataRow("""static readonly string[] All = new[] { "mipsel" };""", "a list")]
    public void TheScanFindsEachKindOfUse(string member, string context)
    {
        var uses = IsaNameUse.Find("x.cs", $"class C {{ {member} }}", Names()).ToList();
        Assert.IsNotEmpty(uses);
        Assert.IsTrue(uses.All(u => u.Context == context), string.Join(", ", uses));
    }

    [TestMethod]
    public void NamesAsDataAreNotUses()
    {
        const string source = """
            class C
            {
                static string Layout() => Describe("arm");
                static string Describe(string s) => "an arm program: " + s;
                const string Note = "mips";
            }
            """;
        Assert.IsEmpty(IsaNameUse.Find("x.cs", source, Names()).ToList());
    }
}
