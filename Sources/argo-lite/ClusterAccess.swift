import Controller
import Foundation

/// Opening the local cluster and starting an in-process controller. The one place that names the concrete types.
enum ClusterAccess {
    static func open(_ directory: URL) throws -> any Cluster {
        // Wired to LocalCluster when it is merged.
        throw CLIError("the local cluster (LocalCluster) is not available in this build; state dir \(directory.path)")
    }

    static func controllerStarter(_ directory: URL) -> ControllerStarter? {
        nil  // Wired to LocalRuntime.startIfNeeded when it is merged.
    }
}
