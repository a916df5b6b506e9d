import Foundation
import Testing
import Templates
import TestSupport
@testable import Controller

/// Argo's examples whose templates are `resource:` (`type:resource` in `../shared/conformance/examples.tsv`) that
/// the local engine can run: the ones acting on ConfigMaps, Pods and Workflows. The others wait on Jobs and
/// StatefulSets, which nothing runs locally (no Kubernetes controllers), or lack a name (`k8s-jobs.yaml`).
@Suite(.serialized, .needsSharedData) struct ResourceExamplesTests {
    static let succeeding = [
        "cron-backfill.yaml", "k8s-owner-reference.yaml", "k8s-patch-json-pod.yaml", "k8s-patch-pod.yaml",
        "k8s-set-owner-reference.yaml", "k8s-wait-wf.yaml", "resource-delete-with-flags.yaml",
    ]

    static let engine = Task { try await LocalEngine.start(maxPods: 8) }

    func run(_ example: String) async throws -> Workflow {
        let engine = try await Self.engine.value
        let name = try await engine.submit(try SharedData.read(example: example), file: example)
        return try await engine.waitForCompletion(name, seconds: 90)
    }

    @Test(arguments: succeeding)
    func succeeds(example: String) async throws {
        let wf = try await run(example)
        let failed = (wf.status?.nodes?.values ?? [:].values).compactMap(\.message).joined(separator: "; ")
        #expect(wf.status?.phase == .succeeded, "\(example): \(wf.status?.message ?? "") \(failed)")
    }

    /// Without the WorkflowTemplate it refers to, the child workflow fails and the parent's failure condition
    /// (`status.phase in (Failed, Error)`) ends the resource step as Argo words it.
    @Test func workflowOfWorkflowsFailsThroughItsFailureCondition() async throws {
        let wf = try await run("workflow-of-workflows.yaml")
        #expect(wf.status?.phase == .failed)
        let step = wf.status?.nodes?.values.first { $0.displayName == "workflow1" }
        #expect(step?.message == "Error (exit code 64): failure condition 'status.phase in (Error,Failed)' evaluated true")
    }
}
