using CrossEmu.Isa.Host;

namespace CrossEmu.Kvm;

/// <summary>A failed KVM operation: which ioctl (or call), the errno and its name, and what it means where known.</summary>
public sealed class KvmException : Exception
{
    /// <summary>The errno, or 0 when the failure is not a system call's.</summary>
    public int Errno { get; }

    /// <summary>The ioctl or call that failed ("KVM_CREATE_VM", "open /dev/kvm").</summary>
    public string Operation { get; }

    public KvmException(string operation, int errno, string? detail = null)
        : base(Format(operation, errno, detail))
    {
        Operation = operation;
        Errno = errno;
    }

    public KvmException(string message) : base(message)
    {
        Operation = "";
    }

    public KvmException(string message, Exception inner) : base(message, inner)
    {
        Operation = "";
    }

    static string Format(string operation, int errno, string? detail) =>
        $"{operation} failed: {ErrnoNames.Name(errno)}" + (detail != null ? $" ({detail})" : "");
}
