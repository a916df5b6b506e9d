#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import Subprocess
#if canImport(Glibc)
import Glibc
#endif
#if canImport(System)
import System
#else
import SystemPackage
#endif

/// Finds a command on `PATH` once, with `access(X_OK)`, before spawning: handing a bare name to the spawner
/// costs a failed exec attempt per `PATH` entry on every pod start.
package enum ExecutableLookup {
    /// The command's path: itself when it has a `/`, else the first executable `PATH` entry; nil when none is.
    package static func path(_ command: String, path: String? = ProcessInfo.processInfo.environment["PATH"]) -> String? {
        if command.contains("/") { return command }
        for dir in (path ?? "/usr/local/bin:/usr/bin:/bin").split(separator: ":") where !dir.isEmpty {
            let candidate = "\(dir)/\(command)"
            if access(candidate, X_OK) == 0 { return candidate }
        }
        return nil
    }

    package static func executable(_ command: String, path: String? = ProcessInfo.processInfo.environment["PATH"]) -> Executable {
        // Not found: let the spawner report it as usual.
        self.path(command, path: path).map { .path(FilePath($0)) } ?? .name(command)
    }
}
