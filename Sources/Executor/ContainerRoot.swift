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
    /// The container's layer folder (in the pod's folder of the state directory).
    public var layer: String
    /// Host paths the container must not see (the state directory): covered by an empty read-only tmpfs.
    public var hidden: [String]
    /// `readOnlyRootFilesystem`: the root is made read-only once the emissary has placed the inputs.
    public var readOnly: Bool

    public init(layer: String, hidden: [String] = [], readOnly: Bool = false) {
        self.layer = layer
        self.hidden = hidden
        self.readOnly = readOnly
    }

    /// Where the new root is assembled before `pivot_root`.
    var newRoot: String { layer + "/root" }

    /// Mounts the layers at `newRoot` and covers the hidden paths. Returns the mount points of the layers (as the
    /// container sees them), which `seal` makes read-only.
    func mountLayers(_ host: [HostMount]) throws(MountError) -> [String] {
        let layers = HostMounts.layers(host, excluding: hidden + [layer])
        try MountCalls.makeDirectory(newRoot)
        var memoryBacked = false
        var points: [String] = []
        for (i, layer) in layers.enumerated() {
            let target = layer.mountPoint == "/" ? newRoot : newRoot + layer.mountPoint
            if layer.mountPoint != "/" {
                guard MountCalls.exists(target) else { continue }  // under a path the host's root does not have
                if layer.readOnly || !MountCalls.isDirectory(layer.mountPoint) {
                    // Read-only on the host too, or a file (a bind-mounted /etc/hosts): shown as it is, read-only.
                    try MountCalls.bind(layer.mountPoint, target, readOnly: true)
                    continue
                }
            }
            try overlay(lower: layer.mountPoint, on: target, index: i, memoryBacked: &memoryBacked)
            points.append(layer.mountPoint)
        }
        // A hidden path under /tmp is covered by the container's own /tmp already.
        for path in hidden where !HostMounts.isSameOrBelow(path, "/tmp") && MountCalls.isDirectory(newRoot + path) {
            try MountCalls.mount("tmpfs", newRoot + path, "tmpfs", MountCalls.rdonly | MountCalls.nosuid | MountCalls.nodev | MountCalls.noexec,
                                 "size=4k,mode=000", "hide")
        }
        return points
    }

    /// One overlay: `lower` read-only under the container's upper layer number `index`. Where the state
    /// directory's filesystem cannot hold an upper layer (it is itself an overlay, as in a Docker container), the
    /// upper layers go to a tmpfs of the pod's (in memory, gone with the container).
    private func overlay(lower: String, on target: String, index: Int, memoryBacked: inout Bool) throws(MountError) {
        let suffix = index == 0 ? "" : "-\(index)"
        let upper = layer + "/upper" + suffix, work = layer + "/work" + suffix
        try MountCalls.makeDirectory(upper)
        try MountCalls.makeDirectory(work)
        let options = "lowerdir=\(lower),upperdir=\(upper),workdir=\(work)"
        // `volatile` (Linux 5.10+): no sync of the upper layer, whose unmount otherwise syncs the whole state
        // directory's filesystem (three times the cost of the rest of the overlay); a layer that a crash of the
        // machine loses is no loss, as the pod is gone then too.
        if Glibc.mount("overlay", target, "overlay", 0, options + ",volatile") == 0 { return }
        if errno == EINVAL, Glibc.mount("overlay", target, "overlay", 0, options) == 0 { return }
        guard !memoryBacked, errno == EINVAL || errno == EOPNOTSUPP else { throw MountCalls.fail("mount overlay (\(options)) on", target) }
        memoryBacked = true
        try MountCalls.mount("tmpfs", layer, "tmpfs", MountCalls.nosuid, "mode=755", "mount tmpfs for the container's layers on")
        try MountCalls.makeDirectory(newRoot)
        try overlay(lower: lower, on: target, index: index, memoryBacked: &memoryBacked)
    }

    /// The device nodes a container runtime puts in a container's `/dev` (character devices, major 1 and 5; glibc's
    /// `makedev` is `major << 8 | minor` for numbers this small).
    static let devices: [(name: String, major: UInt32, minor: UInt32)] = [
        ("null", 1, 3), ("zero", 1, 5), ("full", 1, 7), ("random", 1, 8), ("urandom", 1, 9), ("tty", 5, 0),
    ]

    /// A fresh `/dev` (a tmpfs with the usual device nodes, `/dev/shm`, the `fd` and standard stream links; no
    /// `devpts`: pods have no terminal) and a read-only `/sys`, as a container runtime gives them.
    func mountSystem() throws(MountError) {
        let dev = newRoot + "/dev"
        try MountCalls.makeDirectory(dev)
        try MountCalls.mount("tmpfs", dev, "tmpfs", MountCalls.nosuid, "mode=755,size=65536k", "mount tmpfs on")
        for device in Self.devices {
            let path = dev + "/" + device.name
            if mknod(path, S_IFCHR | 0o666, dev_t(device.major) << 8 | dev_t(device.minor)) == 0 {
                chmod(path, 0o666)  // mknod applies the umask
                continue
            }
            try MountCalls.makeFile(path)
            try MountCalls.bind("/dev/" + device.name, path, readOnly: false)
        }
        for (link, target) in [("fd", "/proc/self/fd"), ("stdin", "/proc/self/fd/0"), ("stdout", "/proc/self/fd/1"),
                               ("stderr", "/proc/self/fd/2")] {
            _ = symlink(target, dev + "/" + link)
        }
        mkdir(dev + "/pts", 0o755)
        mkdir(dev + "/shm", 0o1777)
        chmod(dev + "/shm", 0o1777)
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
