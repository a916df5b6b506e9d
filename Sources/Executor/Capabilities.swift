import CLinux
#if canImport(Glibc)
import Glibc
#endif

/// The Linux capabilities a container's process keeps, as a container runtime gives them: by default the set
/// containerd and Docker give (`CHOWN`, `DAC_OVERRIDE`, `FOWNER`, … `SYS_CHROOT`) less `MKNOD`, changed by the
/// container's `securityContext.capabilities` (`add`, `drop`, `ALL`); everything for `privileged: true`. Without
/// `SYS_ADMIN` a pod cannot undo its mounts; without `SYS_PTRACE` it cannot reach the emissary's `/proc/1/root`
/// (the host's root) or its open descriptors; without `MKNOD` it cannot make a device node for the host's disk
/// (argo-lite has no device cgroup, which is what keeps Docker's `MKNOD` harmless).
public struct Capabilities: Sendable, Equatable {
    /// Bit n set: capability n is kept.
    public var kept: UInt64

    public init(kept: UInt64) { self.kept = kept }

    /// The names Kubernetes takes (without `CAP_`), in capability-number order.
    public static let names = [
        "CHOWN", "DAC_OVERRIDE", "DAC_READ_SEARCH", "FOWNER", "FSETID", "KILL", "SETGID", "SETUID", "SETPCAP",
        "LINUX_IMMUTABLE", "NET_BIND_SERVICE", "NET_BROADCAST", "NET_ADMIN", "NET_RAW", "IPC_LOCK", "IPC_OWNER",
        "SYS_MODULE", "SYS_RAWIO", "SYS_CHROOT", "SYS_PTRACE", "SYS_PACCT", "SYS_ADMIN", "SYS_BOOT", "SYS_NICE",
        "SYS_RESOURCE", "SYS_TIME", "SYS_TTY_CONFIG", "MKNOD", "LEASE", "AUDIT_WRITE", "AUDIT_CONTROL", "SETFCAP",
        "MAC_OVERRIDE", "MAC_ADMIN", "SYSLOG", "WAKE_ALARM", "BLOCK_SUSPEND", "AUDIT_READ", "PERFMON", "BPF",
        "CHECKPOINT_RESTORE",
    ]

    public static let all = Capabilities(kept: (1 << UInt64(names.count)) - 1)

    /// containerd's default set without `MKNOD`.
    public static let containerDefault = Capabilities(names: [
        "CHOWN", "DAC_OVERRIDE", "FSETID", "FOWNER", "NET_RAW", "SETGID", "SETUID", "SETFCAP", "SETPCAP",
        "NET_BIND_SERVICE", "SYS_CHROOT", "KILL", "AUDIT_WRITE",
    ])!

    /// Nil when a name is not a capability.
    public init?(names: [String]) {
        var bits: UInt64 = 0
        for name in names {
            guard let bit = Self.number(name) else { return nil }
            bits |= 1 << UInt64(bit)
        }
        self.kept = bits
    }

    /// `SYS_ADMIN`, `CAP_SYS_ADMIN` or `sys_admin` → 21.
    public static func number(_ name: String) -> Int? {
        var upper = name.uppercased()
        if upper.hasPrefix("CAP_") { upper.removeFirst(4) }
        return names.firstIndex(of: upper)
    }

    /// What a container keeps: `add` then `drop` applied to the default, as the container runtime applies them
    /// (`ALL` in `drop` empties the set before `add`); nil with the unknown name when one is not a capability.
    public static func forContainer(add: [String], drop: [String], privileged: Bool) -> Result<Capabilities, UnknownCapability> {
        if privileged { return .success(.all) }
        var kept = containerDefault.kept
        if drop.contains(where: { $0.uppercased() == "ALL" }) { kept = 0 }
        for name in drop where name.uppercased() != "ALL" {
            guard let bit = number(name) else { return .failure(UnknownCapability(name: name)) }
            kept &= ~(1 << UInt64(bit))
        }
        for name in add {
            if name.uppercased() == "ALL" { kept = all.kept; continue }
            guard let bit = number(name) else { return .failure(UnknownCapability(name: name)) }
            kept |= 1 << UInt64(bit)
        }
        return .success(Capabilities(kept: kept))
    }

    /// The `--capabilities` value: the kept names joined by commas (`none` for none).
    public var argument: String {
        let kept = Self.names.indices.filter { self.kept & (1 << UInt64($0)) != 0 }.map { Self.names[$0] }
        return kept.isEmpty ? "none" : kept.joined(separator: ",")
    }

    public init?(argument: String) {
        if argument == "none" { self.init(kept: 0); return }
        self.init(names: argument.split(separator: ",").map(String.init))
    }

    /// Limits what the processes this one starts can have: every other capability leaves the bounding set and
    /// the inheritable and ambient sets are cut to the kept ones. This process keeps its own effective set (the
    /// emissary still saves artifacts as root); a root command gets exactly the kept set at `exec`.
    public func limitChildren() -> String? {
        let last = Self.lastCapability()
        for cap in 0...last where kept & (1 << UInt64(cap)) == 0 {
            if argo_cap_bounding_drop(Int32(cap)) != 0 && errno != EINVAL {
                return "cannot drop capability \(cap < Self.names.count ? Self.names[cap] : String(cap)): \(String(cString: strerror(errno)))"
            }
        }
        _ = argo_cap_ambient_clear()
        if argo_cap_set_inheritable(kept) != 0 { return "cannot set the inheritable capabilities: \(String(cString: strerror(errno)))" }
        return nil
    }

    /// `/proc/sys/kernel/cap_last_cap`, else the last name known here.
    static func lastCapability() -> Int {
        if let bytes = FileBytes.read("/proc/sys/kernel/cap_last_cap"),
           let n = Int(String(decoding: bytes.filter { $0 >= 0x30 && $0 <= 0x39 }, as: UTF8.self)) {
            return n
        }
        return names.count - 1
    }
}

/// A name in `securityContext.capabilities` that is not a Linux capability.
public struct UnknownCapability: Error, Equatable, CustomStringConvertible {
    public var name: String
    public init(name: String) { self.name = name }
    public var description: String { "unknown capability \"\(name)\" in securityContext.capabilities" }
}
