import Foundation
import GRDB
import Templates
import ClusterAPI

/// get / list / create / update / delete of the local store.
extension LocalCluster {
    public func get(_ resource: ResourceKind, namespace: String?, name: String) async throws(ClusterError) -> JSONValue {
        let ns = LocalCluster.namespaceKey(resource, namespace)
        return try await read { tx in
            guard let row = try tx.load(resource.description, ns, name) else { throw LocalCluster.notFound(resource, name) }
            return try tx.assemble(row)
        }
    }

    public func list(_ resource: ResourceKind, namespace: String?, labelSelector: LabelSelector?) async throws(ClusterError)
        -> ObjectList
    {
        // A nil namespace lists all namespaces, as Kubernetes does for a namespaced resource.
        let ns: String? = resource.namespaced ? namespace : ""
        return try await read { tx in
            var sql = "SELECT \(LocalTransaction.rowColumns) FROM objects WHERE resource = ?"
            var args: StatementArguments = [resource.description]
            if let ns {
                sql += " AND namespace = ?"
                args += [ns]
            }
            sql += " ORDER BY namespace, name"
            var items: [JSONValue] = []
            for raw in try Row.fetchAll(tx.db, sql: sql, arguments: args) {
                let row = try tx.decodeRow(raw)
                if let labelSelector, !labelSelector.matches(row.labels) { continue }
                items.append(try tx.assemble(row))
            }
            return ObjectList(items: items, resourceVersion: String(try tx.currentVersion()))
        }
    }

    public func create(_ resource: ResourceKind, _ object: JSONValue) async throws(ClusterError) -> JSONValue {
        var prepared = try LocalCluster.prepareCreate(resource, object)
        try checkSize(resource, prepared)
        // A pod the agent may claim gets its uid here, which keys the claim: a pod of the same name deleted
        // meanwhile is another pod.
        let uid = resource == .pod && Self.isClaimable(prepared) ? LocalCluster.newUID() : nil
        let claimed = uid.map { podClaims.claimAtCreate($0) } ?? false
        if claimed { prepared["status"] = LocalPodClaims.runningStatus(prepared, at: options.now()) }
        do {
            return try await transaction { [prepared] tx in try tx.createObject(resource, prepared, uid: uid) }
        } catch {
            if claimed, let uid { podClaims.cancel(uid) }
            throw error
        }
    }

    /// Whether the node agent may claim a pod as it is created: named, and not started.
    private static func isClaimable(_ pod: JSONObject) -> Bool {
        pod["metadata"]?["name"]?.stringValue?.isEmpty == false && PodClaim.isUnclaimed(.object(pod))
    }

    static func newUID() -> String { UUID().uuidString.lowercased() }

    /// What `create` checks before its transaction: a JSON object with a name or a generateName.
    static func prepareCreate(_ resource: ResourceKind, _ object: JSONValue) throws(ClusterError) -> JSONObject {
        guard case .object(let obj) = object else { throw .invalid("\(resource): the object must be a JSON object") }
        let meta = obj["metadata"]?.objectValue ?? JSONObject()
        guard meta["name"]?.stringValue?.isEmpty == false || meta["generateName"]?.stringValue?.isEmpty == false else {
            throw .invalid("\(resource): metadata.name or metadata.generateName is required")
        }
        return LocalCluster.withTypeHeader(obj, resource)
    }

    public func update(_ resource: ResourceKind, _ object: JSONValue) async throws(ClusterError) -> JSONValue {
        guard case .object(let obj) = object else { throw .invalid("\(resource): the object must be a JSON object") }
        guard let name = obj["metadata"]?["name"]?.stringValue, !name.isEmpty else {
            throw .invalid("\(resource): metadata.name is required for an update")
        }
        let ns = LocalCluster.namespaceKey(resource, obj["metadata"]?["namespace"]?.stringValue)
        let expected = obj["metadata"]?["resourceVersion"]?.stringValue
        let prepared = LocalCluster.withTypeHeader(obj, resource)
        try checkSize(resource, prepared)
        return try await transaction { tx in
            guard let row = try tx.load(resource.description, ns, name) else { throw LocalCluster.notFound(resource, name) }
            if let expected, expected != String(row.rv) { throw LocalCluster.conflict(resource, name) }
            return try tx.replaceObject(row, with: prepared, resource: resource, delta: nil)
        }
    }

    public func delete(_ resource: ResourceKind, namespace: String?, name: String) async throws(ClusterError) {
        let ns = LocalCluster.namespaceKey(resource, namespace)
        try await transaction { tx in
            guard let row = try tx.load(resource.description, ns, name) else { throw LocalCluster.notFound(resource, name) }
            var visited = Set<String>()
            try tx.deleteWithDependents(row, depth: 0, visited: &visited)
        }
    }

    // MARK: helpers

    /// Refuses, as a Kubernetes API server backed by etcd does, an object larger than `maxObjectBytes`. Its
    /// `status` is left out: the controller writes it in parts here, and Argo compresses or offloads large node
    /// trees on a cluster.
    func checkSize(_ resource: ResourceKind, _ object: JSONObject) throws(ClusterError) {
        var written = object
        written["status"] = nil
        let size = JSONValue.object(written).compactJSON.utf8.count
        guard size > options.maxObjectBytes else { return }
        let name = object["metadata"]?["name"]?.stringValue ?? object["metadata"]?["generateName"]?.stringValue ?? ""
        throw .invalid("etcdserver: request is too large: \(resource) \"\(name)\" is \(size) bytes of JSON, more than the "
            + "\(options.maxObjectBytes) a Kubernetes cluster stores in one object; move large values into artifacts "
            + "(or raise the local limit with ARGO_LITE_MAX_OBJECT_BYTES, which a cluster would not accept)")
    }

    /// Metadata fields the server sets; a client's values for them are ignored on create.
    static let serverOwnedMetadata: Set<String> = [
        "resourceVersion", "generation", "uid", "creationTimestamp", "selfLink", "managedFields", "deletionTimestamp",
    ]

    /// `apiVersion` and `kind` first, filled in when missing.
    static func withTypeHeader(_ object: JSONObject, _ resource: ResourceKind) -> JSONObject {
        var out = JSONObject()
        out["apiVersion"] = object["apiVersion"] ?? .string(resource.apiVersion)
        out["kind"] = object["kind"] ?? .string(resource.kind)
        for (k, v) in object where out[k] == nil { out[k] = v }
        return out
    }

    /// Kubernetes' `generateName` suffix: 5 characters from its consonant-and-digit alphabet.
    static func randomSuffix() -> String {
        let alphabet = Array("bcdfghjklmnpqrstvwxz2456789")
        return String((0..<5).map { _ in alphabet.randomElement() ?? "x" })
    }

    /// RFC 3339 in UTC with whole seconds, as Kubernetes writes `metav1.Time`: `2026-11-22T12:00:00Z`.
    public static func timestamp(_ date: Date) -> String {
        date.formatted(Date.ISO8601FormatStyle(includingFractionalSeconds: false, timeZone: TimeZone(identifier: "UTC") ?? .gmt))
    }
}

extension LocalTransaction {
    /// Replaces `row` with `object` (keeping uid, creationTimestamp, name and namespace), bumping `generation`
    /// when `spec` changed, and logs a MODIFIED event.
    func replaceObject(_ row: LocalObjectRow, with object: JSONObject, resource: ResourceKind, delta: JSONValue?) throws
        -> JSONValue
    {
        var obj = object
        var meta = obj["metadata"]?.objectValue ?? JSONObject()
        for key in ["name", "namespace", "uid", "creationTimestamp"] { meta[key] = row.body["metadata"]?[key] }
        meta.removeValue(forKey: "resourceVersion")
        meta.removeValue(forKey: "generation")
        var ordered = JSONObject()
        for key in ["name", "generateName", "namespace", "uid", "creationTimestamp"] where meta[key] != nil { ordered[key] = meta[key] }
        for (k, v) in meta where ordered[k] == nil { ordered[k] = v }
        obj["metadata"] = .object(ordered)
        let oldSpec = try fragment(row.id, .top, "spec") ?? nil
        let newSpec = obj["spec"]?.compactJSON
        let generation = oldSpec == newSpec ? row.generation : row.generation + 1
        let rv = try nextVersion()
        _ = try replace(row, rv: rv, generation: generation, object: obj)
        let full = JSONValue.object(LocalFragments.withVersion(obj, resourceVersion: rv, generation: generation))
        let labels = LocalFragments.labels(of: obj)
        try append(.init(rv: rv, type: .modified, row: row, labels: labels, previousLabels: row.labels, previousRV: row.rv,
                         object: full, delta: delta))
        return full
    }

    /// Deletes `row` and, like Kubernetes' garbage collector, every object whose ownerReferences name it.
    func deleteWithDependents(_ row: LocalObjectRow, depth: Int, visited: inout Set<String>) throws {
        guard visited.insert(row.uid).inserted else { return }
        let final = try assemble(row)
        let rv = try nextVersion()
        var finalObject = final.objectValue ?? JSONObject()
        finalObject = LocalFragments.withVersion(finalObject, resourceVersion: rv, generation: row.generation)
        try remove(row.id)
        try append(.init(rv: rv, type: .deleted, row: row, labels: row.labels, previousLabels: row.labels, previousRV: row.rv,
                         object: .object(finalObject)))
        guard depth < 32 else { return }
        let dependents = try Row.fetchAll(
            db, sql: "SELECT \(Self.rowColumns.split(separator: ",").map { "o." + $0.trimmingCharacters(in: .whitespaces) }.joined(separator: ", ")) FROM owners w JOIN objects o ON o.id = w.object_id WHERE w.owner_uid = ?",
            arguments: [row.uid])
        for dependent in dependents {
            try deleteWithDependents(try decodeRow(dependent), depth: depth + 1, visited: &visited)
        }
    }
}
