import ArgumentParser
import Controller
import Foundation

/// Options every command takes: where the local state lives, the namespace, and output decoration.
struct GlobalOptions: ParsableArguments {
    @Option(name: .customLong("state-dir"),
            help: "Local state directory (default: $ARGO_LITE_STATE or ~/.argo-lite).")
    var stateDir: String?

    @Option(name: [.customShort("n"), .customLong("namespace")], help: "The namespace.")
    var namespace: String = "default"

    @Flag(name: .customLong("no-color"), help: "Disable colorized output.")
    var noColor = false

    @Flag(name: .customLong("no-utf8"), help: "Use plain 7-bit ASCII characters in output.")
    var noUTF8 = false

    var stateDirectory: URL {
        if let dir = stateDir, !dir.isEmpty { return URL(fileURLWithPath: (dir as NSString).expandingTildeInPath) }
        if let env = ProcessInfo.processInfo.environment["ARGO_LITE_STATE"], !env.isEmpty {
            return URL(fileURLWithPath: (env as NSString).expandingTildeInPath)
        }
        return FileManager.default.homeDirectoryForCurrentUser.appendingPathComponent(".argo-lite")
    }

    /// Colour as argo decides it: on unless `--no-color` or `TERM=dumb`.
    var style: Style {
        let dumb = ProcessInfo.processInfo.environment["TERM"] == "dumb"
        return Style(color: !noColor && !dumb, utf8: !noUTF8, timeZone: .current)
    }

    func environment() -> CLIEnvironment {
        CLIEnvironment(namespace: namespace, console: .standard, style: style, isTerminal: isatty(1) == 1,
                       stateDirectory: stateDirectory, startController: ClusterAccess.controllerStarter(stateDirectory))
    }

    func openCluster() throws -> any Cluster {
        try ClusterAccess.open(stateDirectory)
    }

    /// The one path of every command that acts on the cluster: opens it from these options (the state directory),
    /// runs the command's `execute` with the environment (`env`, else `environment()`), and exits with the status
    /// it returns (`ExitCode.check`).
    func run(env: CLIEnvironment? = nil, _ execute: (any Cluster, CLIEnvironment) async throws -> Int32) async throws {
        let cluster = try openCluster()
        try ExitCode.check(try await execute(cluster, env ?? environment()))
    }
}

extension ExitCode {
    /// A command's status as the process exit code, as argo's: 0, or 1 once the error is said (`CLIEnvironment.fail`).
    static func check(_ status: Int32) throws {
        if status != 0 { throw ExitCode(status) }
    }
}
