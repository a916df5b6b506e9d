import Controller
import Foundation
import Synchronization

/// Where a command writes: standard output and standard error in the tool, a buffer in tests.
struct Console: Sendable {
    let out: @Sendable (String) -> Void
    let err: @Sendable (String) -> Void

    static let standard = Console(
        out: { s in FileHandle.standardOutput.write(Data(s.utf8)) },
        err: { s in FileHandle.standardError.write(Data(s.utf8)) })

    /// A console that records what is written (for tests and for composing output).
    static func capturing(_ buffer: OutputBuffer) -> Console {
        Console(out: { buffer.append($0, error: false) }, err: { buffer.append($0, error: true) })
    }
}

/// Thread-safe record of a command's output.
final class OutputBuffer: Sendable {
    private let state = Mutex<(out: String, err: String)>(("", ""))
    init() {}
    func append(_ s: String, error: Bool) {
        state.withLock { if error { $0.err += s } else { $0.out += s } }
    }
    var out: String { state.withLock { $0.out } }
    var err: String { state.withLock { $0.err } }
}

/// An error a command reports to the user: one line, printed as argo prints fatal errors, exit code 1
/// (`CLIEnvironment.fail`). The library's `ActionError`, so what `WorkflowRetry` and the like throw reads the same.
typealias CLIError = ActionError
