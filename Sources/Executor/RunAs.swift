import CLinux
#if canImport(Glibc)
import Glibc
#endif

/// The user a container's command runs as (`securityContext.runAsUser`, `runAsGroup`, and the pod's
/// `supplementalGroups` and `fsGroup`): set in the command's process between `fork` and `exec`, so that the emissary
/// around it stays root and can still save its outputs.
public struct RunAs: Sendable, Equatable {
    public var uid: UInt32
    public var gid: UInt32
    /// Supplementary groups.
    public var groups: [UInt32]

    public init(uid: UInt32, gid: UInt32, groups: [UInt32] = []) {
        self.uid = uid
        self.gid = gid
        self.groups = groups
    }

    /// `UID:GID` or `UID:GID:G1,G2`, the form `emissary --run-as` takes.
    public var argument: String {
        "\(uid):\(gid)" + (groups.isEmpty ? "" : ":" + groups.map(String.init).joined(separator: ","))
    }

    public init?(argument: String) {
        let parts = argument.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2 || parts.count == 3, let uid = UInt32(parts[0]), let gid = UInt32(parts[1]) else { return nil }
        var groups: [UInt32] = []
        if parts.count == 3 {
            for g in parts[2].split(separator: ",") {
                guard let n = UInt32(g) else { return nil }
                groups.append(n)
            }
        }
        self.init(uid: uid, gid: gid, groups: groups)
    }

    /// Becomes this user: groups, then group, then user (after `setuid` the others could not be set). Only system
    /// calls, so that it is safe between `fork` and `exec`; the failing call's name, or nil.
    func become() -> StaticString? {
        let ok = groups.withUnsafeBufferPointer { argo_setgroups($0.count, $0.baseAddress) == 0 }
        if !ok { return "setgroups" }
        if setgid(gid) != 0 { return "setgid" }
        if setuid(uid) != 0 { return "setuid" }
        return nil
    }
}
