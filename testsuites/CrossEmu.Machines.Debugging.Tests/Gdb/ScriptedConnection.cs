using System.Text;

namespace CrossEmu.Machines.Debugging.Tests.Gdb;

/// <summary>A connection whose input is fixed in advance (what gdb sends) and whose output is recorded.</summary>
sealed class ScriptedConnection : Stream
{
    readonly MemoryStream input;
    readonly MemoryStream output = new();

    public ScriptedConnection(string fromGdb) { input = new MemoryStream(Encoding.Latin1.GetBytes(fromGdb)); }

    /// <summary>Everything the stub wrote.</summary>
    public string Sent => Encoding.Latin1.GetString(output.ToArray());

    public override int Read(byte[] buffer, int offset, int count) => input.Read(buffer, offset, count);
    public override void Write(byte[] buffer, int offset, int count) => output.Write(buffer, offset, count);
    public override void Flush() { }
    public override bool CanRead => true;
    public override bool CanWrite => true;
    public override bool CanSeek => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
}
