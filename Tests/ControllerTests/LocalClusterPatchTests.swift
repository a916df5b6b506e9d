import Foundation
import GRDB
import Testing
import Templates
@testable import Controller
@testable import LocalStore
@testable import ClusterAPI

@Suite struct LocalClusterPatchTests {
    @Test func nodePatchesAreStoredAsRowsAndReassembledExactly() async throws {
        let c = try makeCluster()
        var expected = try await c.create(.workflow, workflow("dag"))
        let patches: [JSONValue] = [
            ["status": ["phase": "Running", "nodes": ["dag": ["id": "dag", "phase": "Running", "children": ["dag-1"]]]]],
            ["status": ["nodes": ["dag-1": ["id": "dag-1", "phase": "Pending"], "dag-2": ["id": "dag-2", "phase": "Pending"]]]],
            ["status": ["nodes": ["dag-1": ["phase": "Succeeded", "outputs": ["result": "42"]]]]],
            ["status": ["nodes": ["dag-2": nil], "message": "two"]],
            ["status": ["nodes": ["dag-1": ["outputs": nil]], "message": nil, "phase": "Succeeded"]],
            ["metadata": ["labels": ["workflows.argoproj.io/completed": "true"]]],
        ]
        for p in patches {
            let version = try await c.applyPatch(.workflow, namespace: "argo", name: "dag", patch: p, type: .merge)
            expected = expected.applyingMergePatch(p)
            expected["metadata"]?["resourceVersion"] = .string(version)
            let got = try await c.get(.workflow, namespace: "argo", name: "dag")
            #expect(got == expected)
        }
        let list = try await c.list(.workflow, namespace: "argo", labelSelector: try LabelSelector("workflows.argoproj.io/completed=true"))
        #expect(list.items == [expected])
        // Node rows are rows: one per node, in the order the nodes were first written.
        let rows = try await c.read { tx in try String.fetchAll(tx.db, sql: "SELECT key FROM fragments WHERE section = 2 ORDER BY ord") }
        #expect(rows == ["dag", "dag-1"])
    }

    /// A pass's progress-only node changes are set by SQLite in place (`setProgress`): the object reads back as the
    /// merge patch says, a node not stored yet is created (and one whose ID cannot be quoted into a JSON path is
    /// merged the ordinary way), other fields keep their exact text, and the object's recorded size stays the
    /// bytes it stores.
    @Test func progressOnlyNodePatchesAreSetInPlace() async throws {
        let c = try makeCluster()
        var expected = try await c.create(.workflow, workflow("chain"))
        let setUp: JSONValue = ["status": ["nodes": [
            "a": ["id": "a", "displayName": "a<&>\"é", "progress": "0/1", "outputs": ["exitCode": "0"]],
            "b": ["id": "b", "phase": "Running", "progress": "0/2"],
            "c": ["id": "c", "children": ["a", "b"]],
            "q\"x": ["id": "q\"x", "progress": "0/1"],
        ]]]
        let patches: [JSONValue] = [
            setUp,
            ["status": ["progress": "1/3", "nodes": ["a": ["progress": "1/1"], "b": ["progress": "1/2"], "c": ["progress": "12/30"], "q\"x": ["progress": "1/1"]]]],
            ["status": ["nodes": ["a": ["progress": "1/1"], "b": ["progress": "2/2"], "new": ["progress": "0/1"], "c": ["phase": "Succeeded"]]]],
        ]
        for p in patches {
            let version = try await c.applyPatch(.workflow, namespace: "argo", name: "chain", patch: p, type: .merge)
            expected = expected.applyingMergePatch(p)
            expected["metadata"]?["resourceVersion"] = .string(version)
            #expect(try await c.get(.workflow, namespace: "argo", name: "chain") == expected)
        }
        let (recorded, actual, a) = try await c.read { tx in
            let row = try Row.fetchOne(tx.db, sql: """
                SELECT o.size AS recorded,
                       length(CAST(o.body AS BLOB)) + (SELECT coalesce(sum(length(CAST(f.body AS BLOB))), 0)
                                                       FROM fragments f WHERE f.object_id = o.id) AS actual,
                       (SELECT body FROM fragments WHERE object_id = o.id AND section = 2 AND key = 'a') AS a
                FROM objects o WHERE o.name = 'chain'
                """)
            return (row?["recorded"] as Int?, row?["actual"] as Int?, row?["a"] as String?)
        }
        #expect(recorded != nil && recorded == actual)
        #expect(a == expected["status"]?["nodes"]?["a"]?.compactJSON)
    }

    @Test func mergePatchChecksAResourceVersionItCarries() async throws {
        let c = try makeCluster()
        let o = try await c.create(.workflow, workflow("w"))
        let rv = try #require(o["metadata"]?["resourceVersion"])
        _ = try await c.patch(.workflow, namespace: "argo", name: "w", patch: ["metadata": ["resourceVersion": rv], "status": ["phase": "Running"]], type: .merge)
        await #expect(throws: ClusterError.self) {
            _ = try await c.patch(.workflow, namespace: "argo", name: "w", patch: ["metadata": ["resourceVersion": rv], "spec": ["x": 1]], type: .merge)
        }
        await #expect(throws: ClusterError.notFound("workflows.argoproj.io \"nope\" not found")) {
            _ = try await c.patch(.workflow, namespace: "argo", name: "nope", patch: ["spec": ["x": 1]], type: .merge)
        }
    }

    @Test func strategicMergeIsServedAsMergePatchAndJSONPatchWorksOnNodes() async throws {
        let c = try makeCluster()
        _ = try await c.create(.workflow, workflow("w"))
        _ = try await c.patch(.workflow, namespace: "argo", name: "w", patch: ["status": ["nodes": ["a": ["phase": "Running"]]]], type: .strategicMerge)
        let o = try await c.patch(.workflow, namespace: "argo", name: "w",
                                  patch: json(#"[{"op":"add","path":"/status/nodes/b","value":{"phase":"Pending"}},{"op":"replace","path":"/status/nodes/a/phase","value":"Failed"}]"#),
                                  type: .json)
        #expect(o["status"] == ["nodes": ["a": ["phase": "Failed"], "b": ["phase": "Pending"]]])
        let again = try await c.get(.workflow, namespace: "argo", name: "w")
        #expect(again == o)
        // A merge patch on the rebuilt object still takes the per-node path and keeps the rest.
        _ = try await c.applyPatch(.workflow, namespace: "argo", name: "w", patch: ["status": ["nodes": ["b": ["phase": "Running"]]]], type: .merge)
        #expect(try await c.get(.workflow, namespace: "argo", name: "w")["status"] == ["nodes": ["a": ["phase": "Failed"], "b": ["phase": "Running"]]])
    }

    @Test func patchesOfOtherTopLevelKeysRebuildTheObject() async throws {
        let c = try makeCluster()
        _ = try await c.create(.configMap, ["metadata": ["name": "cm", "namespace": "argo"], "data": ["a": "1"]])
        let o = try await c.patch(.configMap, namespace: "argo", name: "cm", patch: ["data": ["b": "2", "a": nil]], type: .merge)
        #expect(o["data"] == ["b": "2"])
    }
}
