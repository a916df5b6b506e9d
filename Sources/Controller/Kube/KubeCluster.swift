import Foundation
import Templates
import ClusterAPI

/// `Cluster` over the Kubernetes REST API (`KubeClient`): what the controller and the CLI do on `LocalCluster`,
/// against a real API server. Errors are the server's `Status` mapped to `ClusterError` with its message
/// (`workflows.argoproj.io "x" not found`), so callers cannot tell the two apart by their errors.
///
/// Where the two differ by design of the API server: built-in types' list items come without apiVersion/kind
/// (filled in here); a create must not carry metadata.resourceVersion (dropped here, as the local store ignores
/// it); a pod's status is only written through `pods/status` (the kubelet's job); deleting a running pod is
/// graceful (it stays, with `deletionTimestamp`, until the kubelet removes it).
public final class KubeCluster: Cluster {
    public let client: KubeClient
    /// Items per page when listing (`limit`/`continue`).
    public let pageSize: Int
    /// Consecutive failed reconnects after which a watch ends with `.unavailable` (the caller lists again).
    public let watchRetries: Int

    public init(client: KubeClient, pageSize: Int = 500, watchRetries: Int = 5) {
        self.client = client
        self.pageSize = pageSize
        self.watchRetries = watchRetries
    }

    public convenience init(config: KubeConfig, qps: Double = 20, burst: Int = 30) {
        self.init(client: KubeClient(config: config, rateLimiter: TokenBucket(qps: qps, burst: burst)))
    }

    /// The namespace a call on one object uses: the given one, else the kubeconfig's (`default`); none for
    /// cluster-scoped kinds.
    func namespace(_ resource: ResourceKind, _ namespace: String?) -> String? {
        resource.namespaced ? (namespace.flatMap { $0.isEmpty ? nil : $0 } ?? client.config.namespace) : nil
    }

    public func get(_ resource: ResourceKind, namespace ns: String?, name: String) async throws(ClusterError) -> JSONValue {
        do { return try await client.get(resource, namespace: namespace(resource, ns), name: name) } catch { throw Self.mapped(error, resource) }
    }

    /// All pages of the list. A continue token that expires between pages (410) starts the list again, twice at most.
    public func list(_ resource: ResourceKind, namespace: String?, labelSelector: LabelSelector?) async throws(ClusterError)
        -> ObjectList
    {
        let ns = resource.namespaced ? namespace : nil
        var restarts = 0
        while true {
            var items: [JSONValue] = []
            var version = ""
            var options = KubeClient.ListOptions(labelSelector: labelSelector?.description, limit: pageSize)
            do {
                repeat {
                    let page = try await client.list(resource, namespace: ns, options: options)
                    items += page.items.map { Self.withTypeMeta($0, resource) }
                    if version.isEmpty { version = page.resourceVersion }
                    options.continueToken = page.continueToken
                } while !(options.continueToken ?? "").isEmpty
                return ObjectList(items: items, resourceVersion: version)
            } catch {
                if case .expired = error, restarts < 2 {
                    restarts += 1
                    continue
                }
                throw Self.mapped(error, resource)
            }
        }
    }

    public func create(_ resource: ResourceKind, _ object: JSONValue) async throws(ClusterError) -> JSONValue {
        var body = try Self.body(resource, object)
        var meta = body["metadata"]?.objectValue ?? [:]
        meta.removeValue(forKey: "resourceVersion")
        let ns = namespace(resource, meta["namespace"]?.stringValue)
        if let ns { meta["namespace"] = .string(ns) }
        body["metadata"] = .object(meta)
        do { return try await client.create(resource, namespace: ns, .object(body)) } catch { throw Self.mapped(error, resource) }
    }

    public func update(_ resource: ResourceKind, _ object: JSONValue) async throws(ClusterError) -> JSONValue {
        var body = try Self.body(resource, object)
        var meta = body["metadata"]?.objectValue ?? [:]
        guard meta["name"]?.stringValue?.isEmpty == false else { throw .invalid("\(resource): metadata.name is required for an update") }
        if let ns = namespace(resource, meta["namespace"]?.stringValue) { meta["namespace"] = .string(ns) }
        body["metadata"] = .object(meta)
        do { return try await client.update(resource, .object(body)) } catch { throw Self.mapped(error, resource) }
    }

    public func patch(_ resource: ResourceKind, namespace ns: String?, name: String, patch: JSONValue, type: PatchType)
        async throws(ClusterError) -> JSONValue
    {
        do {
            return try await client.patch(resource, namespace: namespace(resource, ns), name: name, patch: patch, type: type)
        } catch { throw Self.mapped(error, resource) }
    }

    /// Deletes with Background propagation (dependents go after the owner), as kubectl does.
    public func delete(_ resource: ResourceKind, namespace ns: String?, name: String) async throws(ClusterError) {
        do {
            try await client.delete(resource, namespace: namespace(resource, ns), name: name, propagationPolicy: .background)
        } catch { throw Self.mapped(error, resource) }
    }

    /// The project's error for a failed call on `resource`. A 404 that is not a `Status` comes from the server's
    /// mux: nothing serves that group/version (for Argo's kinds: the CRDs are not installed).
    static func mapped(_ error: KubeError, _ resource: ResourceKind) -> ClusterError {
        if case .status(let s) = error, s.code == 404, s.reason.isEmpty {
            let fix = resource.group == "argoproj.io"
                ? "install Argo's CRDs (kubectl apply -f crds/)" : "check that the cluster serves \(resource.apiVersion)"
            return .notFound("the API server does not serve \(resource) (\(s.message)): \(fix)")
        }
        return error.clusterError
    }

    /// The object as a JSON object with apiVersion and kind (custom resources need them in request bodies).
    static func body(_ resource: ResourceKind, _ object: JSONValue) throws(ClusterError) -> JSONObject {
        guard case .object = object, case .object(let o) = withTypeMeta(object, resource) else {
            throw .invalid("\(resource): the object must be a JSON object")
        }
        return o
    }

    /// `object` with apiVersion and kind first, as the API server writes single objects.
    static func withTypeMeta(_ object: JSONValue, _ resource: ResourceKind) -> JSONValue {
        guard case .object(let o) = object else { return object }
        if o["apiVersion"] != nil, o["kind"] != nil { return object }
        var out: JSONObject = ["apiVersion": .string(resource.apiVersion), "kind": .string(resource.kind)]
        for (k, v) in o where k != "apiVersion" && k != "kind" { out[k] = v }
        return .object(out)
    }
}
