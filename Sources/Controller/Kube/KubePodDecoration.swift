import ClusterAPI
import Templates

/// What a pod needs to run on Kubernetes beyond what the operator built (Argo's `createWorkflowPod` in
/// `workflowpod.go`, with argo-lite's executor):
/// - an `init` container in the executor's image that copies `argo-lite-executor` into the `var-run-argo`
///   emptyDir (`argo-lite-executor init`), with the pod's `ARGO_*` environment;
/// - every container's command wrapped as `/var/run/argo/argo-lite-executor emissary -- COMMAND...`, a container
///   without a command taking its image's entrypoint from the `images` index (Argo's message when the index has
///   none), and `/var/run/argo` mounted in every container and init container;
/// - a script's `/argo/staging` emptyDir (the init container writes the source there), and the
///   `kubectl.kubernetes.io/default-container` annotation.
/// There is no `wait` container: argo-lite's emissary collects the outputs in the main container itself and
/// reports the task result (docs/compatibility.md). A Resource template's `main` (the image `argo-lite` running
/// `argo-lite emissary resource ACTION`) runs in the executor's image and reports by itself, unwrapped.
public enum KubePodDecoration {
    public struct Options: Sendable {
        /// The image holding `argo-lite` and `argo-lite-executor` (Argo's `--executor-image`).
        public var executorImage: String
        public var executorImagePullPolicy: String?
        /// Argo's `images` setting: an image's entrypoint and cmd, for containers that name no command.
        public var images: [String: (entrypoint: [String], cmd: [String])]

        public init(executorImage: String, executorImagePullPolicy: String? = nil,
                    images: [String: (entrypoint: [String], cmd: [String])] = [:]) {
            self.executorImage = executorImage
            self.executorImagePullPolicy = executorImagePullPolicy
            self.images = images
        }
    }

    public static let varRunArgo = "/var/run/argo"
    static let executorPath = varRunArgo + "/argo-lite-executor"
    static let stagingPath = "/argo/staging"
    static let resourceCommand: [JSONValue] = ["argo-lite", "emissary", "resource"]

    /// The pod, decorated; `.invalid` with Argo's message for a container that cannot be wrapped.
    public static func decorate(_ pod: JSONValue, _ options: Options) throws(ClusterError) -> JSONValue {
        guard case .object(var object) = pod, case .object(var spec)? = object["spec"] else { return pod }
        var containers = spec["containers"]?.arrayValue ?? []
        let mainIndex = containers.firstIndex { $0["name"]?.stringValue == "main" }
        let argoEnv = (mainIndex.map { containers[$0] } ?? containers.first)?["env"]?.arrayValue?
            .filter { ($0["name"]?.stringValue ?? "").hasPrefix("ARGO_") && $0["name"] != "ARGO_CONTAINER_NAME" } ?? []
        let isScript = mainIndex.map { containers[$0]["args"]?[0]?.stringValue == stagingPath + "/script" } ?? false

        var mounts: [JSONValue] = [["name": "var-run-argo", "mountPath": .string(varRunArgo)]]
        if isScript { mounts.append(["name": "argo-staging", "mountPath": .string(stagingPath)]) }
        for i in containers.indices {
            var container = containers[i].objectValue ?? [:]
            if container["command"]?.arrayValue.map({ Array($0.prefix(3)) }) == resourceCommand {
                container["image"] = .string(options.executorImage)
            } else {
                try wrap(&container, options)
            }
            container["volumeMounts"] = .array((container["volumeMounts"]?.arrayValue ?? []) + mounts)
            containers[i] = .object(container)
        }
        spec["containers"] = .array(containers)

        var initContainer: JSONObject = [
            "name": "init",
            "image": .string(options.executorImage),
            "command": ["argo-lite-executor", "init"],
            "env": .array([["name": "ARGO_CONTAINER_NAME", "value": "init"]] + argoEnv),
            "volumeMounts": .array(mounts),
        ]
        if let policy = options.executorImagePullPolicy { initContainer["imagePullPolicy"] = .string(policy) }
        let userInits = (spec["initContainers"]?.arrayValue ?? []).map { container -> JSONValue in
            var c = container.objectValue ?? [:]
            c["volumeMounts"] = .array((c["volumeMounts"]?.arrayValue ?? []) + [mounts[0]])
            return .object(c)
        }
        spec["initContainers"] = .array([.object(initContainer)] + userInits)

        var volumes: [JSONValue] = [["name": "var-run-argo", "emptyDir": [:]]]
        if isScript { volumes.append(["name": "argo-staging", "emptyDir": [:]]) }
        spec["volumes"] = .array(volumes + (spec["volumes"]?.arrayValue ?? []))
        object["spec"] = .object(spec)

        var metadata = object["metadata"]?.objectValue ?? [:]
        var annotations = metadata["annotations"]?.objectValue ?? [:]
        let defaultContainer = mainIndex != nil ? "main" : (containers.last?["name"]?.stringValue ?? "main")
        annotations["kubectl.kubernetes.io/default-container"] = .string(defaultContainer)
        metadata["annotations"] = .object(annotations)
        object["metadata"] = .object(metadata)
        return .object(object)
    }

    /// `command` → `/var/run/argo/argo-lite-executor emissary -- command`, the image's entrypoint (and its cmd,
    /// when the container has no `args`) first filling an empty command, as Argo's emissary wrapping does.
    static func wrap(_ container: inout JSONObject, _ options: Options) throws(ClusterError) {
        var command = container["command"]?.arrayValue ?? []
        if command.isEmpty {
            let image = container["image"]?.stringValue ?? ""
            guard let known = options.images[image], !known.entrypoint.isEmpty || !known.cmd.isEmpty else {
                throw .invalid("failed to look-up entrypoint/cmd for image \(GoText.quote(image)), you must either explicitly specify the command, or list the image's command in the index: https://argo-workflows.readthedocs.io/en/latest/workflow-executors/#emissary-emissary: image not listed in the controller's images setting")
            }
            command = known.entrypoint.map { .string($0) }
            if container["args"] == nil || container["args"] == .null { container["args"] = .array(known.cmd.map { .string($0) }) }
        }
        container["command"] = .array([.string(executorPath), "emissary", "--"] + command)
    }
}
