import Foundation
import Testing
import Templates
import TestSupport
@testable import Controller

/// `spec.podGC` and `spec.ttlStrategy` on the real engine: pods and workflows go when Argo's would, and the
/// status keeps every node.
@Suite(.serialized) struct GarbageEndToEndTests {
    func pods(_ engine: LocalEngine) async throws -> [String] {
        try await engine.cluster.list(.pod, namespace: "argo", labelSelector: nil).items
            .compactMap { $0["metadata"]?["annotations"]?["workflows.argoproj.io/node-name"]?.stringValue }.sorted()
    }


    /// The upstream `pod-gc-strategy-with-label-selector` example with no delay: only the successful pod that the
    /// selector matches goes.
    @Test(.needsSharedData) func onPodSuccessWithASelectorDeletesOnlyMatchingSuccessfulPods() async throws {
        let engine = try await LocalEngine.start()
        defer { Task { await engine.stop() } }
        let upstream = try SharedData.read(example: "pod-gc-strategy-with-label-selector.yaml")
        let name = try await engine.submit(upstream.replacingOccurrences(of: "deleteDelayDuration: 30s", with: "deleteDelayDuration: 0s"))
        let wf = try await engine.waitForCompletion(name)
        #expect(wf.status?.phase == .failed)
        #expect(wf.status?.nodes?.count == 5, "the status keeps every node")
        let kept = ["\(name)[0].fail", "\(name)[0].succeed-not-deleted"]
        #expect(try await until(seconds: 10) { try await pods(engine) == kept })
        let left = try await pods(engine)
        #expect(left == kept)
    }

    @Test func aWorkflowWhoseTTLHasPassedIsDeletedWithItsPods() async throws {
        let engine = try await LocalEngine.start()
        defer { Task { await engine.stop() } }
        let name = try await engine.submit("""
            apiVersion: argoproj.io/v1alpha1
            kind: Workflow
            metadata: {generateName: short-lived-}
            spec:
              entrypoint: main
              ttlStrategy: {secondsAfterSuccess: 4, secondsAfterCompletion: 600}
              templates:
              - name: main
                container: {image: alpine:3.20, command: ["true"]}
            """)
        let wf = try await engine.waitForCompletion(name)
        #expect(wf.status?.phase == .succeeded)
        let gone = try await until(seconds: 15) {
            (try? await engine.cluster.get(.workflow, namespace: "argo", name: name)) == nil
        }
        #expect(gone, "deleted some seconds after it finished")
        #expect(try await pods(engine).isEmpty)
    }

    /// A workflow that runs a WorkflowTemplate (`workflowTemplateRef`) takes the template's `ttlStrategy`.
    @Test func aWorkflowTemplatesTTLAppliesToTheWorkflowsThatRunIt() async throws {
        let engine = try await LocalEngine.start()
        defer { Task { await engine.stop() } }
        _ = try await engine.cluster.create(.workflowTemplate, try YAML.loadFirst("""
            apiVersion: argoproj.io/v1alpha1
            kind: WorkflowTemplate
            metadata: {name: brief, namespace: argo}
            spec:
              entrypoint: main
              ttlStrategy: {secondsAfterCompletion: 4}
              templates:
              - name: main
                container: {image: alpine:3.20, command: ["true"]}
            """).toJSONValue())
        let name = try await engine.submit("""
            apiVersion: argoproj.io/v1alpha1
            kind: Workflow
            metadata: {generateName: from-template-}
            spec:
              workflowTemplateRef: {name: brief}
            """)
        #expect(try await engine.waitForCompletion(name).status?.phase == .succeeded)
        #expect(try await until(seconds: 15) { (try? await engine.cluster.get(.workflow, namespace: "argo", name: name)) == nil })
    }
}
