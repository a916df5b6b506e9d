import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A size-limited tmpfs for the tests of a full disk: mounted on a test's folder, grown with a remount, detached at
/// the end. Mounting needs root (CAP_SYS_ADMIN); `canMount` tries it once on a scratch folder, and `whyNot` says
/// why it cannot, for the skip message.
public enum SmallTmpfs {
    public struct MountError: Error, CustomStringConvertible {
        public let description: String
    }

    public static func mount(_ path: String, size: String) throws {
        guard Glibc.mount("tmpfs", path, "tmpfs", 0, "size=\(size),mode=0755") == 0 else {
            throw MountError(description: "mount -t tmpfs -o size=\(size) tmpfs \(path): \(String(cString: strerror(errno)))")
        }
    }

    /// `mount -o remount,size=SIZE PATH`: the files stay, the limit changes.
    public static func remount(_ path: String, size: String) throws {
        guard Glibc.mount("tmpfs", path, "tmpfs", UInt(MS_REMOUNT), "size=\(size),mode=0755") == 0 else {
            throw MountError(description: "mount -o remount,size=\(size) \(path): \(String(cString: strerror(errno)))")
        }
    }

    /// Detaches the mount even while files on it are still open (a pod's process that outlived the test).
    public static func unmount(_ path: String) {
        _ = umount2(path, Int32(MNT_DETACH))
    }

    /// The bytes an unprivileged writer can still write there.
    public static func freeBytes(_ path: String) -> UInt64 {
        var s = statvfs()
        guard statvfs(path, &s) == 0 else { return .max }
        return UInt64(s.f_bavail) * UInt64(s.f_frsize)
    }

    private static let probe: String? = {
        guard getuid() == 0 else { return "needs root to mount a tmpfs (running as uid \(getuid()))" }
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("argo-lite-tmpfs-probe-\(getpid())")
        try? FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        do {
            try mount(dir.path, size: "64k")
        } catch {
            return "cannot mount a tmpfs here: \(error)"
        }
        unmount(dir.path)
        return nil
    }()

    public static var canMount: Bool { probe == nil }
    public static var whyNot: String { probe ?? "" }
}
