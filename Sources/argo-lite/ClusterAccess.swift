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

    static func controllerStarter(_ directory: URL) -> ControllerStarter? {
        nil  // Wired to LocalRuntime.startIfNeeded when it is merged.
    }
}
