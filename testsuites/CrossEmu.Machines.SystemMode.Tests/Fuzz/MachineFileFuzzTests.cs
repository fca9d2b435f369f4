using System.Text.RegularExpressions;
using CrossEmu.Devices.Character;
using CrossEmu.Machines.SystemMode.Definition;
using CrossEmu.Machines.SystemMode.Tests.X86.Guests;
using CrossEmu.Machines.SystemMode.X86;

namespace CrossEmu.Machines.SystemMode.Tests.Fuzz;

/// <summary>
/// A few hundred mutants of x86-pc.yaml through what `crossemu machines FILE` does (load, validate,
/// address map) and what `crossemu system -M FILE -bios ...` does (the x86-pc machine built from it):
/// each one loads with a map that does not wrap, or is refused with one "file:line: ..." line (which
/// the CLI turns into exit code 1). No other exception may escape.
/// </summary>
[TestClass]
public sealed class MachineFileFuzzTests
{
    const int Seed = 20261207, Count = 400;

    [TestMethod]
    public void MutantsOfX86PcLoadOrGiveOneFileLineError()
    {
        var original = File.ReadAllText(Path.Combine(X86Guests.RepoRoot, "machines", "platforms", "x86-pc.yaml"));
        var dir = Directory.CreateTempSubdirectory("crossemu-fuzz-");
        try
        {
            // A firmware image that loads, so that a machine file that loads builds a whole machine (and is disposed).
            var bios = Path.Combine(dir.FullName, "firmware.bin");
            File.WriteAllBytes(bios, new byte[4096]);
            var mutator = new MachineFileMutator(original, Seed);
            var failures = new List<string>();
            int loaded = 0;
            for (int i = 0; i < Count; i++)
            {
                var mutant = mutator.Next();
                var path = Path.Combine(dir.FullName, $"mutant{i:D3}.yaml");
                File.WriteAllText(path, mutant.Text);
                var (ok, problem) = Check(path, bios);
                if (ok) loaded++;
                if (problem != null) failures.Add($"mutant {i} ({string.Join("; ", mutant.Mutations)}): {problem}");
            }
            Assert.IsEmpty(failures, $"{failures.Count} of {Count} mutants:\n" + string.Join("\n", failures.Take(30)));
            // Both outcomes must be common, or the mutations are too mild or too wild to test anything.
            Assert.IsTrue(loaded > Count / 8 && loaded < Count * 7 / 8, $"{loaded} of {Count} mutants loaded");
        }
        finally
        {
            dir.Delete(true);
        }
    }

    /// <summary>Whether the file loaded, and what is wrong with how either path handled it (null: nothing).</summary>
    static (bool Loaded, string? Problem) Check(string path, string bios)
    {
        string? refusal = null;
        try
        {
            var machine = MachineCatalog.Default.Load(path, DeviceCatalog.Default);
            if (WrongRow(machine) is { } wrong) return (true, "machines: " + wrong);
        }
        catch (MachineFileException e)
        {
            refusal = e.Message;
            if (!IsFileLineError(path, e.Message)) return (false, $"machines: not one file:line error: {Short(e.Message)}");
        }
        catch (Exception e)
        {
            return (false, $"machines: {e.GetType().Name} escaped: {Short(e.Message)}");
        }

        try
        {
            using var x86 = new X86PcMachine(new SystemOptions { Machine = path, Bios = bios }, new BufferCharBackend(), TextWriter.Null);
            if (refusal != null) return (false, "system built a machine that machines refused: " + Short(refusal));
        }
        catch (SystemSetupException e)
        {
            // The file's error exactly as machines gave it; or, for a file that loads, an x86-pc set-up error in one line.
            if (refusal != null && e.Message != "broken machine file " + refusal)
                return (false, $"system: '{Short(e.Message)}' where machines said '{Short(refusal)}'");
            if (e.Message.StartsWith("broken machine file ", StringComparison.Ordinal) && !IsFileLineError(path, e.Message["broken machine file ".Length..]))
                return (refusal == null, $"system: not one file:line error: {Short(e.Message)}");
            if (e.Message.Contains('\n')) return (refusal == null, $"system: a message of several lines: {Short(e.Message)}");
        }
        catch (Exception e)
        {
            return (refusal == null, $"system: {e.GetType().Name} escaped: {Short(e.Message)}");
        }
        return (refusal == null, null);
    }

    static bool IsFileLineError(string path, string message) =>
        Regex.IsMatch(message, "^" + Regex.Escape(path) + @":[1-9][0-9]*: [^\n\r]+$") && message.Length < 400;

    /// <summary>The first address-map row that wraps, leaves its space or does not match its definition.</summary>
    static string? WrongRow(MachineDefinition machine)
    {
        var rows = AddressMap.Of(machine, machine.Memory.DefaultSize);
        foreach (var r in rows)
        {
            if (r.End < r.Start) return $"{r.Name} wraps: 0x{r.Start:x}-0x{r.End:x}";
            if (r.Space == AddressSpace.Port && r.End > 0xffff) return $"{r.Name} leaves the port space: 0x{r.Start:x}-0x{r.End:x}";
            if (r.Space == AddressSpace.Memory && r.End >= MachineLimits.PhysicalAddressEnd)
                return $"{r.Name} leaves the physical address space: 0x{r.Start:x}-0x{r.End:x}";
            if (r.Kind != "RAM" && machine.Devices.Single(d => d.Name == r.Name) is var d && r.End - r.Start + 1 != d.Size)
                return $"{r.Name} is 0x{r.Start:x}-0x{r.End:x} but has size 0x{d.Size:x}";
        }
        ulong ram = rows.Where(r => r.Kind == "RAM").Aggregate(0UL, (sum, r) => sum + (r.End - r.Start + 1));
        return ram == machine.Memory.DefaultSize ? null : $"the RAM rows hold 0x{ram:x} bytes, not the default 0x{machine.Memory.DefaultSize:x}";
    }

    static string Short(string s) => s.Length <= 300 ? s : s[..300] + $"...({s.Length} chars)";
}
