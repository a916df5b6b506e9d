import Foundation
import Templates
import Testing
@testable import Controller
@testable import ClusterAPI
@testable import Reconciler

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

@Suite struct InformerStopTests {
    /// A controller stopped as it starts waits for every informer's first list: an informer stopped before its
    /// list must release those waiters, or stopping hangs (it did, for `argo-lite controller` killed at start-up).
    @Test(.timeLimit(.minutes(1))) func anInformerStoppedBeforeItsFirstListReleasesItsSyncWaiters() async throws {
        let informer = Informer(cluster: try makeCluster(), resource: .pod) { _ in }
        let run = Task {
            withUnsafeCurrentTask { $0?.cancel() }  // stopped before it could list
            await informer.run()
        }
        await run.value
        await informer.waitForSync()
        let controller = try WorkflowController(cluster: try makeCluster(), workers: 1)
        let stopped = Task {
            withUnsafeCurrentTask { $0?.cancel() }
            await controller.run()
        }
        await stopped.value
    }
}
