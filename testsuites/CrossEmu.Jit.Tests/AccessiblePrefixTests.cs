using CrossEmu.Isa.Memory;

namespace CrossEmu.Jit.Tests;

/// <summary>GuestMemory.AccessiblePrefix: how far from an address a range has the permissions asked for
/// (readv/writev move that much before the first byte the guest cannot touch).</summary>
[TestClass]
public sealed class AccessiblePrefixTests
{
    [TestMethod]
    public void ThePrefixEndsAtTheFirstPageWithoutThePermission()
    {
        using var m = new GuestMemory();
        m.Map(0x10000, 0x2000, PagePermissions.Read | PagePermissions.Write);
        m.Map(0x12000, 0x1000, PagePermissions.Read);
        Assert.AreEqual(0x100UL, m.AccessiblePrefix(0x10f00, 0x100, PagePermissions.Write), "all of it");
        Assert.AreEqual(0x1100UL, m.AccessiblePrefix(0x10f00, 0x3000, PagePermissions.Write), "up to the read-only page");
        Assert.AreEqual(0x2100UL, m.AccessiblePrefix(0x10f00, 0x3000, PagePermissions.Read), "up to the unmapped page");
        Assert.AreEqual(0UL, m.AccessiblePrefix(0x13000, 0x10, PagePermissions.Read), "unmapped from the start");
        Assert.AreEqual(0UL, m.AccessiblePrefix(0x10000, 0, PagePermissions.Read));
    }
}
