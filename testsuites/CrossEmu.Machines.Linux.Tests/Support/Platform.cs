// The user-mode runtime is Linux-only (host fds, libc): so are its tests.
[assembly: System.Runtime.Versioning.SupportedOSPlatform("linux")]
