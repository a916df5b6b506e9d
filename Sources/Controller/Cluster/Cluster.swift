import Templates

/// The cluster API: what the controller, the node agent and the CLI need from Kubernetes, as one protocol with
/// two real implementations (`LocalCluster`: SQLite + host processes; `KubeCluster`: REST over libcurl).
///
/// Objects travel untyped (`JSONValue`, exactly what the API server would store) so that any resource a
/// Resource template names works; typed access is layered on top with `Codable` (see `Cluster+Typed.swift`).
/// Semantics follow Kubernetes: create fails with `.alreadyExists`; update with a stale
/// `metadata.resourceVersion` fails with `.conflict`; get/delete of a missing object fail with `.notFound`;
/// watches resume from a resourceVersion and fail with `.gone` when that version is too old.
public protocol Cluster: Sendable {
    func get(_ resource: ResourceKind, namespace: String?, name: String) async throws(ClusterError) -> JSONValue
    func list(_ resource: ResourceKind, namespace: String?, labelSelector: LabelSelector?) async throws(ClusterError)
        -> ObjectList
    /// Events after `resourceVersion` (exclusive). `nil` means "from now". The stream ends when the task that
    /// iterates it is cancelled, or with `.gone` when the version has been compacted away.
    func watch(_ resource: ResourceKind, namespace: String?, labelSelector: LabelSelector?, resourceVersion: String?)
        async throws(ClusterError) -> AsyncThrowingStream<WatchEvent, any Error>
    func create(_ resource: ResourceKind, _ object: JSONValue) async throws(ClusterError) -> JSONValue
    /// Replaces the object; `metadata.resourceVersion` must match the stored one (else `.conflict`).
    func update(_ resource: ResourceKind, _ object: JSONValue) async throws(ClusterError) -> JSONValue
    func patch(_ resource: ResourceKind, namespace: String?, name: String, patch: JSONValue, type: PatchType)
        async throws(ClusterError) -> JSONValue
    func delete(_ resource: ResourceKind, namespace: String?, name: String) async throws(ClusterError)
    /// A container's log. With `follow`, the stream goes on until the container ends.
    func logs(namespace: String, pod: String, container: String?, follow: Bool) async throws(ClusterError)
        -> AsyncThrowingStream<String, any Error>
}

/// A Kubernetes resource type: enough to build its REST path and to key it in the local store.
public struct ResourceKind: Sendable, Hashable, CustomStringConvertible {
    public var group: String
    public var version: String
    public var kind: String
    public var plural: String
    public var namespaced: Bool

    public init(group: String, version: String, kind: String, plural: String, namespaced: Bool = true) {
        self.group = group
        self.version = version
        self.kind = kind
        self.plural = plural
        self.namespaced = namespaced
    }

    public var apiVersion: String { group.isEmpty ? version : "\(group)/\(version)" }
    public var description: String { group.isEmpty ? plural : "\(plural).\(group)" }

    public static let workflow = argo("Workflow", "workflows")
    public static let workflowTemplate = argo("WorkflowTemplate", "workflowtemplates")
    public static let clusterWorkflowTemplate = argo("ClusterWorkflowTemplate", "clusterworkflowtemplates", false)
    public static let cronWorkflow = argo("CronWorkflow", "cronworkflows")
    public static let workflowTaskResult = argo("WorkflowTaskResult", "workflowtaskresults")
    public static let pod = core("Pod", "pods")
    public static let configMap = core("ConfigMap", "configmaps")
    public static let secret = core("Secret", "secrets")
    public static let event = core("Event", "events")
    public static let lease = ResourceKind(group: "coordination.k8s.io", version: "v1", kind: "Lease", plural: "leases")

    static func argo(_ kind: String, _ plural: String, _ namespaced: Bool = true) -> ResourceKind {
        ResourceKind(group: "argoproj.io", version: "v1alpha1", kind: kind, plural: plural, namespaced: namespaced)
    }
    static func core(_ kind: String, _ plural: String) -> ResourceKind {
        ResourceKind(group: "", version: "v1", kind: kind, plural: plural)
    }
}

public struct ObjectList: Sendable, Equatable {
    public var items: [JSONValue]
    /// The store's version at the time of the list: watch from here to miss nothing.
    public var resourceVersion: String
    public init(items: [JSONValue], resourceVersion: String) {
        self.items = items
        self.resourceVersion = resourceVersion
    }
}

public struct WatchEvent: Sendable, Equatable {
    public enum Kind: String, Sendable { case added = "ADDED", modified = "MODIFIED", deleted = "DELETED", bookmark = "BOOKMARK" }
    public var type: Kind
    public var object: JSONValue
    public init(type: Kind, object: JSONValue) {
        self.type = type
        self.object = object
    }
}

public enum PatchType: String, Sendable {
    case merge = "application/merge-patch+json"
    case json = "application/json-patch+json"
    case strategicMerge = "application/strategic-merge-patch+json"
}

public enum ClusterError: Error, Sendable, Equatable, CustomStringConvertible {
    case notFound(String)
    case alreadyExists(String)
    case conflict(String)
    case invalid(String)
    case gone(String)
    case forbidden(String)
    case unavailable(String)
    case other(String)

    public var description: String {
        switch self {
        case .notFound(let m): return "not found: \(m)"
        case .alreadyExists(let m): return "already exists: \(m)"
        case .conflict(let m): return "conflict: \(m)"
        case .invalid(let m): return "invalid: \(m)"
        case .gone(let m): return "gone: \(m)"
        case .forbidden(let m): return "forbidden: \(m)"
        case .unavailable(let m): return "unavailable: \(m)"
        case .other(let m): return m
        }
    }
}
