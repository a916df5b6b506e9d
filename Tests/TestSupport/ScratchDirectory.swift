import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Where tests put their files: `<tmp>/argo-lite-tests/<pid>/<prefix>-<uuid>`. A test often cannot remove its
/// folder itself (an engine still stopping, a failed expectation), so each test process removes, once, the
/// folders of earlier test processes that have exited: a run leaves at most its own behind.
public enum ScratchDirectory {
    static let root = FileManager.default.temporaryDirectory.appendingPathComponent("argo-lite-tests", isDirectory: true)

    static let ownFolder: URL = {
        let fm = FileManager.default
        for entry in (try? fm.contentsOfDirectory(atPath: root.path)) ?? [] {
            guard let pid = Int32(entry), pid != getpid(), kill(pid, 0) != 0, errno == ESRCH else { continue }
            try? fm.removeItem(at: root.appendingPathComponent(entry))
        }
        let own = root.appendingPathComponent(String(getpid()), isDirectory: true)
        try? fm.createDirectory(at: own, withIntermediateDirectories: true)
        return own
    }()

    /// A new path (not created) for one test's files.
    public static func url(_ prefix: String) -> URL {
        ownFolder.appendingPathComponent("\(prefix)-\(UUID().uuidString)", isDirectory: true)
    }
}
