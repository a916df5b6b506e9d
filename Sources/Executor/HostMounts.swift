#if canImport(Glibc)
import Glibc
#endif

/// One mount of the host, as `/proc/self/mountinfo` lists it.
public struct HostMount: Sendable, Equatable {
    public var mountPoint: String
    public var fsType: String
    public var readOnly: Bool

    public init(mountPoint: String, fsType: String, readOnly: Bool) {
        self.mountPoint = mountPoint
        self.fsType = fsType
        self.readOnly = readOnly
    }
}

/// The host's filesystems a container's root is made of. An overlay shows only the filesystem it is given, not
/// what is mounted below it, so each of the host's real filesystems (`/`, and a separate `/home`, `/work`, `/usr`…)
/// becomes a layer of its own at its mount point. What a container runtime gives a container fresh (`/proc`,
/// `/sys`, `/dev`, the private `/tmp`) and the host's kernel interfaces (cgroup, devpts, …) are not layers.
public enum HostMounts {
    /// Kernel and virtual filesystems: never a layer (the container gets its own `/proc`, `/sys` and `/dev`).
    /// An array, not a `Set`: hashing `String` makes the runtime scan the binary's conformances, a pod start's
    /// dearest step.
    static let virtualTypes: [String] = [
        "proc", "sysfs", "devtmpfs", "devpts", "cgroup", "cgroup2", "mqueue", "debugfs", "tracefs", "securityfs",
        "pstore", "bpf", "binfmt_misc", "autofs", "fusectl", "configfs", "hugetlbfs", "nsfs", "efivarfs", "rpc_pipefs",
    ]
    /// Paths the container gets its own of.
    static let ownPaths = ["/proc", "/sys", "/dev", "/tmp"]

    /// The mounts in `mountinfo`'s text, the top one where several are stacked on one mount point, in the order
    /// they were mounted.
    public static func parse(_ text: String) -> [HostMount] {
        var mounts: [HostMount] = []
        for line in text.split(separator: "\n") {
            let fields = line.split(separator: " ", omittingEmptySubsequences: true)
            // id parent major:minor root mount-point options [optional…] - type source super-options
            guard fields.count >= 7, let dash = fields.firstIndex(of: "-"), dash + 1 < fields.count, dash >= 6 else { continue }
            let point = unescape(String(fields[4]))
            let readOnly = fields[5].split(separator: ",").contains("ro")
            let mount = HostMount(mountPoint: point, fsType: String(fields[dash + 1]), readOnly: readOnly)
            mounts.removeAll { $0.mountPoint == point }
            mounts.append(mount)
        }
        return mounts
    }

    /// The layers of a container's root: every mount of a real filesystem, parents before children, except the
    /// paths the container gets its own of and those under `excluded` (the state directory, which pods never see).
    public static func layers(_ mounts: [HostMount], excluding excluded: [String]) -> [HostMount] {
        mounts.filter { m in
            guard m.mountPoint != "/" else { return true }
            if virtualTypes.contains(m.fsType) { return false }
            return !(ownPaths + excluded).contains { isSameOrBelow(m.mountPoint, $0) }
        }
        .enumerated().sorted { a, b in
            let (da, db) = (depth(a.element.mountPoint), depth(b.element.mountPoint))
            return da != db ? da < db : a.offset < b.offset
        }
        .map(\.element)
    }

    /// This process's mounts (before anything is mounted in the pod's namespace).
    public static func current() -> [HostMount] {
        FileBytes.read("/proc/self/mountinfo").map { parse(String(decoding: $0, as: UTF8.self)) } ?? [HostMount(mountPoint: "/", fsType: "", readOnly: false)]
    }

    /// Whether `path` is `parent` or lies below it (`/a/b` is below `/a`, `/ab` is not).
    public static func isSameOrBelow(_ path: String, _ parent: String) -> Bool {
        path == parent || path.hasPrefix(parent.hasSuffix("/") ? parent : parent + "/")
    }

    static func depth(_ path: String) -> Int { path.split(separator: "/").count }

    /// mountinfo writes space, tab, newline and backslash as `\040`, `\011`, `\012`, `\134`.
    static func unescape(_ s: String) -> String {
        guard s.contains("\\") else { return s }
        var out: [UInt8] = []
        let bytes = Array(s.utf8)
        var i = 0
        while i < bytes.count {
            if bytes[i] == 0x5C, i + 3 < bytes.count,
               let v = UInt8(String(decoding: bytes[(i + 1)...(i + 3)], as: UTF8.self), radix: 8) {
                out.append(v)
                i += 4
            } else {
                out.append(bytes[i])
                i += 1
            }
        }
        return String(decoding: out, as: UTF8.self)
    }
}
