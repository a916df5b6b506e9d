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
    package static func executable(_ command: String, path: String? = ProcessInfo.processInfo.environment["PATH"]) -> Executable {
        if command.contains("/") { return .path(FilePath(command)) }
        for dir in (path ?? "/usr/local/bin:/usr/bin:/bin").split(separator: ":") where !dir.isEmpty {
            let candidate = "\(dir)/\(command)"
            if access(candidate, X_OK) == 0 { return .path(FilePath(candidate)) }
        }
        return .name(command)  // not found: let the spawner report it as usual
    }
}
