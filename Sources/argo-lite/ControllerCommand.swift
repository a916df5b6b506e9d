import ArgumentParser
import Controller
import Foundation
import Synchronization

/// `argo-lite controller`: runs the workflow controller in the foreground on the state directory (or, with
/// `--kubeconfig`/`--in-cluster`, on a Kubernetes cluster) until SIGINT or SIGTERM. When another controller holds
/// the lease, it stands by and takes over once that one stops.
struct ControllerCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "controller", abstract: "Run the workflow and cron controllers in the foreground.")

    @OptionGroup var global: GlobalOptions
    @OptionGroup var kube: KubeControllerOptions

    @Option(name: .customLong("max-pods"), help: "How many pods the local node runs at once, as a kubelet's maxPods; the rest wait in order.")
    var maxPods: Int = LocalNodeAgent.defaultMaxPods

    func validate() throws {
        if kube.inCluster && global.kubeconfig != nil { throw ValidationError("--kubeconfig and --in-cluster exclude each other") }
        guard maxPods >= 1 else { throw ValidationError("--max-pods must be at least 1, got \(maxPods)") }
    }

    func run() async throws {
        let backend = try global.backend()
        if kube.inCluster || backend.kubeConfig != nil {
            let env = global.environment(for: backend)
            let (cluster, options, place) = try kube.connect(backend.kubeConfig)
            let start: ControllerStarter = { cluster in try await KubeRuntime.startIfNeeded(cluster: cluster, options: options) }
            try ExitCode.check(try await serve(start: start, cluster: cluster, place: place, env: env))
            return
        }
        var env = global.environment(for: backend)
        env.startController = ClusterAccess.controllerStarter(global.stateDirectory, logLevel: .info, maxPods: maxPods)
        try await global.run(backend: backend, env: env, execute)
    }

    func execute(cluster: any Cluster, env: CLIEnvironment) async throws -> Int32 {
        guard let start = env.startController else {
            env.printError("the controller runtime (LocalRuntime) is not available in this build")
            return 1
        }
        return try await serve(start: start, cluster: cluster, place: env.stateDirectory?.path ?? "the state directory", env: env)
    }

    /// Runs (or stands by for) the controller `start` starts on `place`, until a signal or a lost lease.
    func serve(start: @escaping ControllerStarter, cluster: any Cluster, place: String, env: CLIEnvironment) async throws -> Int32 {
        let running = try await ControllerStandby(start: start, cluster: cluster, interval: env.pollInterval) {
            env.printError("controller running on \(place); press Ctrl-C to stop (running pods run on)")
        }
        if running.controller != nil {
            env.printError("controller running on \(place); press Ctrl-C to stop (running pods run on)")
        } else {
            // As extra replicas of Argo's workflow-controller wait for the leader lease: take over when it is free.
            env.printError("another controller is running on \(place); standing by to take over (Ctrl-C to stop)")
        }
        // One wait for the signals from start to end: sources set up for a signal a second time did not receive it.
        let signalled = await Signals.waitForTermination(orUntil: { await running.waitUntilStopped() })
        await running.shutdown()
        if signalled { return 0 }
        env.printError("another controller took over \(place) (this one had stalled past its lease): stopped")
        return 1
    }
}

/// Waiting for SIGINT or SIGTERM without killing the process (the handlers only resume the waiting task).
enum Signals {
    /// True on a signal; false when `other` returned first.
    static func waitForTermination(orUntil other: @escaping @Sendable () async -> Void) async -> Bool {
        signal(SIGINT, SIG_IGN)
        signal(SIGTERM, SIG_IGN)
        let queue = DispatchQueue(label: "argo-lite.signals")
        return await withCheckedContinuation { (continuation: CheckedContinuation<Bool, Never>) in
            let once = OnceFlag()
            var sources: [any DispatchSourceSignal] = []
            for sig in [SIGINT, SIGTERM] {
                let source = DispatchSource.makeSignalSource(signal: sig, queue: queue)
                source.setEventHandler {
                    if once.fire() { continuation.resume(returning: true) }
                }
                source.resume()
                sources.append(source)
            }
            SignalSources.keep(sources)
            Task {
                await other()
                if once.fire() { continuation.resume(returning: false) }
            }
        }
    }
}

private final class OnceFlag: @unchecked Sendable {
    private var fired = false
    private let lock = NSLock()
    func fire() -> Bool {
        lock.lock()
        defer { lock.unlock() }
        if fired { return false }
        fired = true
        return true
    }
}

/// Keeps the signal sources alive for the life of the process.
private enum SignalSources {
    nonisolated(unsafe) static var all: [any DispatchSourceSignal] = []
    static func keep(_ s: [any DispatchSourceSignal]) { all += s }
}
