using System.Runtime.InteropServices;
using CrossEmu.Isa.Host;

namespace CrossEmu.Kvm.Native;

/// <summary>
/// A file descriptor of /dev/kvm, a VM or a vCPU, with typed ioctl calls that turn -1 into a
/// <see cref="KvmException"/> naming the ioctl and the errno.
/// </summary>
internal sealed unsafe class KvmFd : IDisposable
{
    int fd;

    public KvmFd(int fd) => this.fd = fd;

    public int Value => fd >= 0 ? fd : throw new ObjectDisposedException(nameof(KvmFd));

    /// <summary>An ioctl with an integer (or no) argument; returns the non-negative result.</summary>
    public int Ioctl(nuint request, nint arg = 0)
    {
        int r = Libc.ioctl(Value, request, (void*)arg);
        if (r < 0) throw new KvmException(KvmIoctl.NameOf(request), Marshal.GetLastPInvokeError());
        return r;
    }

    /// <summary>An ioctl whose argument is a struct in memory.</summary>
    public int Ioctl<T>(nuint request, ref T arg) where T : unmanaged
    {
        fixed (T* p = &arg) return Ioctl(request, (nint)p);
    }

    /// <summary>A KVM_GET_* ioctl: the struct the kernel fills in.</summary>
    public T Get<T>(nuint request) where T : unmanaged
    {
        T value = default;
        Ioctl(request, ref value);
        return value;
    }

    /// <summary>A KVM_SET_* ioctl: hands the kernel a copy of <paramref name="value"/>.</summary>
    public void Set<T>(nuint request, in T value) where T : unmanaged
    {
        T copy = value;
        Ioctl(request, ref copy);
    }

    /// <summary>The raw call: the result, and errno when it is negative.</summary>
    public int TryIoctl(nuint request, nint arg, out int errno)
    {
        int r = Libc.ioctl(Value, request, (void*)arg);
        errno = r < 0 ? Marshal.GetLastPInvokeError() : 0;
        return r;
    }

    public void Dispose()
    {
        int f = Interlocked.Exchange(ref fd, -1);
        if (f >= 0) Libc.close(f);
    }
}
