#if canImport(Glibc)
import Glibc
#endif

/// One volume of a pod as the host sees it: a directory (or file) on the host shown at `mountPath`.
public struct VolumeBind: Sendable, Hashable {
    public var hostPath: String
    public var mountPath: String
    public var readOnly: Bool

    public init(hostPath: String, mountPath: String, readOnly: Bool = false) {
        self.hostPath = hostPath
        self.mountPath = mountPath
        self.readOnly = readOnly
    }

    /// `host:mount` or `host:mount:ro`, the form `argo-lite emissary --bind` takes.
    public var argument: String { "\(hostPath):\(mountPath)" + (readOnly ? ":ro" : "") }

    public init?(argument: String) {
        var parts = argument.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
        var ro = false
        if parts.count == 3, parts[2] == "ro" || parts[2] == "rw" { ro = parts.removeLast() == "ro" }
        guard parts.count == 2, parts[0].hasPrefix("/"), parts[1].hasPrefix("/") else { return nil }
        self.init(hostPath: parts[0], mountPath: parts[1], readOnly: ro)
    }
}

/// Why the mounts inside a pod's mount namespace failed.
public struct MountError: Error, CustomStringConvertible, Equatable {
    public var operation: String
    public var path: String
    public var errno: Int32
    public var description: String {
        "\(operation) \(path): \(String(cString: strerror(errno))) (the pod's mount namespace could not be set up)"
    }
}

/// The mounts made inside a pod's new mount namespace, before its command runs: a private tmpfs on each
/// `tmpfs` path (normally `/tmp`), then every volume bound at its `mountPath` (parents first; missing mount
/// points are created — on the host's filesystem, where they stay as empty directories), then a fresh `/proc`
/// for the new PID namespace. Sources are opened before anything is mounted, so a volume whose host directory
/// is under `/tmp` still works when `/tmp` is replaced.
public struct MountPlan: Sendable, Equatable {
    public var tmpfs: [String]
    public var binds: [VolumeBind]
    public var mountProc: Bool

    public init(tmpfs: [String] = ["/tmp"], binds: [VolumeBind] = [], mountProc: Bool = true) {
        self.tmpfs = tmpfs
        self.binds = binds
        self.mountProc = mountProc
    }

    public var isEmpty: Bool { tmpfs.isEmpty && binds.isEmpty && !mountProc }

    /// The `argo-lite emissary` flags that carry this plan.
    public var arguments: [String] {
        tmpfs.flatMap { ["--tmpfs", $0] } + binds.flatMap { ["--bind", $0.argument] } + (mountProc ? ["--mount-proc"] : [])
    }

    private static let oPath: Int32 = 0o10000000  // O_PATH (a macro Swift does not import)
    // Linux <sys/mount.h> values (macros Swift does not import).
    private static let msRdonly: UInt = 1, msNosuid: UInt = 2, msNodev: UInt = 4, msNoexec: UInt = 8
    private static let msRemount: UInt = 32, msBind: UInt = 4096, msRec: UInt = 16384, msPrivate: UInt = 1 << 18

    /// Performs the mounts. Must run inside a new mount namespace (as `unshare --mount` starts it).
    public func apply() throws(MountError) {
        // Keep our mounts from propagating back to the host even if the caller forgot --propagation private.
        guard mount(nil, "/", nil, Self.msRec | Self.msPrivate, nil) == 0 else { throw fail("make-rprivate", "/") }
        // Open every source first: a tmpfs on /tmp must not hide a volume that lives under /tmp.
        var sources: [(VolumeBind, Int32)] = []
        defer { for (_, fd) in sources { close(fd) } }
        for bind in binds.sorted(by: { depth($0.mountPath) < depth($1.mountPath) }) {
            let fd = open(bind.hostPath, Self.oPath | O_CLOEXEC)
            guard fd >= 0 else { throw fail("open volume", bind.hostPath) }
            sources.append((bind, fd))
        }
        for path in tmpfs {
            try makeDirectory(path)
            guard mount("tmpfs", path, "tmpfs", Self.msNosuid | Self.msNodev, "mode=1777") == 0 else {
                throw fail("mount tmpfs on", path)
            }
        }
        for (bind, fd) in sources {
            var st = stat()
            let isDirectory = fstat(fd, &st) == 0 && (st.st_mode & S_IFMT) == S_IFDIR
            try isDirectory ? makeDirectory(bind.mountPath) : makeFile(bind.mountPath)
            guard mount("/proc/self/fd/\(fd)", bind.mountPath, nil, Self.msBind | Self.msRec, nil) == 0 else {
                throw fail("bind \(bind.hostPath) on", bind.mountPath)
            }
            if bind.readOnly,
               mount(nil, bind.mountPath, nil, Self.msBind | Self.msRemount | Self.msRdonly | Self.msRec, nil) != 0 {
                throw fail("remount read-only", bind.mountPath)
            }
        }
        if mountProc, mount("proc", "/proc", "proc", Self.msNosuid | Self.msNodev | Self.msNoexec, nil) != 0 {
            throw fail("mount proc on", "/proc")
        }
    }

    private func depth(_ path: String) -> Int { path.split(separator: "/").count }

    private func fail(_ op: String, _ path: String) -> MountError { MountError(operation: op, path: path, errno: errno) }

    private func makeDirectory(_ path: String) throws(MountError) {
        var current = ""
        for part in path.split(separator: "/") {
            current += "/" + part
            if Glibc.mkdir(current, 0o755) != 0 && errno != EEXIST { throw fail("create mount point", current) }
        }
    }

    private func makeFile(_ path: String) throws(MountError) {
        let parent = String(path[..<(path.lastIndex(of: "/") ?? path.startIndex)])
        if !parent.isEmpty { try makeDirectory(parent) }
        let fd = open(path, O_CREAT | O_WRONLY | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw fail("create mount point", path) }
        close(fd)
    }
}
