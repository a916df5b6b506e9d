import Controller
import Foundation
import Logging

/// Opening the local cluster and starting an in-process controller. The one place that names the concrete types.
enum ClusterAccess {
    static func open(_ directory: URL) throws -> any Cluster {
        do {
            return try LocalCluster(directory: directory)
        } catch {
            throw CLIError("cannot open the state directory \(directory.path): \(error.description)")
        }
    }

    /// The local cluster when `directory` already holds a store; nil (and nothing created) when it does not.
    static func openExisting(_ directory: URL) throws -> (any Cluster)? {
        guard FileManager.default.fileExists(atPath: LocalCluster.databaseURL(in: directory).path) else { return nil }
        return try open(directory)
    }

    /// Starts `LocalRuntime` (controller and node agent) on the state directory unless another process holds
    /// its lease.
    /// `logLevel`: what the runtime logs to standard error (`submit --wait` keeps it to errors; `controller`
    /// shows its progress).
    /// `maxPods`: how many pods the node agent runs at once (a kubelet's `maxPods`).
    static func controllerStarter(_ directory: URL, logLevel: Logger.Level = .error, maxPods: Int = LocalNodeAgent.defaultMaxPods,
                                  executable: String = SelfExecutable.path) -> ControllerStarter? {
        { cluster in
            guard let local = cluster as? LocalCluster else {
                throw CLIError("an in-process controller needs the local cluster")
            }
            var logger = Logger(label: "argo-lite")
            logger.logLevel = logLevel
            return try await LocalRuntime.startIfNeeded(cluster: local, stateDirectory: directory, maxPods: maxPods,
                                                        executable: executable, logger: logger)
        }
    }
}

extension LocalRuntime: RunningController {
    func shutdown() async { await shutdown(stoppingPods: false) }
}
