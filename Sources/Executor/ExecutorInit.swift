#if canImport(Glibc)
import Glibc
#endif
import Templates

/// `argo-lite-executor init`: the init container of a pod on Kubernetes (Argo's `argoexec init`). It copies this
/// binary to `/var/run/argo/argo-lite-executor`, the shared emptyDir from which every container's wrapped command
/// runs it, and writes a script template's `source` (from `ARGO_TEMPLATE`) to `/argo/staging/script`. Input
/// artifacts are not placed yet: on Kubernetes they need an S3-compatible repository.
public enum ExecutorInit {
    public static let executorPath = "/var/run/argo/argo-lite-executor"
    public static let scriptPath = "/argo/staging/script"

    /// Exit code 0, or 64 with the reason on standard error.
    public static func run(self selfPath: String = "/proc/self/exe", executor: String = executorPath,
                           script: String = scriptPath, template: String? = getenv("ARGO_TEMPLATE").map { String(cString: $0) },
                           stderr: Int32 = 2) -> Int32 {
        func fail(_ message: String) -> Int32 {
            let line = "init: \(message)\n"
            _ = Glibc.write(stderr, line, line.utf8.count)
            return 64
        }
        guard let bytes = FileBytes.read(selfPath) else { return fail("cannot read \(selfPath): \(String(cString: strerror(errno)))") }
        if let problem = store(bytes, to: executor, mode: 0o755) { return fail(problem) }
        if let text = template, !text.isEmpty {
            guard let parsed = try? JSONParser.parse(text) else { return fail("ARGO_TEMPLATE is not JSON") }
            if let source = parsed["script"]?["source"]?.stringValue {
                if let problem = store(Array(source.utf8), to: script, mode: 0o644) { return fail(problem) }
            }
        }
        return 0
    }

    /// Writes the file whole (through a temporary name, then `rename`), or says why it could not.
    static func store(_ bytes: [UInt8], to path: String, mode: mode_t) -> String? {
        let temporary = path + ".tmp"
        let fd = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, mode)
        guard fd >= 0 else { return "cannot create \(temporary): \(String(cString: strerror(errno)))" }
        guard writeAll(fd, bytes) else {
            let reason = String(cString: strerror(errno))
            close(fd)
            return "cannot write \(temporary): \(reason)"
        }
        _ = fchmod(fd, mode)
        close(fd)
        guard rename(temporary, path) == 0 else { return "cannot rename \(temporary) to \(path): \(String(cString: strerror(errno)))" }
        return nil
    }
}

