using CrossEmu.Conformance;
using CrossEmu.Isa.Guests;
using CrossEmu.Machines.Linux;
using CrossEmu.Machines.Linux.Abi;
using CrossEmu.Machines.Linux.Elf;

namespace CrossEmu.Guests.Tests;

/// <summary>The registry as its users ask it: by name, by ELF header; and what every descriptor must give.</summary>
[TestClass]
public sealed unsafe class RegistryTests
{
    static GuestIsaRegistry Registry => GuestIsas.Registry;

    [TestMethod]
    public void NamesAndAliasesFindTheirIsa()
    {
        foreach (var isa in Registry.All)
            foreach (var name in isa.Aliases.Prepend(isa.Name))
            {
                Assert.AreSame(isa, Registry.Find(name));
                Assert.AreSame(isa, Registry.Find(name.ToUpperInvariant()), "names are not case-sensitive");
            }
        Assert.IsNull(Registry.Find("sparc"));
        var e = Assert.ThrowsExactly<UnsupportedGuestException>(() => Registry.Get("sparc"));
        Assert.AreEqual($"unknown ISA 'sparc' (known: {string.Join(", ", Registry.Names)})", e.Message);
    }

    [TestMethod]
    public void TwoIsasCannotAnswerToOneName()
    {
        var arm = Registry.Get("arm");
        var e = Assert.ThrowsExactly<ArgumentException>(() => new GuestIsaRegistry([arm, arm]));
        StringAssert.Contains(e.Message, "'arm'");
    }

    [TestMethod]
    [DataRow(ElfConstants.MachineArm, false, 0x05000000u, "arm")]
    [DataRow(ElfConstants.MachineMips, true, 0x70001007u, "mips")]
    [DataRow(ElfConstants.MachineMips, false, 0x70001007u, "mipsel")]
    public void AnElfHeaderPicksItsIsa(ushort machine, bool bigEndian, uint flags, string expected) =>
        Assert.AreEqual(expected, Registry.ForElf(machine, ElfConstants.MachineName(machine), bigEndian, flags).Name);

    [TestMethod]
    [DataRow((ushort)62, false, 0u, "unsupported machine EM_X86_64 (supported: arm, mips, mipsel)")]
    [DataRow(ElfConstants.MachineArm, true, 0x05000000u, "big-endian EM_ARM programs are not supported (arm runs little-endian ones)")]
    [DataRow(ElfConstants.MachineArm, false, 0u, "old ARM ABI (OABI) binaries are not supported, only EABI")]
    [DataRow(ElfConstants.MachineMips, false, 0x70001407u, "MIPS NaN2008 objects (EF_MIPS_NAN2008) are not supported, only the legacy NaN encoding")]
    public void AnElfNoIsaRunsSaysWhy(ushort machine, bool bigEndian, uint flags, string message)
    {
        var e = Assert.ThrowsExactly<UnsupportedGuestException>(() => Registry.ForElf(machine, ElfConstants.MachineName(machine), bigEndian, flags));
        Assert.AreEqual(message, e.Message);
    }

    [TestMethod]
    public void EveryIsaRunsLinuxProgramsAndTakesPartInConformance()
    {
        foreach (var isa in Registry.All)
        {
            Assert.IsInstanceOfType<ILinuxGuest>(isa, isa.Name);
            Assert.IsInstanceOfType<IConformanceGuest>(isa, isa.Name);
            Assert.AreEqual(isa.BigEndian, ((ILinuxGuest)isa).LinuxAbi.BigEndian, $"{isa.Name}: its ABI's byte order");
            Assert.AreEqual(isa.BigEndian, isa.Elf.BigEndian, isa.Name);
            Assert.AreEqual(isa.Name, ((IConformanceGuest)isa).CreateDifferentialProfile().Name);
        }
    }

    [TestMethod]
    public void EveryRegisterTableReadsAndWritesTheFrontendsState()
    {
        foreach (var isa in Registry.All)
        {
            var layout = isa.CreateFrontend().Layout;
            var state = new byte[layout.StateSize];
            fixed (byte* s = state)
            {
                // Registers that are state slots read back what is written (cpsr keeps only its flags).
                var slots = layout.Slots.Where(slot => slot.Type == Isa.Ir.IrType.I32).Select(slot => slot.Name).ToHashSet();
                foreach (var r in isa.Registers.Registers.Where(r => r.Write != null && slots.Contains(r.Name)))
                {
                    r.Write!(s, 0x12345678);
                    Assert.AreEqual(0x12345678ul, r.Read(s), $"{isa.Name} {r.Name}");
                }
                string log = isa.Registers.FormatForLog(s);
                StringAssert.StartsWith(log.TrimStart(), "pc=", isa.Name);
            }
        }
    }

    [TestMethod]
    public void EveryIsaHasADisassembler()
    {
        foreach (var isa in Registry.All)
        {
            // A word of zeros is an instruction on each of them (ARM andeq r0, r0, r0; MIPS nop).
            using var d = isa.CreateDisassembler();
            Assert.AreNotEqual("(undefined)", d.DisassembleWord(0x1000, 0, isa.BigEndian), isa.Name);
        }
    }
}
