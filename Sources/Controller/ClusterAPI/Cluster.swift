import Synchronization
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
    /// Applies a patch like `patch` but returns only the new resourceVersion, so a store need not rebuild a large
    /// object the caller already holds (the controller persists workflow status this way).
    func applyPatch(_ resource: ResourceKind, namespace: String?, name: String, patch: JSONValue, type: PatchType)
        async throws(ClusterError) -> String
    func delete(_ resource: ResourceKind, namespace: String?, name: String) async throws(ClusterError)
    /// A container's log. With `follow`, the stream goes on until the container ends.
    func logs(namespace: String, pod: String, container: String?, follow: Bool) async throws(ClusterError)
        -> AsyncThrowingStream<String, any Error>
}

/// A Kubernetes resource type: enough to build its REST path and to key it in the local store.
extension Cluster {
    public func applyPatch(_ resource: ResourceKind, namespace: String?, name: String, patch: JSONValue, type: PatchType)
        async throws(ClusterError) -> String
    {
        let object = try await self.patch(resource, namespace: namespace, name: name, patch: patch, type: type)
        return object["metadata"]?["resourceVersion"]?.stringValue ?? ""
    }
}

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

/// One change seen by a watch.
///
/// `object` is the object as of the event, loaded lazily: a store may hand out an event whose object it has
/// not built yet. The local store does that for merge patches on large objects (a Workflow with thousands of
/// nodes, whose controller patches one node at a time): the event then carries `delta`, the exact change as a
/// merge patch from `delta.previousResourceVersion`, and building `object` reads the stored object at the time
/// of first access (its `metadata.resourceVersion` says which version that is; it may be newer than the
/// event's). A consumer that holds the previous version applies `delta` instead (`object(updating:)`) and never
/// pays for the whole object. Equality compares `type` and `object`.
public struct WatchEvent: Sendable, Equatable {
    public enum Kind: String, Sendable { case added = "ADDED", modified = "MODIFIED", deleted = "DELETED", bookmark = "BOOKMARK" }
    public struct Delta: Sendable, Equatable {
        /// The object's resourceVersion before the change.
        public var previousResourceVersion: String
        /// RFC 7386 merge patch turning that version into this one (it sets the new `metadata.resourceVersion`).
        public var mergePatch: JSONValue
        public init(previousResourceVersion: String, mergePatch: JSONValue) {
            self.previousResourceVersion = previousResourceVersion
            self.mergePatch = mergePatch
        }
    }

    public var type: Kind
    /// The event's resourceVersion, when the store knows it.
    public var resourceVersion: String?
    /// Which object the event is about, when the store says so without building the object (lazy events).
    public var namespace: String?
    public var name: String?
    public var delta: Delta?
    private var source: LazyObject

    public var object: JSONValue {
        get { source.value }
        set { source = LazyObject(newValue) }
    }

    public init(type: Kind, object: JSONValue, resourceVersion: String? = nil, delta: Delta? = nil) {
        self.type = type
        self.resourceVersion = resourceVersion
        self.delta = delta
        self.source = LazyObject(object)
    }

    /// An event whose object is built by `load` on first access (at most once).
    public init(
        type: Kind, resourceVersion: String?, delta: Delta?, namespace: String? = nil, name: String? = nil,
        load: @escaping @Sendable () -> JSONValue
    ) {
        self.type = type
        self.namespace = namespace
        self.name = name
        self.resourceVersion = resourceVersion
        self.delta = delta
        self.source = LazyObject(load: load)
    }

    /// The new object, computed from `cached` with `delta` when `cached` is the version the delta starts from;
    /// otherwise `object`.
    public func object(updating cached: JSONValue?) -> JSONValue {
        if let delta, let cached, cached["metadata"]?["resourceVersion"]?.stringValue == delta.previousResourceVersion {
            return MergePatch.apply(delta.mergePatch, to: cached)
        }
        return object
    }

    public static func == (a: WatchEvent, b: WatchEvent) -> Bool { a.type == b.type && a.object == b.object }

    final class LazyObject: Sendable {
        private let state: Locked<JSONValue?>
        private let load: (@Sendable () -> JSONValue)?
        init(_ value: JSONValue) {
            state = Locked(value)
            load = nil
        }
        init(load: @escaping @Sendable () -> JSONValue) {
            state = Locked(nil)
            self.load = load
        }
        var value: JSONValue {
            state.withLock { cached in
                if let cached { return cached }
                let v = load?() ?? .null
                cached = v
                return v
            }
        }
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

    /// The Kubernetes `Status` reason, as kubectl prints it (`Error from server (NotFound): …`), and the message.
    public var kubernetesReason: (reason: String, message: String) {
        switch self {
        case .notFound(let m): ("NotFound", m)
        case .alreadyExists(let m): ("AlreadyExists", m)
        case .conflict(let m): ("Conflict", m)
        case .invalid(let m): ("Invalid", m)
        case .forbidden(let m): ("Forbidden", m)
        case .gone(let m): ("Gone", m)
        case .unavailable(let m): ("ServiceUnavailable", m)
        case .other(let m): ("InternalError", m)
        }
    }

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

/// Whose log `logs(container: nil)` reads, on any backend.
public enum LogContainer {
    /// The pod's only container, else `main` (Argo's convention for the user's container).
    public static func defaultName(_ pod: JSONValue) -> String {
        let containers = pod["spec"]?["containers"]?.arrayValue ?? []
        if containers.count == 1, let name = containers[0]["name"]?.stringValue { return name }
        return "main"
    }
}
