using CrossEmu.Isa.Memory;

namespace CrossEmu.Jit.Runtime;

/// <summary>
/// Guest pc -> lifted block, plus which pages hold which blocks, so that a store into a code
/// page drops every translation made from it (and every compiled region that includes one).
/// Pages with translations are write-watched through the memory's permission table.
/// </summary>
public sealed class TranslationCache
{
    readonly Dictionary<uint, BlockEntry> blocks = new();
    readonly Dictionary<uint, List<uint>> blocksByPage = new();
    readonly Dictionary<uint, int> rewritesByPage = new();
    readonly IGuestMemory memory;

    readonly int pageShift;

    public TranslationCache(IGuestMemory memory)
    {
        this.memory = memory;
        pageShift = memory.FastPath.PageShift;
    }

    public int Count => blocks.Count;

    public bool TryGet(uint pc, out BlockEntry entry)
    {
        ref var slot = ref recent[(pc >> 1) & RecentMask];
        if (slot.Entry is { Invalid: false } hit && slot.Pc == pc) { entry = hit; return true; }
        if (!blocks.TryGetValue(pc, out entry!)) return false;
        slot = new RecentSlot(pc, entry);
        return true;
    }

    /// <summary>
    /// The last block found at each pc modulo the size, before the dictionary: the engine looks a
    /// block up at every jump it dispatches (a guest calling code it keeps rewriting does so twice a
    /// call), and the dictionary's hashing and probing was most of that. A dropped block is Invalid.
    /// </summary>
    readonly RecentSlot[] recent = new RecentSlot[RecentMask + 1];
    const uint RecentMask = 4095;
    readonly record struct RecentSlot(uint Pc, BlockEntry? Entry);

    /// <summary>How many times code translated from pc's page was written over (and dropped).</summary>
    public int RewritesOf(uint pc) => rewritesByPage.GetValueOrDefault(pc >> pageShift);

    public void Add(BlockEntry entry)
    {
        uint pc = entry.Block.GuestPc;
        blocks[pc] = entry;
        recent[(pc >> 1) & RecentMask] = new RecentSlot(pc, entry);
        // GuestEnd is exclusive; it is 0 for a block that ends at the top of the address space.
        uint last = entry.Block.GuestEnd == pc ? pc : entry.Block.GuestEnd - 1;
        for (uint page = pc >> pageShift; page <= last >> pageShift; page++)
        {
            if (!blocksByPage.TryGetValue(page, out var list)) blocksByPage[page] = list = new List<uint>();
            list.Add(pc);
            memory.WatchCode(page);
        }
    }

    /// <summary>
    /// Removes the blocks made from a page; returns them so their compiled code can be unlinked.
    /// written: the guest wrote over the page (counted in RewritesOf), not the engine dropping its own.
    /// </summary>
    public List<BlockEntry> InvalidatePage(uint page, bool written)
    {
        var dropped = new List<BlockEntry>();
        if (!blocksByPage.Remove(page, out var pcs)) return dropped;
        if (written) rewritesByPage[page] = rewritesByPage.GetValueOrDefault(page) + 1;
        foreach (var pc in pcs)
            if (blocks.Remove(pc, out var entry))
            {
                entry.Invalid = true;
                dropped.Add(entry);
            }
        return dropped;
    }
}
