import Foundation
import Testing
import Templates
@testable import Controller

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
