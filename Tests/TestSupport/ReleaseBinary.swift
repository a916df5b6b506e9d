import Foundation
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// The `argo-lite` binary that end-to-end tests run the engine with, when one is named: `ARGO_LITE_E2E_BINARY`
/// (`.ci/run` sets it to the release build, the binary users run). Unset, the engine runs inside the test process,
/// compiled as the tests are (debug).
public enum ReleaseBinary {
    public static let variable = "ARGO_LITE_E2E_BINARY"

    /// The binary's absolute path, or nil to run in-process. A named binary that does not exist is an error, so that
    /// a mistyped path cannot quietly test the debug build instead.
    public static func path() throws -> String? {
        guard let value = ProcessInfo.processInfo.environment[variable], !value.isEmpty else { return nil }
        let url = URL(fileURLWithPath: value, relativeTo: URL(fileURLWithPath: FileManager.default.currentDirectoryPath))
        guard FileManager.default.isExecutableFile(atPath: url.path) else {
            throw SpawnError("\(variable)=\(value): no executable there; build it (swift build -c release) or unset \(variable)")
        }
        return url.standardizedFileURL.path
    }
}

public struct SpawnError: Error, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}

/// A child process started with a clean signal mask and default dispositions (`Foundation.Process` children
/// inherit the async thread's blocked SIGTERM), its output appended to `logFile`.
public final class ChildProcess: Sendable {
    public let pid: pid_t
    public let logFile: URL
    private let end = Mutex<String?>(nil)

    public init(_ argv: [String], logFile: URL) throws {
        self.logFile = logFile
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, logFile.path, O_WRONLY | O_CREAT | O_APPEND, 0o644)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var none = sigset_t()
        sigemptyset(&none)
        posix_spawnattr_setsigmask(&attributes, &none)
        var all = sigset_t()
        sigfillset(&all)
        posix_spawnattr_setsigdefault(&attributes, &all)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
        var cArgs = argv.map { strdup($0) } + [nil]
        defer { for p in cArgs { free(p) } }
        var child: pid_t = 0
        let rc = posix_spawn(&child, argv[0], &actions, &attributes, &cArgs, environ)
        guard rc == 0 else { throw SpawnError("cannot start \(argv[0]): \(String(cString: strerror(rc)))") }
        pid = child
    }

    /// How the process ended (`exited 1`, `killed by signal 11`), or nil while it runs. Reaps it once it has ended.
    public func ended() -> String? {
        end.withLock { end in
            if let end { return end }
            var status: Int32 = 0
            let rc = waitpid(pid, &status, WNOHANG)
            if rc == 0 { return nil }
            // WIFEXITED / WTERMSIG are macros Swift does not import.
            let signal = status & 0x7f
            end = rc < 0 ? "gone" : signal == 0 ? "exited \((status >> 8) & 0xff)" : "killed by signal \(signal)"
            return end
        }
    }

    /// The end of the process's output, for failure messages.
    public func outputTail(lines: Int = 40) -> String {
        let text = (try? String(contentsOf: logFile, encoding: .utf8)) ?? ""
        return text.split(separator: "\n", omittingEmptySubsequences: false).suffix(lines).joined(separator: "\n")
    }

    /// Sends `signal` and waits up to `seconds` for the process to end; then SIGKILL.
    public func stop(signal: Int32 = SIGTERM, seconds: Double = 10) {
        kill(pid, signal)
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if ended() != nil { return }
            usleep(20_000)
        }
        kill(pid, SIGKILL)
        _ = ended()
    }
}
