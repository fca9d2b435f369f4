using CrossEmu.Isa.Guests;

namespace CrossEmu.Guests;

/// <summary>
/// The guest ISAs this build of CrossEmu runs: the one place an ISA is registered. The CLI, the
/// gdb stub, `conformance`, `bench` and the ELF loader all ask this registry (see frontends/README.md,
/// "Adding an ISA").
/// </summary>
public static class GuestIsas
{
    public static GuestIsaRegistry Registry { get; } = new(
    [
        ArmGuest.Instance,
        MipsGuest.Big,
        MipsGuest.Little,
    ]);
}
