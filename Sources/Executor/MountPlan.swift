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

/// The mounts made inside a pod's new mount namespace, before its command runs. With a `root` (the default for
/// isolated pods), everything is in the container's own root (`ContainerRoot`): its layers, each `tmpfs` path
/// (normally `/tmp`) an empty folder of its own (made in the upper layer), every volume bound at its `mountPath`
/// (parents first; missing mount points are made in the container's upper layer), a fresh `/proc` for the new
/// PID namespace, `/dev` and `/sys`, then `pivot_root`. Without one, the same mounts are made over the host's root (missing mount points
/// are then made on the host, where they stay as empty directories). Sources are opened before anything is
/// mounted, so a volume whose host directory is under `/tmp` still works when `/tmp` is replaced.
public struct MountPlan: Sendable, Equatable {
    public var tmpfs: [String]
    public var binds: [VolumeBind]
    public var mountProc: Bool
    public var root: ContainerRoot?

    public init(tmpfs: [String] = ["/tmp"], binds: [VolumeBind] = [], mountProc: Bool = true, root: ContainerRoot? = nil) {
        self.tmpfs = tmpfs
        self.binds = binds
        self.mountProc = mountProc
        self.root = root
    }

    public var isEmpty: Bool { tmpfs.isEmpty && binds.isEmpty && !mountProc && root == nil }

    /// The `argo-lite emissary` flags that carry this plan.
    public var arguments: [String] {
        var flags = (root.map { ["--rootfs", $0.argument] } ?? []) + (root?.hidden ?? []).flatMap { ["--hide", $0] }
        if root?.readOnly == true { flags.append("--read-only-root") }
        return flags + tmpfs.flatMap { ["--tmpfs", $0] } + binds.flatMap { ["--bind", $0.argument] } + (mountProc ? ["--mount-proc"] : [])
    }

    /// What `apply` mounted that the emissary still needs: the container's layers, for `seal`.
    public struct Applied: Sendable {
        var layers: [String] = []
        var readOnly = false

        /// `readOnlyRootFilesystem`, once the inputs and the script are in place.
        public func seal() throws(MountError) { if readOnly { try ContainerRoot.seal(layers) } }
    }

    /// Performs the mounts. Must run inside a new mount namespace (as `unshare --mount` starts it).
    public func apply() throws(MountError) -> Applied {
        // Keep our mounts from propagating back to the host even if the caller forgot --propagation private.
        try MountCalls.mount(nil, "/", nil, MountCalls.rec | MountCalls.privatePropagation, nil, "make-rprivate")
        // Open every source first: a tmpfs on /tmp must not hide a volume that lives under /tmp.
        var sources: [(VolumeBind, Int32)] = []
        defer { for (_, fd) in sources { close(fd) } }
        for bind in binds.sorted(by: { HostMounts.depth($0.mountPath) < HostMounts.depth($1.mountPath) }) {
            let fd = open(bind.hostPath, MountCalls.oPath | O_CLOEXEC)
            guard fd >= 0 else { throw MountCalls.fail("open volume", bind.hostPath) }
            sources.append((bind, fd))
        }
        var applied = Applied(readOnly: root?.readOnly ?? false)
        var base = ""
        var ownDirectories = tmpfs
        var devicesUnmade = false
        if let root {
            let made = try root.mountLayers(HostMounts.current(), ownDirectories: tmpfs)
            applied.layers = made.layers
            ownDirectories = made.unmade.filter { $0 != "/dev" }
            devicesUnmade = made.unmade.contains("/dev")
            base = root.newRoot
        }
        for path in ownDirectories {
            try MountCalls.makeDirectory(base + path)
            try MountCalls.mount("tmpfs", base + path, "tmpfs", MountCalls.nosuid | MountCalls.nodev, "mode=1777", "mount tmpfs on")
        }
        for (bind, fd) in sources {
            var st = stat()
            let isDirectory = fstat(fd, &st) == 0 && (st.st_mode & S_IFMT) == S_IFDIR
            let target = base + bind.mountPath
            try isDirectory ? MountCalls.makeDirectory(target) : MountCalls.makeFile(target)
            try MountCalls.mount("/proc/self/fd/\(fd)", target, nil, MountCalls.bind | MountCalls.rec, nil, "bind \(bind.hostPath) on")
            if bind.readOnly {
                try MountCalls.mount(nil, target, nil, MountCalls.bind | MountCalls.remount | MountCalls.rdonly | MountCalls.rec, nil, "remount read-only")
            }
        }
        if mountProc {
            try MountCalls.makeDirectory(base + "/proc")
            // In a container's own root, read-only: a root command could otherwise reboot the host
            // (`/proc/sysrq-trigger`) or change its sysctls (`/proc/sys`), which runc makes read-only too.
            let readOnly = root == nil ? 0 : MountCalls.rdonly
            try MountCalls.mount("proc", base + "/proc", "proc", MountCalls.nosuid | MountCalls.nodev | MountCalls.noexec | readOnly, nil, "mount proc on")
        }
        if let root {
            try root.mountSystem(devicesUnmade: devicesUnmade)
            try root.enter()
        }
        return applied
    }
}
