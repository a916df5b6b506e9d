import Foundation
import Templates
import ClusterAPI

extension LocalTransaction {
    /// Creates an object (checked by `LocalCluster.prepareCreate`) inside this transaction: a new name from
    /// `generateName` if needed, uid (`uid` when the caller chose it), creationTimestamp and resourceVersion;
    /// `alreadyExists` for a taken name.
    func createObject(_ resource: ResourceKind, _ prepared: JSONObject, uid chosen: String? = nil) throws -> JSONValue {
        let meta = prepared["metadata"]?.objectValue ?? JSONObject()
        let generateName = meta["generateName"]?.stringValue ?? ""
        let ns = LocalCluster.namespaceKey(resource, meta["namespace"]?.stringValue)
        var name = meta["name"]?.stringValue ?? ""
        if name.isEmpty {
            for _ in 0..<16 {
                let candidate = generateName + LocalCluster.randomSuffix()
                if try load(resource.description, ns, candidate) == nil { name = candidate; break }
            }
            if name.isEmpty { throw ClusterError.alreadyExists("\(resource): no free name for generateName \(generateName)") }
        } else if try load(resource.description, ns, name) != nil {
            throw ClusterError.alreadyExists("\(resource) \"\(name)\" already exists")
        }
        let rv = try nextVersion()
        let uid = chosen ?? LocalCluster.newUID()
        var newMeta = JSONObject()
        newMeta["name"] = .string(name)
        if !generateName.isEmpty { newMeta["generateName"] = .string(generateName) }
        if resource.namespaced { newMeta["namespace"] = .string(ns) }
        newMeta["uid"] = .string(uid)
        newMeta["creationTimestamp"] = .string(LocalCluster.timestamp(now))
        for (k, v) in meta where newMeta[k] == nil && k != "namespace" && !LocalCluster.serverOwnedMetadata.contains(k) {
            newMeta[k] = v
        }
        var stored = prepared
        stored["metadata"] = .object(newMeta)
        let written = try store(
            resource: resource.description, namespace: ns, name: name, uid: uid, rv: rv, generation: 1, object: stored)
        let row = LocalObjectRow(
            id: written.id, resource: resource.description, namespace: ns, name: name, uid: uid, rv: rv, generation: 1,
            labels: LocalFragments.labels(of: stored), size: written.size, body: [:])
        let full = JSONValue.object(LocalFragments.withVersion(stored, resourceVersion: rv, generation: 1))
        try append(.init(rv: rv, type: .added, row: row, labels: row.labels, previousLabels: nil, previousRV: nil,
                         object: full))
        return full
    }
}

extension LocalCluster {
    /// A finished pod's report in one transaction: its task result (created, or replacing an earlier one) and the
    /// merge patch of its status. Watchers see both at once, so the controller never runs a pass that has the
    /// outputs but not the final phase (or the other way round).
    package func report(taskResult: JSONValue?, podNamespace: String, podName: String, podPatch: JSONValue) async throws(ClusterError) {
        let prepared = try taskResult.map { (r) throws(ClusterError) in try LocalCluster.prepareCreate(.workflowTaskResult, r) }
        let ns = LocalCluster.namespaceKey(.pod, podNamespace)
        try await transaction { tx in
            if let prepared {
                let name = prepared["metadata"]?["name"]?.stringValue ?? ""
                let resultNS = LocalCluster.namespaceKey(.workflowTaskResult, prepared["metadata"]?["namespace"]?.stringValue)
                if let existing = try tx.load(ResourceKind.workflowTaskResult.description, resultNS, name) {
                    _ = try tx.replaceObject(existing, with: prepared, resource: .workflowTaskResult, delta: nil)
                } else {
                    _ = try tx.createObject(.workflowTaskResult, prepared)
                }
            }
            _ = try tx.patchObject(.pod, ns, podName, podPatch, .merge)
        }
    }
}
