#if canImport(Glibc)
import Glibc
import ClusterAPI
#endif

/// The path of the running executable (`/proc/self/exe` on Linux), used to run `argo-lite argosay`,
/// `argo-lite emissary` and the namespace entry as children of the node agent.
public enum SelfExecutable {
    /// `ARGO_LITE_EXECUTABLE` overrides it (tests run inside a test runner, not inside argo-lite).
    public static let path: String = {
        if let override = getenv("ARGO_LITE_EXECUTABLE").map({ String(cString: $0) }), !override.isEmpty {
            return override
        }
        #if os(Linux)
        var buffer = [CChar](repeating: 0, count: 4096)
        let n = readlink("/proc/self/exe", &buffer, buffer.count - 1)
        if n > 0 {
            return String(decoding: buffer[0..<n].map { UInt8(bitPattern: $0) }, as: UTF8.self)
        }
        #endif
        return CommandLine.arguments.first ?? "argo-lite"
    }()
}

extension SelfExecutable {
    /// What runs argo-lite's in-pod commands (`emissary`, `argosay`) for the `argo-lite` at `executable`: the small
    /// `argo-lite-executor` beside it when it is installed there (it starts in a few milliseconds, the full
    /// binary in tens), else `executable` itself, which has the same commands.
    public static func executor(beside executable: String) -> String {
        guard let slash = executable.lastIndex(of: "/") else { return executable }
        let candidate = String(executable[...slash]) + "argo-lite-executor"
        return access(candidate, X_OK) == 0 ? candidate : executable
    }
}
