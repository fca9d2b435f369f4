using CrossEmu.Isa.Host;
using CrossEmu.Kvm.Native;

namespace CrossEmu.Kvm.Tests;

[TestClass]
public sealed class DeviceErrorTests
{
    [TestMethod]
    public void OpeningAMissingDeviceSaysThereIsNoKvmAndHowToGetIt()
    {
        var path = Path.Combine(Path.GetTempPath(), $"crossemu-no-kvm-{Guid.NewGuid():N}");
        var e = Assert.ThrowsExactly<KvmException>(() => KvmDevice.Open(path));
        Assert.AreEqual(Errno.ENOENT, e.Errno);
        Assert.Contains($"{path} does not exist: this kernel has no KVM (load kvm_intel or kvm_amd, or enable nested virtualisation for this VM)", e.Message);
        Assert.Contains("ENOENT", e.Message);
        Assert.AreEqual($"open {path}", e.Operation);
    }

    [TestMethod]
    public void PermissionDeniedSaysToJoinTheKvmGroup()
    {
        // A mode-000 file still opens for root, so the errno mapping is tested directly.
        foreach (var errno in new[] { Errno.EACCES, Errno.EPERM })
        {
            var e = KvmDevice.OpenError("/dev/kvm", errno);
            Assert.Contains("permission denied on /dev/kvm: add your user to the kvm group (sudo usermod -aG kvm $USER) and log in again", e.Message);
            Assert.Contains(ErrnoNames.Name(errno), e.Message);
            Assert.AreEqual(errno, e.Errno);
        }
    }

    [TestMethod]
    public void OtherOpenErrorsNameTheErrno()
    {
        var e = KvmDevice.OpenError("/dev/kvm", Errno.EMFILE);
        Assert.AreEqual("open /dev/kvm failed: EMFILE", e.Message);
        Assert.Contains("no KVM module is bound", KvmDevice.OpenError("/dev/kvm", Errno.ENXIO).Message);
        Assert.AreEqual("errno 200", ErrnoNames.Name(200));
    }

    [TestMethod]
    public void AFileThatIsNotKvmFailsTheApiVersionIoctlWithENOTTY()
    {
        // The same path as /dev/kvm: open succeeds, then KVM_GET_API_VERSION goes through ioctl and fails.
        var path = Path.GetTempFileName();
        try
        {
            var e = Assert.ThrowsExactly<KvmException>(() => KvmDevice.Open(path));
            Assert.Contains($"{path} is not a KVM device (KVM_GET_API_VERSION failed: ENOTTY)", e.Message);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [TestMethod]
    public void AFailedIoctlNamesTheIoctlAndTheErrno()
    {
        var path = Path.GetTempFileName();
        int fd = Libc.open(path, Libc.O_RDWR | Libc.O_CLOEXEC, 0);
        Assert.IsGreaterThanOrEqualTo(0, fd);
        using var kfd = new KvmFd(fd);
        try
        {
            var e = Assert.ThrowsExactly<KvmException>(() => kfd.Ioctl(KvmIoctl.CreateVm));
            Assert.AreEqual("KVM_CREATE_VM failed: ENOTTY", e.Message);
            Assert.AreEqual("KVM_CREATE_VM", e.Operation);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
