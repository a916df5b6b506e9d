import Templates
import ClusterAPI

/// Reading a Resource template's manifest (YAML or JSON: one object, or a JSON-patch list) and the owner
/// reference `setOwnerReference` adds.
enum ResourceManifest {
    /// The manifest as JSON, or nil when it is empty.
    static func parse(_ text: String) throws(ResourceActionError) -> JSONValue? {
        guard !text.trimmingSpaces.isEmpty else { return nil }
        let value: JSONValue
        do {
            value = try YAML.loadFirst(text, file: "resource.manifest").toJSONValue()
        } catch {
            throw .badTemplate("resource.manifest is not valid YAML: \(error)")
        }
        if value.isNull { return nil }
        return value
    }

    /// Appends the Workflow as the controlling owner (Kubernetes' `NewControllerRef`).
    static func addOwner(_ manifest: inout JSONValue, _ context: ResourceContext) {
        var metadata = manifest["metadata"]?.objectValue ?? [:]
        var owners = metadata["ownerReferences"]?.arrayValue ?? []
        owners.append([
            "apiVersion": "argoproj.io/v1alpha1", "kind": "Workflow",
            "name": .string(context.workflowName), "uid": .string(context.workflowUID),
            "controller": true, "blockOwnerDeletion": true,
        ])
        metadata["ownerReferences"] = .array(owners)
        manifest["metadata"] = .object(metadata)
    }
}

/// The object a Resource template acts on, from its manifest or kubectl flags, and the actions on it.
struct ResourceTarget {
    var manifest: JSONValue?
    var flags: KubectlFlags
    var context: ResourceContext

    /// kubectl's wording of a failed request, with Argo's retry prefix.
    static func server(_ error: ClusterError, creating: String? = nil) -> ResourceActionError {
        let (reason, text) = error.kubernetesReason
        let when = creating.map { "error when \($0) \"/tmp/manifest.yaml\": " } ?? ""
        return .server("no more retries Error from server (\(reason)): \(when)\(text)")
    }

    /// The manifest as an object to store, with the workflow's namespace when it names none.
    func object() throws(ResourceActionError) -> (ResourceKind, JSONValue) {
        guard var m = manifest, m.objectValue != nil else {
            throw .badTemplate("resource.manifest must be a Kubernetes object with apiVersion, kind and metadata")
        }
        guard let kind = m["kind"]?.stringValue, !kind.isEmpty, let apiVersion = m["apiVersion"]?.stringValue else {
            throw .badTemplate("resource.manifest: apiVersion and kind are required")
        }
        let resourceKind = ResourceKind(apiVersion: apiVersion, kind: kind)
        if resourceKind.namespaced, m["metadata"]?["namespace"]?.stringValue?.isEmpty ?? true {
            var meta = m["metadata"]?.objectValue ?? [:]
            meta["namespace"] = .string(flags.namespace ?? context.namespace)
            m["metadata"] = .object(meta)
        }
        return (resourceKind, m)
    }

    /// Kind, namespace and name to act on: the kubectl type/name in `flags` when given, else the manifest's.
    func reference() throws(ResourceActionError) -> (ResourceKind, String?, String) {
        if let kind = try flags.kind(), let name = flags.names.first {
            return (kind, kind.namespaced ? (flags.namespace ?? context.namespace) : nil, name)
        }
        let (kind, m) = try object()
        guard let name = m["metadata"]?["name"]?.stringValue, !name.isEmpty else {
            throw .badTemplate("resource.manifest: metadata.name is required for this action")
        }
        return (kind, m["metadata"]?["namespace"]?.stringValue, name)
    }

    func create(_ cluster: any Cluster) async throws(ResourceActionError) -> JSONValue {
        let (kind, m) = try object()
        do { return try await cluster.create(kind, m) } catch { throw Self.server(error, creating: "creating") }
    }

    func apply(_ cluster: any Cluster) async throws(ResourceActionError) -> JSONValue {
        let (kind, m) = try object()
        let name = m["metadata"]?["name"]?.stringValue ?? ""
        let namespace = m["metadata"]?["namespace"]?.stringValue
        do {
            guard !name.isEmpty else { return try await cluster.create(kind, m) }
            do {
                _ = try await cluster.get(kind, namespace: namespace, name: name)
            } catch .notFound {
                return try await cluster.create(kind, m)
            }
            var patch = m
            patch["status"] = nil
            return try await cluster.patch(kind, namespace: namespace, name: name, patch: patch, type: .merge)
        } catch {
            throw Self.server(error, creating: "applying patch to")
        }
    }

    func replace(_ cluster: any Cluster) async throws(ResourceActionError) -> JSONValue {
        let (kind, namespace, name) = try reference()
        var (_, m) = try object()
        do {
            let existing = try await cluster.get(kind, namespace: namespace, name: name)
            var meta = m["metadata"]?.objectValue ?? [:]
            meta["resourceVersion"] = existing["metadata"]?["resourceVersion"]
            m["metadata"] = .object(meta)
            return try await cluster.update(kind, m)
        } catch {
            throw Self.server(error, creating: "replacing")
        }
    }

    func get(_ cluster: any Cluster) async throws(ResourceActionError) -> JSONValue {
        let (kind, namespace, name) = try reference()
        do { return try await cluster.get(kind, namespace: namespace, name: name) } catch { throw Self.server(error) }
    }

    func patch(_ cluster: any Cluster, strategy: String) async throws(ResourceActionError) -> JSONValue {
        let type: PatchType
        switch strategy {
        case "strategic": type = .strategicMerge
        case "merge": type = .merge
        case "json": type = .json
        default: throw .badTemplate("resource.mergeStrategy \"\(strategy)\" is not one of strategic, merge, json")
        }
        guard let body = manifest else { throw .badTemplate("resource.manifest: a patch needs the patch in the manifest") }
        let (kind, namespace, name) = try reference()
        do {
            return try await cluster.patch(kind, namespace: namespace, name: name, patch: body, type: type)
        } catch {
            throw Self.server(error)
        }
    }

    func delete(_ cluster: any Cluster) async throws(ResourceActionError) {
        var targets: [(ResourceKind, String?, String)] = []
        if let kind = try flags.kind(), flags.names.isEmpty {
            guard flags.selector != nil || flags.all else {
                throw .badTemplate("resource(s) were provided, but no name was specified")
            }
            let namespace = kind.namespaced ? (flags.namespace ?? context.namespace) : nil
            do {
                let selector = try flags.selector.map { s throws(ClusterError) in try LabelSelector(s) }
                let list = try await cluster.list(kind, namespace: namespace, labelSelector: selector)
                targets = list.items.compactMap { o in o["metadata"]?["name"]?.stringValue.map { (kind, namespace, $0) } }
            } catch {
                throw Self.server(error)
            }
        } else if let kind = try flags.kind() {
            targets = flags.names.map { (kind, kind.namespaced ? (flags.namespace ?? context.namespace) : nil, $0) }
        } else {
            targets = [try reference()]
        }
        for (kind, namespace, name) in targets {
            do {
                try await cluster.delete(kind, namespace: namespace, name: name)
            } catch .notFound {
                continue
            } catch {
                throw Self.server(error)
            }
        }
    }
}
