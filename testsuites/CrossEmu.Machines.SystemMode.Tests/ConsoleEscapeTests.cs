using System.Text;
using CrossEmu.Machines.SystemMode.Console;

namespace CrossEmu.Machines.SystemMode.Tests;

[TestClass]
public sealed class ConsoleEscapeTests
{
    static (ConsoleCommand, string) Feed(ConsoleEscape escape, string typed)
    {
        var toGuest = new List<byte>();
        var command = escape.Feed(Encoding.Latin1.GetBytes(typed), toGuest);
        return (command, Encoding.Latin1.GetString(toGuest.ToArray()));
    }

    [TestMethod]
    public void PlainBytesGoToTheGuest() =>
        Assert.AreEqual((ConsoleCommand.None, "ls -l\r\u0003"), Feed(new ConsoleEscape(), "ls -l\r\u0003"));

    [TestMethod]
    public void CtrlAXQuitsAndDropsTheRest() =>
        Assert.AreEqual((ConsoleCommand.Quit, "ab"), Feed(new ConsoleEscape(), "ab\u0001xcd"));

    [TestMethod]
    public void CtrlACtrlASendsOneCtrlA() =>
        Assert.AreEqual((ConsoleCommand.None, "a\u0001b"), Feed(new ConsoleEscape(), "a\u0001\u0001b"));

    [TestMethod]
    public void CtrlAHAsksForHelp() =>
        Assert.AreEqual(ConsoleCommand.Help, Feed(new ConsoleEscape(), "\u0001h").Item1);

    [TestMethod]
    public void UnknownEscapeIsSwallowed() =>
        Assert.AreEqual((ConsoleCommand.None, "ab"), Feed(new ConsoleEscape(), "a\u0001qb"));

    [TestMethod]
    public void EscapeSplitAcrossReads()
    {
        var escape = new ConsoleEscape();
        Assert.AreEqual((ConsoleCommand.None, "a"), Feed(escape, "a\u0001"));
        Assert.AreEqual((ConsoleCommand.Quit, ""), Feed(escape, "X"));
    }
}
