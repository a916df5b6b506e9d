import Foundation
import Templates
import Testing
@testable import Controller

/// An informer with a transform caches only what the transform keeps, through lists and through watch deltas.
@Suite struct InformerTransformTests {
    @Test func theControllersPodCacheKeepsMetadataStatusAndNodeNameOnly() async throws {
        let cluster = try makeCluster()
        let pod: JSONValue = [
            "metadata": ["name": "p", "namespace": "argo", "labels": ["workflows.argoproj.io/workflow": "wf"]],
            "spec": ["nodeName": "local", "containers": [["name": "main", "image": "alpine",
                                                          "env": [["name": "ARGO_TEMPLATE", "value": .string(String(repeating: "x", count: 8_000))]]]]],
            "status": ["phase": "Pending"],
        ]
        _ = try await cluster.create(.pod, pod)
        let informer = Informer(cluster: cluster, resource: .pod, transform: WorkflowController.podSummary) { _ in }
        let run = Task { await informer.run() }
        defer { run.cancel() }
        await informer.waitForSync()
        #expect(await informer.get("argo/p")?["spec"] == ["nodeName": "local"])

        // A status change arrives as a delta against the (transformed) cached copy.
        _ = try await cluster.patch(.pod, namespace: "argo", name: "p", patch: ["status": ["phase": "Running"]], type: .merge)
        var cached = await informer.get("argo/p")
        for _ in 0..<100 where cached?["status"]?["phase"] != "Running" {
            try await Task.sleep(for: .milliseconds(20))
            cached = await informer.get("argo/p")
        }
        #expect(cached?["status"]?["phase"] == "Running")
        #expect(cached?["spec"] == ["nodeName": "local"])
        #expect(cached?["metadata"]?["labels"]?["workflows.argoproj.io/workflow"] == "wf")
    }
}
