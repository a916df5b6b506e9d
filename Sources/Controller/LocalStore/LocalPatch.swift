import Foundation
import GRDB
import Templates
import ClusterAPI

/// Patches, applied inside one transaction. A merge patch (and a strategic merge patch, served as a merge patch:
/// see `MergePatch`) whose keys are `metadata`/`spec`/`status` takes the fragment path: only the touched
/// fragments are read and written, so patching `k` nodes of a Workflow costs O(k), not O(size). Anything else
/// (JSON patches, merge patches of other top-level keys, or objects stored in an unusual shape) rebuilds the
/// object, applies the patch and stores it again.
extension LocalCluster {
    public func patch(_ resource: ResourceKind, namespace: String?, name: String, patch: JSONValue, type: PatchType)
        async throws(ClusterError) -> JSONValue
    {
        let ns = LocalCluster.namespaceKey(resource, namespace)
        return try await transaction { tx in
            _ = try tx.patchObject(resource, ns, name, patch, type)
            guard let row = try tx.load(resource.description, ns, name) else { throw LocalCluster.notFound(resource, name) }
            return try tx.assemble(row)
        }
    }

    public func applyPatch(_ resource: ResourceKind, namespace: String?, name: String, patch: JSONValue, type: PatchType)
        async throws(ClusterError) -> String
    {
        let ns = LocalCluster.namespaceKey(resource, namespace)
        return try await transaction { tx in String(try tx.patchObject(resource, ns, name, patch, type)) }
    }
}

extension LocalTransaction {
    /// Applies a patch to a stored object; returns the new resourceVersion.
    func patchObject(_ resource: ResourceKind, _ ns: String, _ name: String, _ patch: JSONValue, _ type: PatchType) throws
        -> Int64
    {
        guard let row = try load(resource.description, ns, name) else { throw LocalCluster.notFound(resource, name) }
        func version(_ object: JSONValue) -> Int64 { object["metadata"]?["resourceVersion"]?.stringValue.flatMap { Int64($0) } ?? 0 }
        if type == .json {
            let patched = try JSONPatch.apply(patch, to: try assemble(row))
            guard case .object(let object) = patched else {
                throw ClusterError.invalid("\(resource) \"\(name)\": a JSON patch must leave an object")
            }
            if let expected = patched["metadata"]?["resourceVersion"]?.stringValue, expected != String(row.rv) {
                throw LocalCluster.conflict(resource, name)
            }
            return version(try replaceObject(row, with: object, resource: resource, delta: nil))
        }
        guard patch.objectValue != nil else {
            throw ClusterError.invalid("\(resource) \"\(name)\": a merge patch must be a JSON object")
        }
        if let expected = patch["metadata"]?["resourceVersion"]?.stringValue, expected != String(row.rv) {
            throw LocalCluster.conflict(resource, name)
        }
        if let rv = try mergeFragments(row, patch: patch) { return rv }
        let merged = MergePatch.apply(patch, to: try assemble(row))
        return version(try replaceObject(row, with: merged.objectValue ?? JSONObject(), resource: resource, delta: nil))
    }
}

extension LocalTransaction {
    /// Applies a merge patch fragment by fragment; nil when the patch or the stored object has a shape this path
    /// does not handle (the caller then rebuilds the whole object).
    func mergeFragments(_ row: LocalObjectRow, patch: JSONValue) throws -> Int64? {
        guard case .object(let p) = patch else { return nil }
        for key in p.keys where !["metadata", "spec", "status"].contains(key) { return nil }
        if let status = p["status"], !status.isNull, status.objectValue == nil { return nil }
        let statusTop = try fragment(row.id, .top, "status")
        if case .some(.some) = statusTop, p["status"] != nil { return nil }  // status stored unsplit: take the slow path
        if let nodes = p["status"]?["nodes"], !nodes.isNull, nodes.objectValue == nil { return nil }
        if p["status"]?["nodes"]?.objectValue != nil, case .some(.some) = try fragment(row.id, .status, "nodes") { return nil }

        var size = row.size
        var body = row.body
        var bodyChanged = false
        if let metaPatch = p["metadata"] {
            var cleaned = metaPatch.objectValue ?? JSONObject()
            for key in ["resourceVersion", "generation", "uid", "name", "namespace", "creationTimestamp"] {
                cleaned.removeValue(forKey: key)
            }
            if !cleaned.isEmpty {
                let merged = MergePatch.apply(.object(["metadata": .object(cleaned)]), to: .object(body)).objectValue ?? body
                bodyChanged = merged != body
                body = merged
            }
        }
        var generation = row.generation
        if let specPatch = p["spec"] {
            let old = try fragment(row.id, .top, "spec") ?? nil
            let oldValue = try old.map { try JSONValue.parseStored($0) }
            let new = specPatch.isNull ? nil : MergePatch.apply(specPatch, to: oldValue).compactJSON
            if new != old {
                size += try put(row.id, .top, "spec", new, old: old)
                generation += 1
            }
        }
        if let statusPatch = p["status"] {
            if statusPatch.isNull {
                size -= try removeStatus(row.id)
            } else if case .object(let sp) = statusPatch {
                if statusTop == nil { try upsert(row.id, .top, "status", nil) }
                for (key, value) in sp {
                    if key == "nodes" {
                        size += try mergeNodes(row.id, value)
                    } else {
                        let old = try fragment(row.id, .status, key) ?? nil
                        let new = value.isNull ? nil : MergePatch.apply(value, to: try old.map { try JSONValue.parseStored($0) }).compactJSON
                        if new != old { size += try put(row.id, .status, key, new, old: old) }
                    }
                }
            }
        }

        let rv = try nextVersion()
        var bodyText: String? = nil
        if bodyChanged { bodyText = JSONValue.object(body).compactJSON }
        let labels = bodyChanged ? LocalFragments.labels(of: body) : row.labels
        try db.cachedStatement(
            sql: "UPDATE objects SET rv = ?, generation = ?, size = ?, body = coalesce(?, body), labels = coalesce(?, labels) WHERE id = ?"
        ).execute(
            arguments: [rv, generation, size, bodyText,
                        bodyChanged ? JSONValue.object(body["metadata"]?["labels"]?.objectValue ?? [:]).compactJSON : nil, row.id])
        if bodyChanged {
            try db.execute(sql: "DELETE FROM owners WHERE object_id = ?", arguments: [row.id])
            for owner in Set(LocalFragments.ownerUIDs(of: body)) {
                try db.execute(sql: "INSERT OR IGNORE INTO owners(owner_uid, object_id) VALUES (?, ?)", arguments: [owner, row.id])
            }
        }

        var delta = p
        var deltaMeta = p["metadata"]?.objectValue ?? JSONObject()
        deltaMeta["resourceVersion"] = .string(String(rv))
        if generation != row.generation { deltaMeta["generation"] = .int(generation) }
        delta["metadata"] = .object(deltaMeta)
        var updated = row
        updated.rv = rv
        updated.generation = generation
        updated.body = body
        let partial = size > options.lazyEventThreshold
        let object = partial
            ? JSONValue.object(LocalFragments.withVersion(body, resourceVersion: rv, generation: generation))
            : try assemble(updated)
        try append(.init(rv: rv, type: .modified, row: row, labels: labels, previousLabels: row.labels, previousRV: row.rv,
                         object: object, partial: partial, delta: .object(delta)))
        return rv
    }

    /// Merges `status.nodes` node by node; returns the change in stored bytes.
    private func mergeNodes(_ id: Int64, _ value: JSONValue) throws -> Int {
        var change = 0
        if value.isNull {
            change -= try removeNodes(id)
            try db.execute(sql: "DELETE FROM fragments WHERE object_id = ? AND section = 1 AND key = 'nodes'", arguments: [id])
            return change
        }
        guard case .object(let nodes) = value else { return 0 }
        if try fragment(id, .status, "nodes") == nil { try upsert(id, .status, "nodes", nil) }
        var progress: [(nodeID: String, progress: String)] = []
        var others = JSONObject()
        for (nodeID, nodePatch) in nodes {
            if let p = LocalTransaction.progressOnly(nodeID, nodePatch) { progress.append((nodeID, p)) } else { others[nodeID] = nodePatch }
        }
        if !progress.isEmpty {
            let (bytes, missing) = try setProgress(id, progress)
            change += bytes
            for nodeID in missing { others[nodeID] = nodes[nodeID] }
        }
        for (nodeID, nodePatch) in others {
            let old = try fragment(id, .node, nodeID) ?? nil
            let new = nodePatch.isNull ? nil : MergePatch.apply(nodePatch, to: try old.map { try JSONValue.parseStored($0) }).compactJSON
            if new != old { change += try put(id, .node, nodeID, new, old: old) }
        }
        return change
    }

    /// Writes (or with nil, deletes) one fragment; returns the change in stored bytes.
    private func put(_ id: Int64, _ section: LocalFragments.Section, _ key: String, _ new: String?, old: String?) throws -> Int {
        if let new {
            try upsert(id, section, key, new)
        } else {
            try db.cachedStatement(sql: "DELETE FROM fragments WHERE object_id = ? AND section = ? AND key = ?")
                .execute(arguments: [id, section.rawValue, key])
        }
        return (new?.utf8.count ?? 0) - (old?.utf8.count ?? 0)
    }

    private func upsert(_ id: Int64, _ section: LocalFragments.Section, _ key: String, _ text: String?) throws {
        try db.cachedStatement(sql: """
            INSERT INTO fragments(object_id, section, key, body) VALUES (?, ?, ?, ?)
            ON CONFLICT(object_id, section, key) DO UPDATE SET body = excluded.body
            """
        ).execute(arguments: [id, section.rawValue, key, text])
    }

    private func removeNodes(_ id: Int64) throws -> Int {
        let bytes = try Int.fetchOne(db, sql: "SELECT coalesce(sum(length(CAST(body AS BLOB))), 0) FROM fragments WHERE object_id = ? AND section = 2", arguments: [id]) ?? 0
        try db.execute(sql: "DELETE FROM fragments WHERE object_id = ? AND section = 2", arguments: [id])
        return bytes
    }

    private func removeStatus(_ id: Int64) throws -> Int {
        let bytes = try Int.fetchOne(db, sql: "SELECT coalesce(sum(length(CAST(body AS BLOB))), 0) FROM fragments WHERE object_id = ? AND (section IN (1, 2) OR (section = 0 AND key = 'status'))", arguments: [id]) ?? 0
        try db.execute(sql: "DELETE FROM fragments WHERE object_id = ? AND (section IN (1, 2) OR (section = 0 AND key = 'status'))", arguments: [id])
        return bytes
    }
}
