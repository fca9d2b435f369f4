using System.Text;
using CrossEmu.Machines.Linux.Files;
using CrossEmu.Machines.Linux.Tests.Support;
using static CrossEmu.Isa.Host.Libc;

namespace CrossEmu.Machines.Linux.Tests;

/// <summary>
/// The guest's descriptor numbers are its own: the first open is 3 (the runtime's files took 64 and up
/// before), dup/F_DUPFD take the lowest free number, and no guest close, dup2 or close_range can touch
/// a descriptor of the emulator's (a guest that closed 3-1023 then waited for SIGALRM hung).
/// </summary>
[TestClass]
public sealed class DescriptorTableTests
{
    const int EBADF = 9, EMFILE = 24;

    [TestMethod]
    public void TheFirstOpenIsThreeAndDupTakesTheLowestFreeNumber()
    {
        using var f = new ArmProcessFixture();
        uint path = f.PutString(0, "/proc/self/cmdline");
        Assert.AreEqual(3, f.Call("open", path, 0, 0));
        Assert.AreEqual(4, f.Call("dup", 3));
        Assert.AreEqual(0, f.Call("close", 3));
        Assert.AreEqual(3, f.Call("dup", 4));
        Assert.AreEqual(10, f.Call("fcntl64", 4, 0 /* F_DUPFD */, 10));
        Assert.AreEqual(11, f.Call("fcntl64", 4, 0, 10));
    }

    [TestMethod]
    public void ClosingEveryGuestDescriptorLeavesTheEmulatorsOwn()
    {
        using var f = new ArmProcessFixture();
        Assert.AreEqual(0, f.Call("close_range", 0, uint.MaxValue, 0));
        Assert.AreEqual(-EBADF, f.Call("write", 2, 0, 0));
        Assert.IsTrue(fcntl(2, F_GETFD, 0) >= 0, "the host's stderr is open");
        uint path = f.PutString(0, "/proc/self/cmdline");
        Assert.AreEqual(0, f.Call("open", path, 0, 0), "the lowest free number is 0 again");
    }

    [TestMethod]
    public void Dup2ReplacesItsTargetAndDup3SetsCloseOnExec()
    {
        using var f = new ArmProcessFixture();
        Assert.AreEqual(0, f.Call("pipe2", ArmProcessFixture.Scratch, 0));
        uint read = f.U32(ArmProcessFixture.Scratch), write = f.U32(ArmProcessFixture.Scratch + 4);
        Assert.AreEqual(45, f.Call("dup2", write, 45));
        Assert.AreEqual(46, f.Call("dup3", write, 46, 0x80000 /* ARM O_CLOEXEC */));
        Assert.AreEqual(FD_CLOEXEC, f.Call("fcntl64", 46, 1 /* F_GETFD */, 0));
        Assert.AreEqual(0, f.Call("fcntl64", 45, 1, 0));
        uint message = f.PutString(0x100, "x");
        Assert.AreEqual(1, f.Call("write", 45, message, 1));
        Assert.AreEqual(1, f.Call("read", read, ArmProcessFixture.Scratch + 0x200, 8));
        Assert.AreEqual(-EBADF, f.Call("dup2", 99, 45), "a closed source fails and leaves the target");
        Assert.AreEqual(1, f.Call("write", 45, message, 1));
    }

    [TestMethod]
    public void RlimitNofileBoundsTheTable()
    {
        var table = DescriptorTable.WithStandardStreams();
        table.Limit = 4;
        Assert.AreEqual(3L, table.Duplicate(0, 0, false));
        Assert.AreEqual(-EMFILE, table.Duplicate(0, 0, false));
        Assert.AreEqual(-EBADF, table.DuplicateTo(0, 4, false));
    }

    [TestMethod]
    public void ExecClosesOnlyTheCloseOnExecDescriptors()
    {
        var table = DescriptorTable.WithStandardStreams();
        long kept = table.Duplicate(1, 0, closeOnExec: false), dropped = table.Duplicate(1, 0, closeOnExec: true);
        table.CloseOnExecDescriptors();
        CollectionAssert.AreEqual(new[] { 0, 1, 2, (int)kept }, table.Numbers.ToArray());
        Assert.IsNull(table[(int)dropped]);
    }

    [TestMethod]
    public void ProcSelfFdListsTheGuestsDescriptorsAndItsLinksNameTheirFiles()
    {
        using var f = new ArmProcessFixture();
        uint dirPath = f.PutString(0, "/proc/self/fd");
        int dir = f.Call("open", dirPath, 0x4000 /* O_DIRECTORY */, 0);
        Assert.AreEqual(3, dir);
        int n = f.Call("getdents64", (uint)dir, ArmProcessFixture.Scratch, 4096);
        Assert.IsTrue(n > 0);
        var names = new List<string>();
        var buffer = f.Read(ArmProcessFixture.Scratch, n);
        for (int o = 0; o < n; o += BitConverter.ToUInt16(buffer, o + 16))
            names.Add(Encoding.ASCII.GetString(buffer, o + 19, Array.IndexOf(buffer, (byte)0, o + 19) - (o + 19)));
        CollectionAssert.AreEqual(new[] { ".", "..", "0", "1", "2", "3" }, names);
        Assert.AreEqual(0, f.Call("getdents64", (uint)dir, ArmProcessFixture.Scratch, 4096), "then the end");

        uint link = f.PutString(0x40, "/proc/self/fd/3");
        int length = f.Call("readlink", link, ArmProcessFixture.Scratch, 256);
        Assert.AreEqual("/proc/" + Environment.ProcessId + "/fd", Encoding.ASCII.GetString(f.Read(ArmProcessFixture.Scratch, length)));
    }
}
