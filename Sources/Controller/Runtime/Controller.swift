import Templates
import ClusterAPI

/// The controller module: cluster API, workflow controller, operator, executor. See docs/architecture.md.
public enum ControllerModule {
    public static let version = "0.1.0"

    /// `OS/ARCH` as Go names them (`linux/amd64`), for `argo-lite version` and the server's `/api/v1/version`.
    public static var platform: String {
        #if os(Linux)
        let os = "linux"
        #elseif os(macOS)
        let os = "darwin"
        #else
        let os = "unknown"
        #endif
        #if arch(x86_64)
        let arch = "amd64"
        #elseif arch(arm64)
        let arch = "arm64"
        #else
        let arch = "unknown"
        #endif
        return "\(os)/\(arch)"
    }
}
