import Controller
import Foundation

/// Opening the local cluster and starting an in-process controller. The one place that names the concrete types.
enum ClusterAccess {
    static func open(_ directory: URL) throws -> any Cluster {
        do {
            return try LocalCluster(directory: directory)
        } catch {
            throw CLIError("cannot open the state directory \(directory.path): \(error.description)")
        }
    }

    /// Starts `LocalRuntime` (controller and node agent) on the state directory unless another process holds
    /// its lease.
    static func controllerStarter(_ directory: URL) -> ControllerStarter? {
        { cluster in
            guard let local = cluster as? LocalCluster else {
                throw CLIError("an in-process controller needs the local cluster")
            }
            return try await LocalRuntime.startIfNeeded(cluster: local, stateDirectory: directory)
        }
    }
}

extension LocalRuntime: RunningController {
}
