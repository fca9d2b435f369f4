namespace CrossEmu.Frontends.X86.Boot;

/// <summary>
/// One segment register as the CPU holds it (selector plus the hidden descriptor cache), with the
/// field meanings of KVM's <c>struct kvm_segment</c>: <see cref="Limit"/> is in bytes (already
/// scaled when <see cref="G"/> is set), <see cref="Type"/> is the 4-bit descriptor type, <see cref="S"/>
/// is 1 for code/data and 0 for system segments, <see cref="Db"/> the default operand size,
/// <see cref="L"/> the 64-bit code flag, <see cref="Unusable"/> a segment loaded from a non-present descriptor.
/// </summary>
public readonly record struct X86Segment(
    ushort Selector, ulong Base, uint Limit, byte Type,
    bool Present, byte Dpl, bool Db, bool S, bool L, bool G, bool Avl, bool Unusable = false)
{
    /// <summary>Execute/read code, accessed.</summary>
    public const byte TypeCode = 0xB;
    /// <summary>Read/write data, accessed.</summary>
    public const byte TypeData = 0x3;
    /// <summary>Busy 32/64-bit TSS (the only type VMX accepts for TR).</summary>
    public const byte TypeBusyTss = 0xB;
    public const byte TypeLdt = 0x2;

    /// <summary>The segment a GDT descriptor loads when <paramref name="selector"/> selects it (the low 8 bytes of a 16-byte system descriptor).</summary>
    public static X86Segment FromDescriptor(ulong descriptor, ushort selector)
    {
        ulong limit20 = (descriptor & 0xFFFF) | ((descriptor >> 32) & 0xF0000);
        ulong @base = ((descriptor >> 16) & 0xFFFFFF) | ((descriptor >> 32) & 0xFF000000);
        byte access = (byte)(descriptor >> 40);
        byte flags = (byte)((descriptor >> 52) & 0xF);
        bool g = (flags & 0x8) != 0;
        bool present = (access & 0x80) != 0;
        uint limit = g ? (uint)(limit20 << 12 | 0xFFF) : (uint)limit20;
        return new X86Segment(selector, @base, limit, (byte)(access & 0xF),
            Present: present, Dpl: (byte)((access >> 5) & 3), Db: (flags & 0x4) != 0,
            S: (access & 0x10) != 0, L: (flags & 0x2) != 0, G: g, Avl: (flags & 0x1) != 0, Unusable: !present);
    }

    /// <summary>A real-mode segment as the reset state has it: base = selector * 16, 64 KiB limit.</summary>
    public static X86Segment RealMode(ushort selector, byte type, ulong? @base = null) =>
        new(selector, @base ?? (ulong)selector << 4, 0xFFFF, type,
            Present: true, Dpl: 0, Db: false, S: true, L: false, G: false, Avl: false);

    /// <summary>TR after reset and at every boot entry here: no TSS loaded, but a busy-TSS type with a 64 KiB limit so that VM entry accepts it.</summary>
    public static X86Segment ResetTaskRegister => new(0, 0, 0xFFFF, TypeBusyTss,
        Present: true, Dpl: 0, Db: false, S: false, L: false, G: false, Avl: false);

    /// <summary>LDTR after reset and at every boot entry here: selector 0, an empty LDT.</summary>
    public static X86Segment ResetLdt => new(0, 0, 0xFFFF, TypeLdt,
        Present: true, Dpl: 0, Db: false, S: false, L: false, G: false, Avl: false);
}
