import ArgumentParser
import Controller
import Foundation

/// Options every command takes: which cluster (the local state directory, or a Kubernetes cluster as `argo` finds
/// one), the namespace, and output decoration.
struct GlobalOptions: ParsableArguments {
    @Option(name: .customLong("state-dir"),
            help: "Local state directory (default: $ARGO_LITE_STATE or ~/.argo-lite).")
    var stateDir: String?

    @Option(name: .customLong("kubeconfig"),
            help: "Act on the Kubernetes cluster of this kubeconfig (default: $KUBECONFIG when set, unless --local or --state-dir).")
    var kubeconfig: String?

    @Option(name: .customLong("context"), help: "The kubeconfig context (default: its current-context).")
    var context: String?

    @Flag(name: .customLong("local"), help: "Act on the local state directory even when $KUBECONFIG is set.")
    var local = false

    @Option(name: [.customShort("n"), .customLong("namespace")],
            help: "The namespace (default: the kubeconfig context's on a cluster, else default).")
    var namespaceOption: String?

    var namespace: String { namespaceOption ?? "default" }

    func validate() throws {
        if kubeconfig != nil && (local || stateDir != nil) {
            throw ValidationError("--kubeconfig acts on a cluster, --local and --state-dir on the local state directory: give one of them")
        }
    }

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

    /// Where commands act.
    enum Backend {
        case local(URL)
        case kube(KubeConfig)

        var kubeConfig: KubeConfig? { if case .kube(let config) = self { config } else { nil } }
    }

    /// The local state directory, unless a kubeconfig is named (`--kubeconfig`, or `$KUBECONFIG` with neither
    /// `--local`, `--state-dir` nor `$ARGO_LITE_STATE`), as `argo` talks to the cluster of the kubeconfig it finds.
    func backend(environment: [String: String] = ProcessInfo.processInfo.environment) throws -> Backend {
        let path: String?
        if local || stateDir?.isEmpty == false || environment["ARGO_LITE_STATE"]?.isEmpty == false && kubeconfig == nil {
            path = nil
        } else {
            // $KUBECONFIG may list several files; the first that exists is taken (client-go merges them).
            path = kubeconfig ?? environment["KUBECONFIG"].flatMap { list in
                list.split(separator: ":").map(String.init).first { FileManager.default.fileExists(atPath: $0) }
            }
        }
        guard let path else { return .local(stateDirectory) }
        do throws(KubeConfigError) {
            return .kube(try KubeConfig.load(file: path, context: context))
        } catch {
            throw CLIError("\(error)")
        }
    }

    func environment() -> CLIEnvironment { environment(for: try? backend()) }

    /// The environment of a command acting on `backend` (nil: it could not be read; the local default's).
    func environment(for backend: Backend?) -> CLIEnvironment {
        if let config = backend?.kubeConfig {
            // On a cluster the controller runs in the cluster: `submit --wait` only waits.
            return CLIEnvironment(namespace: namespaceOption ?? config.namespace, console: .standard, style: style,
                                  isTerminal: isatty(1) == 1)
        }
        return CLIEnvironment(namespace: namespace, console: .standard, style: style, isTerminal: isatty(1) == 1,
                              stateDirectory: stateDirectory, startController: ClusterAccess.controllerStarter(stateDirectory))
    }

    func openCluster() throws -> any Cluster { try open(try backend()) }

    func open(_ backend: Backend) throws -> any Cluster {
        switch backend {
        case .local(let directory): try ClusterAccess.open(directory)
        case .kube(let config): KubeCluster(config: config, qps: 20, burst: 30)
        }
    }

    /// The one path of every command that acts on the cluster: finds it from these options (`backend`, unless the
    /// command already did), opens it, runs the command's `execute` with the environment (`env`, else the
    /// backend's), and exits with the status it returns (`ExitCode.check`).
    func run(backend given: Backend? = nil, env: CLIEnvironment? = nil,
             _ execute: (any Cluster, CLIEnvironment) async throws -> Int32) async throws {
        let backend = try given ?? backend()
        let cluster = try open(backend)
        try ExitCode.check(try await execute(cluster, env ?? environment(for: backend)))
    }
}

extension ExitCode {
    /// A command's status as the process exit code, as argo's: 0, or 1 once the error is said (`CLIEnvironment.fail`).
    static func check(_ status: Int32) throws {
        if status != 0 { throw ExitCode(status) }
    }
}
