using System.Reflection;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using CrossEmu.Isa.Host;
using CrossEmu.Testing;

namespace CrossEmu.Isa.Tests.Host;

/// <summary>
/// The host layer against the host's C headers: every constant of Libc, HostSignals and Errno, every errno name, and
/// the size and field offsets of the structs the libc calls take. The test writes a C program printing them,
/// compiles it with gcc and compares line by line. A name the C library does not define (SA_RESTORER is the
/// kernel's own) is listed, not failed.
/// </summary>
[TestClass]
public sealed class HostLayerTests
{
    public TestContext TestContext { get; set; } = null!;

    /// <summary>(what is checked, the C macro, the C# value).</summary>
    static IEnumerable<(string Name, string Macro, long Value)> Constants()
    {
        foreach (var type in new[] { typeof(Libc), typeof(HostSignals), typeof(Errno) })
            foreach (var field in type.GetFields(BindingFlags.Public | BindingFlags.Static))
                // C names are upper case; HostSignals.Count is the emulator's own.
                if (field.IsLiteral && field.Name == field.Name.ToUpperInvariant())
                    yield return ($"{type.Name}.{field.Name}", field.Name, Convert.ToInt64(field.GetRawConstantValue()));
        for (int errno = 1; errno < ErrnoNames.HostCount; errno++)
            if (ErrnoNames.OfHost(errno) is { } name) yield return ($"ErrnoNames[{errno}]", name, errno);
    }

    static long Off<T>(string field) => Marshal.OffsetOf<T>(field).ToInt64();

    static IEnumerable<(string Name, string CExpression, long Value)> Layouts() =>
    [
        ("sizeof timespec", "sizeof(struct timespec)", Unsafe.SizeOf<HostTimespec>()),
        ("offsetof timespec.tv_nsec", "offsetof(struct timespec, tv_nsec)", Off<HostTimespec>("Nanoseconds")),
        ("sizeof timeval", "sizeof(struct timeval)", Unsafe.SizeOf<HostTimeval>()),
        ("offsetof timeval.tv_usec", "offsetof(struct timeval, tv_usec)", Off<HostTimeval>("Microseconds")),
        ("sizeof iovec", "sizeof(struct iovec)", Unsafe.SizeOf<HostIovec>()),
        ("offsetof iovec.iov_len", "offsetof(struct iovec, iov_len)", Off<HostIovec>("Length")),
        ("sizeof rlimit", "sizeof(struct rlimit)", Unsafe.SizeOf<HostRlimit>()),
        ("offsetof rlimit.rlim_max", "offsetof(struct rlimit, rlim_max)", Off<HostRlimit>("Max")),
        ("sizeof pollfd", "sizeof(struct pollfd)", Unsafe.SizeOf<HostPollFd>()),
        ("offsetof pollfd.events", "offsetof(struct pollfd, events)", Off<HostPollFd>("Events")),
        ("offsetof pollfd.revents", "offsetof(struct pollfd, revents)", Off<HostPollFd>("Revents")),
        ("sizeof sigaction", "sizeof(struct sigaction)", Unsafe.SizeOf<HostSigaction>()),
        ("offsetof sigaction.sa_handler", "offsetof(struct sigaction, sa_handler)", Off<HostSigaction>("Handler")),
        ("offsetof sigaction.sa_mask", "offsetof(struct sigaction, sa_mask)", Off<HostSigaction>("Mask")),
        ("sizeof sigaction.sa_mask", "sizeof(sigset_t)", 16 * 8),
        ("offsetof sigaction.sa_flags", "offsetof(struct sigaction, sa_flags)", Off<HostSigaction>("Flags")),
        ("offsetof sigaction.sa_restorer", "offsetof(struct sigaction, sa_restorer)", Off<HostSigaction>("Restorer")),
        ("sizeof statx", "sizeof(struct statx)", FileStatus.StatxSize),
        ("sizeof msghdr", "sizeof(struct msghdr)", Unsafe.SizeOf<HostMsghdr>()),
        ("offsetof msghdr.msg_iov", "offsetof(struct msghdr, msg_iov)", Off<HostMsghdr>("Iov")),
        ("offsetof msghdr.msg_control", "offsetof(struct msghdr, msg_control)", Off<HostMsghdr>("Control")),
        ("offsetof msghdr.msg_flags", "offsetof(struct msghdr, msg_flags)", Off<HostMsghdr>("Flags")),
        ("sizeof epoll_event", "sizeof(struct epoll_event)", Unsafe.SizeOf<HostEpollEvent>()),
        ("offsetof epoll_event.data", "offsetof(struct epoll_event, data)", Off<HostEpollEvent>("Data")),
        ("SIGRTMIN", "SIGRTMIN", Libc.__libc_current_sigrtmin()),
        ("SIGRTMAX", "SIGRTMAX", Libc.__libc_current_sigrtmax()),
    ];

    [TestMethod]
    public void ConstantsErrnoNamesAndStructsMatchTheHostHeaders()
    {
        if (CHeaderValues.Compiler == null) Assert.Inconclusive("no C compiler (gcc) on PATH: cannot check the host layer against the C headers");

        var expected = Constants().Select(c => (c.Name, c.Value)).Concat(Layouts().Select(l => (l.Name, l.Value))).ToList();
        var native = CHeaderValues.Read(
            ["errno.h", "fcntl.h", "poll.h", "signal.h", "time.h", "sys/ioctl.h", "sys/mman.h", "sys/resource.h", "sys/stat.h", "sys/time.h", "sys/uio.h",
             "sys/socket.h", "sys/epoll.h", "sys/eventfd.h", "sys/timerfd.h", "netinet/in.h"],
            Constants().Select(c => (c.Name, c.Macro, (string?)c.Macro)).Concat(Layouts().Select(l => (l.Name, l.CExpression, (string?)null))));
        var mismatches = expected.Where(e => native.TryGetValue(e.Name, out long v) && v != e.Value)
            .Select(e => $"{e.Name}: C {native[e.Name]}, C# {e.Value}").ToList();
        var undefined = expected.Where(e => !native.ContainsKey(e.Name)).Select(e => e.Name).ToList();
        TestContext.WriteLine($"{expected.Count - undefined.Count} values compared; not in the C headers: {string.Join(", ", undefined)}");
        Assert.IsEmpty(mismatches, string.Join("\n", mismatches));
    }

    [TestMethod]
    public void StructsAreBlittableWithTheSameManagedAndNativeSize()
    {
        Assert.AreEqual(Marshal.SizeOf<HostTimespec>(), Unsafe.SizeOf<HostTimespec>());
        Assert.AreEqual(Marshal.SizeOf<HostTimeval>(), Unsafe.SizeOf<HostTimeval>());
        Assert.AreEqual(Marshal.SizeOf<HostIovec>(), Unsafe.SizeOf<HostIovec>());
        Assert.AreEqual(Marshal.SizeOf<HostRlimit>(), Unsafe.SizeOf<HostRlimit>());
        Assert.AreEqual(Marshal.SizeOf<HostPollFd>(), Unsafe.SizeOf<HostPollFd>());
        Assert.AreEqual(Marshal.SizeOf<HostSigaction>(), Unsafe.SizeOf<HostSigaction>());
    }
}
