using System.Runtime.InteropServices;
using CrossEmu.Isa.Host;
using CrossEmu.Kvm.Native;

namespace CrossEmu.Kvm;

/// <summary>
/// The open /dev/kvm: API version check, capabilities, the kvm_run mapping size, the host-supported CPUID and MSR
/// lists, and KVM_CREATE_VM.
/// </summary>
public sealed unsafe class KvmDevice : IDisposable
{
    public const string DefaultPath = "/dev/kvm";

    readonly KvmFd fd;

    public string Path { get; }

    public int ApiVersion { get; }

    KvmDevice(string path, KvmFd fd, int apiVersion)
    {
        Path = path;
        this.fd = fd;
        ApiVersion = apiVersion;
    }

    internal KvmFd Fd => fd;

    /// <summary>Opens the device (read-write, close-on-exec) and checks the API version; the errors say how to fix the usual causes.</summary>
    public static KvmDevice Open(string path = DefaultPath)
    {
        int f = Libc.open(path, Libc.O_RDWR | Libc.O_CLOEXEC, 0);
        if (f < 0) throw OpenError(path, Marshal.GetLastPInvokeError());
        var kfd = new KvmFd(f);
        try
        {
            int version = kfd.Ioctl(KvmIoctl.GetApiVersion);
            if (version != KvmConst.ApiVersion)
                throw new KvmException($"{path} speaks KVM API version {version}, CrossEmu needs version {KvmConst.ApiVersion}");
            return new KvmDevice(path, kfd, version);
        }
        catch (KvmException e) when (e.Operation == "KVM_GET_API_VERSION")
        {
            kfd.Dispose();
            throw new KvmException($"{path} is not a KVM device (KVM_GET_API_VERSION failed: {ErrnoNames.Name(e.Errno)})", e);
        }
        catch
        {
            kfd.Dispose();
            throw;
        }
    }

    /// <summary>The error for a failed open of the KVM device, by errno.</summary>
    public static KvmException OpenError(string path, int errno) => errno switch
    {
        Errno.ENOENT => new KvmException($"open {path}", errno,
            $"{path} does not exist: this kernel has no KVM (load kvm_intel or kvm_amd, or enable nested virtualisation for this VM)"),
        Errno.EACCES or Errno.EPERM => new KvmException($"open {path}", errno,
            $"permission denied on {path}: add your user to the kvm group (sudo usermod -aG kvm $USER) and log in again"),
        Errno.ENXIO or Errno.ENODEV => new KvmException($"open {path}", errno,
            $"{path} exists but no KVM module is bound to it (the hardware or the hypervisor offers no virtualisation)"),
        _ => new KvmException($"open {path}", errno),
    };

    /// <summary>KVM_CHECK_EXTENSION: 0 when absent, otherwise a capability-specific positive value.</summary>
    public int CheckExtension(int capability) => fd.Ioctl(KvmIoctl.CheckExtension, capability);

    public bool Has(int capability) => CheckExtension(capability) > 0;

    /// <summary>Size of the per-vCPU kvm_run mapping.</summary>
    public int VcpuMmapSize => fd.Ioctl(KvmIoctl.GetVcpuMmapSize);

    /// <summary>KVM_GET_SUPPORTED_CPUID, growing the buffer while the kernel answers E2BIG.</summary>
    public KvmCpuidEntry2[] GetSupportedCpuid()
    {
        for (int n = 64; n <= 4096; n *= 2)
        {
            using var arg = new FlexibleArrayArgument<KvmCpuid2, KvmCpuidEntry2>(n);
            arg.Header->Nent = (uint)n;
            int r = fd.TryIoctl(KvmIoctl.GetSupportedCpuid, arg.Address, out int errno);
            if (r < 0)
            {
                if (errno == Errno.E2BIG) continue;
                throw new KvmException("KVM_GET_SUPPORTED_CPUID", errno);
            }
            return arg.Entries((int)arg.Header->Nent).ToArray();
        }
        throw new KvmException("KVM_GET_SUPPORTED_CPUID", Errno.E2BIG, "more than 4096 entries");
    }

    /// <summary>KVM_GET_MSR_INDEX_LIST: the MSRs KVM_GET_MSRS/KVM_SET_MSRS handle.</summary>
    public uint[] GetMsrIndexList()
    {
        for (int n = 256; n <= 16384; n *= 2)
        {
            using var arg = new FlexibleArrayArgument<KvmMsrList, uint>(n);
            arg.Header->Nmsrs = (uint)n;
            int r = fd.TryIoctl(KvmIoctl.GetMsrIndexList, arg.Address, out int errno);
            if (r < 0)
            {
                if (errno == Errno.E2BIG) continue;
                throw new KvmException("KVM_GET_MSR_INDEX_LIST", errno);
            }
            return arg.Entries((int)arg.Header->Nmsrs).ToArray();
        }
        throw new KvmException("KVM_GET_MSR_INDEX_LIST", Errno.E2BIG, "more than 16384 MSRs");
    }

    /// <summary>The largest vCPU count a VM may have (KVM_CAP_MAX_VCPUS, else KVM_CAP_NR_VCPUS, else 4 as api.rst says).</summary>
    public int MaxVcpus
    {
        get
        {
            int max = CheckExtension(KvmCap.MaxVcpus);
            if (max > 0) return max;
            int nr = CheckExtension(KvmCap.NrVcpus);
            return nr > 0 ? nr : 4;
        }
    }

    /// <summary>Creates a VM (see <see cref="KvmVm"/>); the VM keeps its own descriptor, so this device may be disposed after.</summary>
    public KvmVm CreateVm(KvmVmOptions? options = null) => new(this, options ?? new KvmVmOptions());

    internal int CreateVmFd()
    {
        // EINTR is possible while the kernel allocates; retry a few times.
        for (int attempt = 0; ; attempt++)
        {
            int r = fd.TryIoctl(KvmIoctl.CreateVm, 0, out int errno);
            if (r >= 0) return r;
            if (errno != Errno.EINTR || attempt > 8) throw new KvmException("KVM_CREATE_VM", errno);
        }
    }

    public void Dispose() => fd.Dispose();
}
