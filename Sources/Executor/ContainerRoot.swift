import CLinux
#if canImport(Glibc)
import Glibc
#endif

/// A container's own root filesystem, made inside the pod's mount namespace as a container runtime makes one: the
/// host's filesystems as read-only lower layers of copy-on-write overlays whose upper layers are the container's
/// (`LAYER/upper`, kept until the pod is deleted, like a stopped container's layer), a fresh `/proc`, `/dev` and
/// `/sys`, the state directory covered by an empty read-only folder, then `pivot_root` into it. What a container
/// writes outside its volumes stays in its upper layer: never on the host, never seen by another container.
public struct ContainerRoot: Sendable, Equatable {
    /// The container's layer folder: in the pod's folder of the state directory (kept until the pod is deleted),
    /// or, for a layer in memory, in a tmpfs of the pod's that goes with the container.
    public var layer: String
    /// The upper layers are in memory (the default): a tmpfs of `memorySize` bytes (nil: the kernel's default, half
    /// the machine's memory), which costs a third of a layer on disk per container start and nothing to remove.
    public var inMemory = false
    public var memorySize: UInt64?

    /// Where a layer in memory is made: the pod namespace's own /tmp (the host's is not needed after the mounts).
    static let memoryLayer = "/tmp/argo-lite-layer"
    /// Host paths the container must not see (the state directory): covered by an empty read-only tmpfs.
    public var hidden: [String]
    /// `readOnlyRootFilesystem`: the root is made read-only once the emissary has placed the inputs.
    public var readOnly: Bool

    public init(layer: String, hidden: [String] = [], readOnly: Bool = false) {
        self.layer = layer
        self.hidden = hidden
        self.readOnly = readOnly
    }

    /// A root whose upper layers are in memory.
    public static func memory(size: UInt64? = nil, hidden: [String] = [], readOnly: Bool = false) -> ContainerRoot {
        var root = ContainerRoot(layer: memoryLayer, hidden: hidden, readOnly: readOnly)
        root.inMemory = true
        root.memorySize = size
        return root
    }

    /// `--rootfs`'s value: the layer folder, or `memory` / `memory:BYTES`.
    public var argument: String { inMemory ? "memory" + (memorySize.map { ":\($0)" } ?? "") : layer }

    public init?(argument: String) {
        if argument == "memory" { self = .memory(); return }
        if argument.hasPrefix("memory:") {
            guard let size = UInt64(argument.dropFirst(7)) else { return nil }
            self = .memory(size: size)
            return
        }
        guard argument.hasPrefix("/") else { return nil }
        self.init(layer: argument)
    }

    /// Where the new root is assembled before `pivot_root`.
    var newRoot: String { layer + "/root" }

    /// Mounts the layers at `newRoot`. What the container gets of its own (`ownDirectories`: `/tmp`; and `/dev`)
    /// and the hidden paths are made in the upper layers before they are mounted, which costs no mount each: an
    /// own directory is an opaque folder of the upper layer (the host's entries do not show through), a hidden
    /// path a whiteout (it does not exist in the container). Those that fall in a layer shown read-only as it is
    /// are left for `MountPlan` (a tmpfs) and covered here by an empty read-only tmpfs. Returns the mount points
    /// of the overlays (which `seal` makes read-only) and the own directories still to be mounted.
    func mountLayers(_ host: [HostMount], ownDirectories: [String]) throws(MountError) -> (layers: [String], unmade: [String]) {
        let layers = HostMounts.layers(host, excluding: hidden + [layer])
        if inMemory {
            try MountCalls.mount("tmpfs", "/tmp", "tmpfs", MountCalls.nosuid, "mode=755" + (memorySize.map { ",size=\($0)" } ?? ""),
                                 "mount tmpfs for the container's layers on")
        }
        try MountCalls.makeDirectory(newRoot)
        // Which layers are overlays (a folder of the host, writable there), and their upper folders.
        var uppers: [(mountPoint: String, upper: String)] = []
        var shown: [HostMount] = []
        for (i, layer) in layers.enumerated() {
            if layer.mountPoint != "/" {
                guard MountCalls.exists(newRoot + layer.mountPoint) || MountCalls.exists(layer.mountPoint) else { continue }
                if layer.readOnly || !MountCalls.isDirectory(layer.mountPoint) {
                    shown.append(layer)
                    continue
                }
            }
            let suffix = i == 0 ? "" : "-\(i)"
            try MountCalls.makeDirectory(self.layer + "/upper" + suffix)
            try MountCalls.makeDirectory(self.layer + "/work" + suffix)
            uppers.append((layer.mountPoint, self.layer + "/upper" + suffix))
        }
        func upperPath(_ path: String) -> UpperLayer.Place? {
            let holder = (uppers.map(\.mountPoint) + shown.map(\.mountPoint))
                .filter { HostMounts.isSameOrBelow(path, $0) }.max { $0.count < $1.count }
            guard let holder, let upper = uppers.first(where: { $0.mountPoint == holder })?.upper else { return nil }
            return UpperLayer.Place(upper: upper, lower: holder, relative: holder == "/" ? path : String(path.dropFirst(holder.count)))
        }
        var unmade: [String] = []
        for path in ownDirectories {
            guard let place = upperPath(path) else { unmade.append(path); continue }
            try place.ownDirectory(mode: 0o1777)
        }
        if let place = upperPath("/dev") {
            try place.ownDirectory(mode: 0o755)
            UpperLayer.devices(in: place.upperPath)
        } else {
            unmade.append("/dev")
        }
        var covered: [String] = []
        for path in hidden where !HostMounts.isSameOrBelow(path, "/tmp") {
            if let place = upperPath(path) { try place.whiteout() } else { covered.append(path) }
        }
        var points: [String] = []
        for (i, layer) in layers.enumerated() {
            let target = layer.mountPoint == "/" ? newRoot : newRoot + layer.mountPoint
            if let upper = uppers.first(where: { $0.mountPoint == layer.mountPoint })?.upper {
                try MountCalls.makeDirectory(target)
                try overlay(lower: layer.mountPoint, upper: upper, work: self.layer + "/work" + (i == 0 ? "" : "-\(i)"), on: target)
                points.append(layer.mountPoint)
            } else if shown.contains(layer), MountCalls.exists(target) {
                // Read-only on the host too, or a file (a bind-mounted /etc/hosts): shown as it is, read-only.
                try MountCalls.bind(layer.mountPoint, target, readOnly: true)
            }
        }
        for path in covered where MountCalls.isDirectory(newRoot + path) {
            try MountCalls.mount("tmpfs", newRoot + path, "tmpfs", MountCalls.rdonly | MountCalls.nosuid | MountCalls.nodev | MountCalls.noexec,
                                 "size=4k,mode=000", "hide")
        }
        return (points, unmade)
    }

    /// One overlay: `lower` read-only under the container's `upper`.
    private func overlay(lower: String, upper: String, work: String, on target: String) throws(MountError) {
        let options = "lowerdir=\(lower),upperdir=\(upper),workdir=\(work)"
        // `volatile` (Linux 5.10+): no sync of the upper layer, whose unmount otherwise syncs the whole state
        // directory's filesystem (three times the cost of the rest of the overlay); a layer that a crash of the
        // machine loses is no loss, as the pod is gone then too.
        if Glibc.mount("overlay", target, "overlay", 0, options + ",volatile") == 0 { return }
        if errno == EINVAL, Glibc.mount("overlay", target, "overlay", 0, options) == 0 { return }
        let failure = MountCalls.fail("mount overlay (\(options)) on", target)
        guard inMemory || (failure.errno != EINVAL && failure.errno != EOPNOTSUPP) else {
            throw MountError(operation: "mount overlay (\(options); the state directory's filesystem cannot hold a container's "
                                 + "layer on disk: unset ARGO_LITE_POD_LAYERS to keep layers in memory) on",
                             path: target, errno: failure.errno)
        }
        throw failure
    }

    /// A read-only `/sys`, as a container runtime gives it (the own `/dev` is made in the upper layer, or, where
    /// `/dev` falls in a layer shown as it is, on a tmpfs: `mountDevices`).
    func mountSystem(devicesUnmade: Bool) throws(MountError) {
        if devicesUnmade {
            let dev = newRoot + "/dev"
            try MountCalls.makeDirectory(dev)
            try MountCalls.mount("tmpfs", dev, "tmpfs", MountCalls.nosuid, "mode=755,size=65536k", "mount tmpfs on")
            UpperLayer.devices(in: dev)
        }
        let sys = newRoot + "/sys"
        try MountCalls.makeDirectory(sys)
        let flags = MountCalls.rdonly | MountCalls.nosuid | MountCalls.nodev | MountCalls.noexec
        if Glibc.mount("sysfs", sys, "sysfs", flags, nil) != 0 {
            try MountCalls.bind("/sys", sys, readOnly: true, recursive: true)
        }
    }

    /// Makes the new root this mount namespace's root and lets go of the host's (`pivot_root(".", ".")`, then a
    /// lazy unmount of the old root, which is left stacked below).
    func enter() throws(MountError) {
        guard chdir(newRoot) == 0 else { throw MountCalls.fail("change to", newRoot) }
        guard argo_pivot_root(".", ".") == 0 else { throw MountCalls.fail("pivot_root to", newRoot) }
        guard umount2(".", MountCalls.detach) == 0 else { throw MountCalls.fail("unmount the host's root under", newRoot) }
        guard chdir("/") == 0 else { throw MountCalls.fail("change to", "/") }
    }

    /// `readOnlyRootFilesystem`: the layers become read-only (volumes, `/tmp` and `/dev` stay as they are).
    static func seal(_ points: [String]) throws(MountError) {
        for point in points {
            try MountCalls.mount(nil, point, nil, MountCalls.bind | MountCalls.remount | MountCalls.rdonly, nil, "remount read-only")
        }
    }
}
