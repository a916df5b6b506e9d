import Foundation
import Templates
import ClusterAPI
import LocalStore
import ResourceTemplates

/// The pod of a Resource template: its `main` container runs `argo-lite emissary resource ACTION` in the image
/// `argo-lite` (built by the operator). Locally that is this executable, run in the host's namespaces with the
/// state directory in `ARGO_LITE_STATE`, reporting its task result and termination message into the pod's
/// directory. There is nothing for the generic emissary to wrap: the resource executor reports by itself.
public enum ResourcePod {
    /// Where the local node tells the resource executor the state directory is.
    public static let stateEnvironmentKey = "ARGO_LITE_STATE"
    static let commandPrefix = ["argo-lite", "emissary", "resource"]

    /// The action when `container` is a resource executor container.
    static func action(of container: JSONValue) -> String? {
        let command = (container["command"]?.arrayValue ?? []).compactMap(\.stringValue)
            + (container["args"]?.arrayValue ?? []).compactMap(\.stringValue)
        guard command.count == 4, Array(command.prefix(3)) == commandPrefix else { return nil }
        return command[3]
    }

    static func spec(_ base: ContainerProcessSpec, action: String, selfExecutable: String, stateDirectory: URL,
                     taskResult: URL, termination: URL) -> ContainerProcessSpec {
        var spec = base
        spec.argv = [selfExecutable, "emissary", "resource", action,
                     "--task-result", taskResult.path, "--termination-message", termination.path]
        spec.environment[stateEnvironmentKey] = stateDirectory.path
        spec.volumes = []
        spec.workingDirectory = nil
        spec.hostNamespaces = true
        return spec
    }

    /// The resource executor's way to the cluster on the local node: the store at `ARGO_LITE_STATE`.
    public static func connect(_ environment: [String: String]) throws(ResourceExecutor.ConnectError) -> any Cluster {
        guard let state = environment[stateEnvironmentKey], !state.isEmpty else {
            throw .init("\(stateEnvironmentKey) is not set: the resource executor needs the local state directory")
        }
        do {
            return try LocalCluster(directory: URL(fileURLWithPath: state, isDirectory: true))
        } catch {
            throw .init("cannot open the state directory \(state): \(error)")
        }
    }
}
