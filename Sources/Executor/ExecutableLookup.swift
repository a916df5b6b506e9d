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
    /// `$PATH`, read with `getenv`: `ProcessInfo`'s environment dictionary costs more than the lookup itself.
    package static var environmentPath: String? { getenv("PATH").map { String(cString: $0) } }

    /// The command's path: itself when it has a `/`, else the first executable `PATH` entry; nil when none is.
    package static func path(_ command: String, path: String? = environmentPath) -> String? {
        if command.contains("/") { return command }
        // Walked in place rather than `split`: an array of substrings is one more generic type to build at start.
        let list = path ?? "/usr/local/bin:/usr/bin:/bin"
        var start = list.startIndex
        while true {
            let end = list[start...].firstIndex(of: ":") ?? list.endIndex
            if start < end {
                let candidate = "\(list[start..<end])/\(command)"
                if access(candidate, X_OK) == 0 { return candidate }
            }
            guard end < list.endIndex else { return nil }
            start = list.index(after: end)
        }
    }

    package static func executable(_ command: String, path: String? = environmentPath) -> Executable {
        // Not found: let the spawner report it as usual.
        self.path(command, path: path).map { .path(FilePath($0)) } ?? .name(command)
    }
}
