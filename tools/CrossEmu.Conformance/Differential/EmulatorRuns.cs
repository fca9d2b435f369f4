using System.Diagnostics;
using CrossEmu.Isa.Guests;
using CrossEmu.Jit;
using CrossEmu.Machines.Linux;

namespace CrossEmu.Conformance.Differential;

/// <summary>CrossEmu's two tiers, each checked against qemu-user.</summary>
enum Tier { Interpreter, Compiled }

/// <summary>How one run of a harness image ended and what it wrote.</summary>
sealed record HarnessRun(int ExitCode, byte[] Output, string Errors, EngineStats? Stats = null);

/// <summary>Runs a harness image under qemu-user (a process) or CrossEmu (in this process).</summary>
static class EmulatorRuns
{
    static readonly TimeSpan QemuTimeout = TimeSpan.FromMinutes(2);

    public static HarnessRun Qemu(string qemu, string elf, string output)
    {
        File.Delete(output);
        var info = new ProcessStartInfo(qemu) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        info.ArgumentList.Add(elf);
        info.ArgumentList.Add(output);
        using var p = Process.Start(info) ?? throw new InvalidOperationException($"cannot start {qemu}");
        var errors = p.StandardError.ReadToEndAsync();
        p.StandardOutput.ReadToEndAsync();
        if (!p.WaitForExit(QemuTimeout))
        {
            p.Kill(entireProcessTree: true);
            return new HarnessRun(-1, Read(output), $"{qemu} timed out");
        }
        return new HarnessRun(p.ExitCode, Read(output), errors.Result);
    }

    /// <summary>Runs the image in this process. Only the sequences' code (from codeStart to codeEnd)
    /// runs in the tier under test; the harness's own code runs as CrossEmu usually runs code.</summary>
    public static HarnessRun CrossEmu(IGuestIsa isa, string elf, string output, Tier tier, uint codeStart, uint codeEnd)
    {
        bool InSequences(uint pc) => pc >= codeStart && pc < codeEnd;
        // Compiling the next sequences with this one costs one compilation instead of sixteen.
        const uint slot = HarnessImage.SlotWords * 4;
        IEnumerable<uint> NextSequences(uint pc)
        {
            if ((pc - codeStart) % slot != 0) yield break;
            for (uint next = pc + slot, k = 0; next < codeEnd && k < 15; next += slot, k++) yield return next;
        }
        File.Delete(output);
        var errors = new StringWriter();
        var options = new UserModeOptions
        {
            Guests = new GuestIsaRegistry([isa]),
            ProgramPath = elf,
            Arguments = [output],
            Environment = [],
            ErrorWriter = errors,
            LogWriter = errors,
            Engine = new EngineOptions
            {
                InterpretOnlyAt = tier == Tier.Interpreter ? InSequences : null,
                CompileEagerlyAt = tier == Tier.Compiled ? InSequences : null,
                EagerCompanions = NextSequences,
            },
        };
        int status;
        var runner = new UserModeRunner();
        try { status = runner.Run(options); }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return new HarnessRun(-1, Read(output), $"CrossEmu threw {e.GetType().Name}: {e.Message}");
        }
        return new HarnessRun(status, Read(output), errors.ToString(), runner.Stats);
    }

    static byte[] Read(string path) => File.Exists(path) ? File.ReadAllBytes(path) : [];
}
