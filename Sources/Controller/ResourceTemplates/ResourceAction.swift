import Templates
import ClusterAPI

/// Who runs a Resource template: the workflow (owner reference, default namespace) and its pod.
public struct ResourceContext: Sendable, Equatable {
    public var workflowName: String
    public var workflowUID: String
    /// The workflow's namespace: where a manifest without `metadata.namespace` goes (kubectl in the pod uses the
    /// pod's namespace, which is the workflow's).
    public var namespace: String
    public var podName: String

    public init(workflowName: String, workflowUID: String, namespace: String, podName: String) {
        self.workflowName = workflowName
        self.workflowUID = workflowUID
        self.namespace = namespace
        self.podName = podName
    }
}

/// Why a Resource template failed; `description` is the node's message after `Error (exit code 64): `.
public enum ResourceActionError: Error, Equatable, CustomStringConvertible {
    /// The template cannot be acted on (unknown action, unreadable manifest, unsupported combination).
    case badTemplate(String)
    /// The cluster refused the action, worded as kubectl and Argo word it.
    case server(String)
    /// The failure condition held, or the object went away while waiting.
    case condition(String)
    /// An output parameter could not be read.
    case output(String)

    public var description: String {
        switch self {
        case .badTemplate(let m), .server(let m), .condition(let m), .output(let m): return m
        }
    }
}

/// What a Resource template did: the object after the action (nil for `delete`), its kubectl-style name
/// (`configmap./name`, as Argo logs it) and the template's output parameters with their values.
public struct ResourceOutcome: Sendable, Equatable {
    public var object: JSONValue?
    public var resourceName: String?
    public var parameters: [JSONValue]
}

/// Argo's `argoexec resource ACTION` (kubectl against the manifest), done through a `Cluster`:
/// 1. the action: `create` (an existing object is an error), `apply` (create, or merge the manifest into the
///    existing object), `replace` (the object must exist), `get`, `patch` (`mergeStrategy`: `strategic` (Argo's
///    default, served as a merge patch), `merge`, `json`; the target is the manifest's kind and name, or the
///    kubectl type and name in `flags`), `delete` (`--ignore-not-found`: a missing object is fine; `flags` may
///    name a type with `--selector`/`--all`);
/// 2. unless deleting, wait (watching the object, no polling) until `failureCondition` holds (an error) or
///    `successCondition` does;
/// 3. read `outputs.parameters[].valueFrom.jsonPath` / `jqFilter` from the object as it is then.
/// `setOwnerReference: true` makes the Workflow the object's controlling owner (Argo's controller does this to
/// the manifest before the pod starts; the operator here leaves it to the executor).
public enum ResourceAction {
    public static func perform(template: JSONValue, cluster: any Cluster, context: ResourceContext)
        async throws(ResourceActionError) -> ResourceOutcome
    {
        let resource = template["resource"] ?? .null
        let action = resource["action"]?.stringValue ?? ""
        let flags = try KubectlFlags(resource["flags"]?.arrayValue?.compactMap(\.stringValue) ?? [])
        let outputs = template["outputs"]?["parameters"]?.arrayValue ?? []
        let success = try parseCondition(resource["successCondition"], "success")
        let failure = try parseCondition(resource["failureCondition"], "fail")
        if action == "delete", success != nil || failure != nil || !outputs.isEmpty {
            throw .badTemplate("successCondition, failureCondition and outputs are not supported for delete action")
        }
        var manifest = try ResourceManifest.parse(resource["manifest"]?.stringValue ?? "")
        if manifest == nil, flags.type == nil {
            throw .badTemplate("Must provide at least one of flags or manifest.")
        }
        if resource["setOwnerReference"]?.boolValue == true, var m = manifest, m.objectValue != nil {
            ResourceManifest.addOwner(&m, context)
            manifest = m
        }
        let target = ResourceTarget(manifest: manifest, flags: flags, context: context)
        let object: JSONValue?
        switch action {
        case "create": object = try await target.create(cluster)
        case "apply": object = try await target.apply(cluster)
        case "replace": object = try await target.replace(cluster)
        case "get": object = try await target.get(cluster)
        case "patch":
            let strategy = resource["mergeStrategy"]?.stringValue ?? "strategic"
            object = try await target.patch(cluster, strategy: strategy)
        case "delete":
            try await target.delete(cluster)
            return ResourceOutcome(object: nil, resourceName: nil, parameters: [])
        default:
            throw .badTemplate("resource.action \"\(action)\" is not one of get, create, apply, delete, replace, patch")
        }
        guard let object, let name = object["metadata"]?["name"]?.stringValue, !name.isEmpty,
              let kind = object["kind"]?.stringValue, !kind.isEmpty else {
            throw .badTemplate("Kind and name are both required but at least one of them is missing from the manifest")
        }
        let resourceKind = ResourceKind(apiVersion: object["apiVersion"]?.stringValue ?? "v1", kind: kind)
        let namespace = object["metadata"]?["namespace"]?.stringValue
        var latest = object
        if success != nil || failure != nil {
            latest = try await ResourceWait(
                cluster: cluster, kind: resourceKind, namespace: namespace, name: name, success: success, failure: failure
            ).run(initial: object)
        }
        var parameters: [JSONValue] = []
        if !outputs.isEmpty {
            if let fresh = try? await cluster.get(resourceKind, namespace: namespace, name: name) { latest = fresh }
            parameters = try await ResourceOutputs.collect(outputs, from: latest)
        }
        return ResourceOutcome(object: latest, resourceName: "\(kind.lowercased()).\(resourceKind.group)/\(name)",
                               parameters: parameters)
    }

    private static func parseCondition(_ value: JSONValue?, _ which: String) throws(ResourceActionError) -> ResourceCondition? {
        guard let text = value?.stringValue, !text.isEmpty else { return nil }
        do {
            return try ResourceCondition(text)
        } catch {
            throw .badTemplate("\(which) condition '\(text)' failed to parse: \(error.message)")
        }
    }
}
