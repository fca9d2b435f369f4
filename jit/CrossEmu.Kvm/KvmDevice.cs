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

    /// <summary>KVM_GET_SUPPORTED_CPUID: the CPUID leaves this host's KVM can give a guest.</summary>
    public KvmCpuidEntry2[] GetSupportedCpuid() =>
        QueryList<KvmCpuid2, KvmCpuidEntry2>(KvmIoctl.GetSupportedCpuid, "KVM_GET_SUPPORTED_CPUID", 64, 4096);

    /// <summary>KVM_GET_MSR_INDEX_LIST: the MSRs KVM_GET_MSRS/KVM_SET_MSRS handle.</summary>
    public uint[] GetMsrIndexList() => QueryList<KvmMsrList, uint>(KvmIoctl.GetMsrIndexList, "KVM_GET_MSR_INDEX_LIST", 256, 16384);

    /// <summary>
    /// A system ioctl whose struct is an entry count (its first u32: kvm_cpuid2.nent, kvm_msr_list.nmsrs)
    /// and a flexible array: the buffer doubles while the kernel answers E2BIG, up to limit entries.
    /// </summary>
    TEntry[] QueryList<THeader, TEntry>(nuint request, string name, int first, int limit)
        where THeader : unmanaged
        where TEntry : unmanaged
    {
        for (int n = first; n <= limit; n *= 2)
        {
            using var arg = new FlexibleArrayArgument<THeader, TEntry>(n);
            uint* count = (uint*)arg.Header;
            *count = (uint)n;
            if (fd.TryIoctl(request, arg.Address, out int errno) < 0)
            {
                if (errno == Errno.E2BIG) continue;
                throw new KvmException(name, errno);
            }
            return arg.Entries((int)*count).ToArray();
        }
        throw new KvmException(name, Errno.E2BIG, $"more than {limit} entries");
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
