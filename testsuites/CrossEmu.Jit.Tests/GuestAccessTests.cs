using CrossEmu.Isa.Memory;
using CrossEmu.Jit.Runtime;

namespace CrossEmu.Jit.Tests;

[TestClass]
public sealed class GuestAccessTests
{
    [TestMethod]
    public void MemoryStaysRegisteredWhileAnyUserHoldsIt()
    {
        using var a = new GuestMemory();
        using var b = new GuestMemory();
        int id = GuestAccess.Register(a);
        Assert.AreEqual(id, GuestAccess.Register(a), "one id per memory");
        GuestAccess.Unregister(a);
        Assert.AreSame(a, GuestAccess.Get(id), "the second user still has it");
        GuestAccess.Unregister(a);
        int other = GuestAccess.Register(b);
        Assert.AreSame(b, GuestAccess.Get(other));
        GuestAccess.Unregister(b);
    }
}
