import Foundation
import GRDB
import Testing
import Templates
@testable import Controller
@testable import ClusterAPI
@testable import LocalStore

/// `argo-lite retry` writes the whole workflow back with some `status.nodes` entries gone: the store, which keeps
/// one row per node, must drop the rows of the nodes the new object no longer has.
@Suite struct LocalClusterReplaceNodesTests {
    @Test func anUpdateWithoutSomeNodesDropsThemFromTheStoreAndTheWatch() async throws {
        let c = try makeCluster()
        _ = try await c.create(.workflow, workflow("r"))
        let setUp: JSONValue = ["status": ["phase": "Failed", "nodes": [
            "r": ["id": "r", "phase": "Failed", "children": ["r-1"]],
            "r-1": ["id": "r-1", "phase": "Succeeded", "children": ["r-2"]],
            "r-2": ["id": "r-2", "phase": "Failed"],
        ]]]
        _ = try await c.applyPatch(.workflow, namespace: "argo", name: "r", patch: setUp, type: .merge)
        var object = try await c.get(.workflow, namespace: "argo", name: "r")
        let version = object["metadata"]?["resourceVersion"]?.stringValue
        object["status"] = ["phase": "Running", "nodes": [
            "r": ["id": "r", "phase": "Running", "children": ["r-1"]],
            "r-1": ["id": "r-1", "phase": "Succeeded"],
        ]]
        let events = try await c.watch(.workflow, namespace: "argo", labelSelector: nil, resourceVersion: version)
        let updated = try await c.update(.workflow, object)
        let got = try await c.get(.workflow, namespace: "argo", name: "r")
        #expect(got == updated)
        #expect(got["status"]?["nodes"]?.objectValue.map { Array($0.keys) } == ["r", "r-1"])
        #expect(got["status"]?["phase"] == "Running")
        let rows = try await c.read { tx in
            try String.fetchAll(tx.db, sql: "SELECT key FROM fragments WHERE section = 2 ORDER BY ord")
        }
        #expect(rows == ["r", "r-1"])
        let seen = try await collect(events, count: 1)
        #expect(seen.first?.object["status"]?["nodes"]?["r-2"] == nil)
        #expect(seen.first?.object["status"]?["nodes"]?["r"]?["phase"] == "Running")
    }
}
