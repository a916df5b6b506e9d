import ArgumentParser
import Controller
import Foundation
import Server

/// `argo-lite server`: the Argo Server REST API (`/api/v1/...`, docs/server.md) on the state directory, on
/// 127.0.0.1:2746 by default. It runs the controller in the same process (`--no-controller` to leave that to a
/// separate `argo-lite controller`; when another process runs one, it stands by to take over, as `controller` does).
struct ServerCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "server", abstract: "Run the Argo Server REST API.")

    @OptionGroup var global: GlobalOptions
    @Option(name: .customLong("address"), help: "The address to listen on; other than loopback only with --token-file.")
    var address = "127.0.0.1"
    @Option(name: .customLong("port"), help: "The port to listen on.") var port = 2746
    @Option(name: .customLong("auth-mode"), help: "client (a bearer token from --token-file) or server (no token; loopback only); repeat for both. Default: client with --token-file, else server.")
    var authModes: [String] = []
    @Option(name: .customLong("token-file"), help: "A file of the bearer tokens clients may use, one per line.")
    var tokenFile: String?
    @Flag(name: .customLong("controller"), inversion: .prefixedNo, help: "Run the workflow controller in this process.")
    var controller = true
    @Option(name: .customLong("max-body-bytes"), help: "Refuse request bodies larger than this (413).")
    var maxBodyBytes = 3 * 1024 * 1024

    func run() async throws {
        let backend = try global.backend()
        var env = global.environment(for: backend)
        // The in-process controller is the local default's; on a cluster the controller runs in the cluster.
        env.startController = controller && backend.kubeConfig == nil
            ? ClusterAccess.controllerStarter(global.stateDirectory, logLevel: .info) : nil
        try await global.run(backend: backend, env: env) { cluster, env in
            let configuration: ServerConfiguration
            do {
                configuration = try serverConfiguration()
            } catch {
                return env.fail(error)
            }
            return try await Self.serve(cluster: cluster, configuration: configuration, env: env)
        }
    }

    func serverConfiguration() throws(ServerStartError) -> ServerConfiguration {
        var configuration = ServerConfiguration(address: address, port: port, authModes: authModes)
        if let tokenFile { configuration.tokens = try AuthPolicy.loadTokens(path: tokenFile) }
        configuration.maxBodyBytes = maxBodyBytes
        return configuration
    }

    /// Serves until SIGINT or SIGTERM, with a controller when `env.startController` can start one.
    static func serve(cluster: any Cluster, configuration: ServerConfiguration, env: CLIEnvironment) async throws -> Int32 {
        let server: ArgoServer
        do {
            server = try ArgoServer(cluster: cluster, configuration: configuration)
        } catch {
            return env.fail(error)
        }
        var standby: ControllerStandby? = nil
        if let start = env.startController {
            standby = try await ControllerStandby(start: start, cluster: cluster, interval: env.pollInterval)
            if standby?.controller == nil {
                env.printError("another controller runs on this state directory; standing by to take over")
            }
        }
        let serving = Task {
            try await server.run { port in
                env.printError("argo-lite server listening on http://\(configuration.address):\(port)")
            }
        }
        // Ctrl-C or SIGTERM (ControllerCommand's `Signals`), the server ending by itself (it could not listen), or
        // the caller's task cancelled (tests).
        _ = await withTaskCancellationHandler {
            await Signals.waitForTermination(orUntil: { _ = await serving.result })
        } onCancel: {
            serving.cancel()
        }
        serving.cancel()
        if case .failure(let error) = await serving.result {
            await standby?.shutdown()
            env.printError("cannot serve on \(configuration.address):\(configuration.port): \(error) (another server on that port? choose one with --port)")
            return 1
        }
        await standby?.shutdown()
        return 0
    }
}
