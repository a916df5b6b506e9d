import Foundation
import Templates
import Testing
@testable import Controller
@testable import Operator
@testable import Reconciler

/// The sync's side of memoization: which cache ConfigMaps a workflow reads, and how `.saveMemo` writes one.
@Suite struct MemoCachesTests {
    static func save(_ key: String, nodeID: String, at seconds: Int64 = 1_700_000_000) -> MemoSave {
        let t = KubeTime(seconds: seconds)
        var outputs = Outputs()
        outputs.parameters = [Parameter(name: "out", value: AnyString("v"))]
        return MemoSave(configMap: "cache", namespace: "argo", key: key,
                        entry: MemoEntry(nodeID: nodeID, outputs: outputs, creationTimestamp: t, lastHitTimestamp: t))
    }

    @Test func aSaveCreatesTheLabelledConfigMapThenMergesKeysAndRepeatingItChangesNothing() async throws {
        let cluster = try makeCluster()
        let controller = try WorkflowController(cluster: cluster, workers: 1)
        try await controller.saveMemo(Self.save("a", nodeID: "n1"))
        var cm = try await cluster.get(.configMap, namespace: "argo", name: "cache")
        #expect(cm["metadata"]?["labels"]?["workflows.argoproj.io/configmap-type"] == "Cache")
        #expect(cm["data"]?["a"]?.stringValue == Self.save("a", nodeID: "n1").entry.json)

        try await controller.saveMemo(Self.save("b", nodeID: "n2"))
        cm = try await cluster.get(.configMap, namespace: "argo", name: "cache")
        #expect(cm["data"]?.objectValue?.keys.sorted() == ["a", "b"])
        let version = cm["metadata"]?["resourceVersion"]

        try await controller.saveMemo(Self.save("b", nodeID: "n2"))
        cm = try await cluster.get(.configMap, namespace: "argo", name: "cache")
        #expect(cm["metadata"]?["resourceVersion"] == version, "the same entry again is not a write")

        let read = try await controller.memoCaches(for: try Self.spec(cache: "cache"), templates: TemplateCatalog(), namespace: "argo")
        #expect(read["cache"]?.isCache == true)
        #expect(read["cache"]?.data["a"] == Self.save("a", nodeID: "n1").entry.json)
    }

    @Test func aConfigMapNotLabelledAsACacheIsNotOverwritten() async throws {
        let cluster = try makeCluster()
        _ = try await cluster.create(.configMap, ["metadata": ["name": "cache", "namespace": "argo"], "data": ["a": "mine"]])
        let controller = try WorkflowController(cluster: cluster, workers: 1)
        try await controller.saveMemo(Self.save("a", nodeID: "n1"))
        let cm = try await cluster.get(.configMap, namespace: "argo", name: "cache")
        #expect(cm["data"]?["a"] == "mine")
    }

    @Test func aWorkflowWithoutMemoizeReadsNoConfigMapAndAMissingCacheIsAbsent() async throws {
        let cluster = try makeCluster()
        let controller = try WorkflowController(cluster: cluster, workers: 1)
        let none = try JSONDecoder().decode(WorkflowSpec.self, from: Data(#"{"entrypoint": "a", "templates": [{"name": "a"}]}"#.utf8))
        #expect(WorkflowController.memoCacheNames(none, TemplateCatalog()).isEmpty)
        #expect(try await controller.memoCaches(for: try Self.spec(cache: "nope"), templates: TemplateCatalog(), namespace: "argo").isEmpty)
        #expect(WorkflowController.memoCacheNames(try Self.spec(cache: "c1"), TemplateCatalog()) == ["c1"])
    }

    static func spec(cache: String) throws -> WorkflowSpec {
        try JSONDecoder().decode(WorkflowSpec.self, from: Data("""
        {"entrypoint": "a", "templates": [{"name": "a", "memoize": {"key": "k", "cache": {"configMap": {"name": "\(cache)"}}},
          "container": {"image": "busybox"}}]}
        """.utf8))
    }
}
