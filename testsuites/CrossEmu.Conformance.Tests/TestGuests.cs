using CrossEmu.Guests;

namespace CrossEmu.Conformance.Tests;

/// <summary>The registered ISAs as the conformance tool sees them.</summary>
static class TestGuests
{
    public static IConformanceGuest Of(string name) => (IConformanceGuest)GuestIsas.Registry.Get(name);
}
