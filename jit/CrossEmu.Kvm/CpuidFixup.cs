using System.Numerics;
using CrossEmu.Kvm.Native;

namespace CrossEmu.Kvm;

/// <summary>
/// Turns the host's supported CPUID list into the one a given vCPU sees: its own APIC ID, a topology of
/// <c>vcpuCount</c> single-threaded cores in one package, and the hypervisor bit. A pure function (tested without KVM).
/// </summary>
public static class CpuidFixup
{
    const uint AmdVendorEbx = 0x6874_7541; // "Auth" of "AuthenticAMD"
    const uint HypervisorBit = 1u << 31;   // leaf 1 ECX
    const uint HttBit = 1u << 28;          // leaf 1 EDX
    const uint LevelTypeSmt = 1, LevelTypeCore = 2;

    /// <summary>The entries for vCPU <paramref name="apicId"/> of <paramref name="vcpuCount"/>; the input is not modified.</summary>
    public static KvmCpuidEntry2[] ForVcpu(IReadOnlyList<KvmCpuidEntry2> supported, int apicId, int vcpuCount)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(vcpuCount, 1);
        if (apicId < 0 || apicId >= vcpuCount || apicId > 254)
            throw new ArgumentOutOfRangeException(nameof(apicId), apicId, $"an APIC ID of one of {vcpuCount} vCPUs (xAPIC IDs stop at 254)");
        uint id = (uint)apicId, n = (uint)vcpuCount;
        // Bits of the APIC ID that number cores in the package (threads take none: one thread per core).
        uint coreShift = (uint)BitOperations.Log2(BitOperations.RoundUpToPowerOf2(n));
        bool amd = supported.Any(e => e.Function == 0 && e.Ebx == AmdVendorEbx);

        var result = new List<KvmCpuidEntry2>(supported.Count + 4);
        bool wroteB = false, wrote1F = false;
        foreach (var original in supported)
        {
            var e = original;
            switch (e.Function)
            {
                case 1:
                    // EBX[31:24] initial APIC ID, EBX[23:16] logical processors per package; HTT when there are several.
                    e.Ebx = (e.Ebx & 0x0000_FFFF) | (id << 24) | (Math.Min(BitOperations.RoundUpToPowerOf2(n), 255u) << 16);
                    e.Edx = n > 1 ? e.Edx | HttBit : e.Edx & ~HttBit;
                    e.Ecx |= HypervisorBit;
                    break;
                case 4 when (e.Eax & 0x1F) != 0:
                    // EAX[31:26] cores per package - 1; EAX[25:14] logical processors sharing this cache - 1
                    // (L1 and L2 are per core, L3 is shared by the package).
                    uint level = (e.Eax >> 5) & 7;
                    uint sharing = level >= 3 ? Math.Min(n - 1, 0xFFFu) : 0;
                    e.Eax = (e.Eax & 0x3FFF) | (sharing << 14) | (Math.Min(n - 1, 63u) << 26);
                    break;
                case 0xB or 0x1F:
                    // Extended topology: replace every sub-leaf by SMT (1 thread) and core (n cores) levels.
                    if (e.Function == 0xB ? !wroteB : !wrote1F)
                    {
                        result.AddRange(Topology(e.Function, id, n, coreShift));
                        if (e.Function == 0xB) wroteB = true; else wrote1F = true;
                    }
                    continue;
                case 0x8000_0008 when amd:
                    // ECX[7:0] cores in the package - 1, ECX[15:12] APIC ID bits for cores.
                    e.Ecx = (e.Ecx & ~0xF0FFu) | (coreShift << 12) | Math.Min(n - 1, 255u);
                    break;
                case 0x8000_001E when amd:
                    // Extended APIC ID; compute unit (core) id, one thread per core; node 0.
                    e.Eax = id;
                    e.Ebx = (e.Ebx & ~0xFFFFu) | (id & 0xFF);
                    e.Ecx &= ~0x7FFu;
                    break;
            }
            result.Add(e);
        }
        return result.ToArray();
    }

    static IEnumerable<KvmCpuidEntry2> Topology(uint leaf, uint apicId, uint n, uint coreShift)
    {
        const uint sig = KvmCpuidEntry2.FlagSignificantIndex;
        // EAX[4:0]: shift of the APIC ID to the next level's ID; EBX[15:0]: logical processors at this level;
        // ECX[15:8]: level type, ECX[7:0]: sub-leaf; EDX: x2APIC ID.
        yield return new KvmCpuidEntry2(leaf, 0, sig, 0, 1, (LevelTypeSmt << 8) | 0, apicId);
        yield return new KvmCpuidEntry2(leaf, 1, sig, coreShift, n, (LevelTypeCore << 8) | 1, apicId);
        yield return new KvmCpuidEntry2(leaf, 2, sig, 0, 0, 2, apicId);
    }
}
