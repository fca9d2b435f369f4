using System.Runtime.InteropServices;

namespace CrossEmu.Kvm.Native;

/// <summary>
/// The argument of a KVM ioctl whose struct ends in a flexible array (kvm_cpuid2, kvm_msrs, kvm_msr_list): the fixed
/// header followed by room for a number of entries, in zeroed native memory that <see cref="Dispose"/> frees.
/// </summary>
internal readonly unsafe struct FlexibleArrayArgument<THeader, TEntry> : IDisposable
    where THeader : unmanaged
    where TEntry : unmanaged
{
    readonly byte* buffer;
    readonly int capacity;

    public FlexibleArrayArgument(int capacity)
    {
        this.capacity = capacity;
        buffer = (byte*)NativeMemory.AllocZeroed((nuint)(sizeof(THeader) + capacity * sizeof(TEntry)));
    }

    /// <summary>The address to pass to the ioctl.</summary>
    public nint Address => (nint)buffer;

    public THeader* Header => (THeader*)buffer;

    /// <summary>The first <paramref name="count"/> entries after the header (never more than there is room for).</summary>
    public Span<TEntry> Entries(int count) => new(buffer + sizeof(THeader), Math.Min(count, capacity));

    public void Dispose() => NativeMemory.Free(buffer);
}
