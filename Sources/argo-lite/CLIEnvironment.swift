import Controller
import Foundation

/// A controller that a command started in-process (for `submit --wait/--watch`), stopped when the command ends.
protocol RunningController: Sendable {
    func shutdown() async
    /// Returns when the controller has stopped, after `shutdown` or by itself (it lost its lease).
    func waitUntilStopped() async
}

/// Starts a controller on the state directory unless another process already runs one (then returns nil).
typealias ControllerStarter = @Sendable (_ cluster: any Cluster) async throws -> (any RunningController)?

/// Everything a command needs besides its flags and its cluster: where to write, how to style, the clock.
struct CLIEnvironment: Sendable {
    var namespace: String
    var console: Console
    var style: Style
    var now: @Sendable () -> Date
    /// Whether standard output is a terminal (`watch` redraws the screen only then).
    var isTerminal: Bool
    var stateDirectory: URL?
    /// Where `cp` reads artifacts from: by default the repository of the state directory.
    var artifacts: (any ArtifactRepository)?
    /// How `submit --wait/--watch` gets a controller running; nil when this build cannot start one.
    var startController: ControllerStarter?
    /// Interval for re-checking a workflow while waiting, in case a watch event is missed.
    var pollInterval: Duration = .seconds(1)

    init(namespace: String = "default", console: Console = .standard, style: Style = .plain,
         now: @escaping @Sendable () -> Date = { Date() }, isTerminal: Bool = false, stateDirectory: URL? = nil,
         startController: ControllerStarter? = nil, artifacts: (any ArtifactRepository)? = nil) {
        self.namespace = namespace
        self.console = console
        self.style = style
        self.now = now
        self.isTerminal = isTerminal
        self.stateDirectory = stateDirectory
        self.startController = startController
        self.artifacts = artifacts ?? stateDirectory.map { LocalArtifactRepository(stateDirectory: $0) }
    }

    func print(_ s: String) { console.out(s.hasSuffix("\n") ? s : s + "\n") }
    func printError(_ s: String) { console.err(s.hasSuffix("\n") ? s : s + "\n") }

    /// An error as argo's CLI ends on one: its text on standard error, exit code 1.
    func fail(_ error: any Error) -> Int32 {
        printError("\(error)")
        return 1
    }
}
