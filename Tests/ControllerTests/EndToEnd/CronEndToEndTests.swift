import Foundation
import Testing
import Templates
import TestSupport
@testable import Controller

/// CronWorkflows on the real engine: the controller starts their workflows on schedule, records them in the
/// status, and starts nothing while suspended.
@Suite(.serialized) struct CronEndToEndTests {
    static let everySecond = """
        apiVersion: argoproj.io/v1alpha1
        kind: CronWorkflow
        metadata: {name: ticker, namespace: argo}
        spec:
          schedules: ["@every 1s"]
          concurrencyPolicy: Forbid
          successfulJobsHistoryLimit: 2
          workflowMetadata: {labels: {team: a}}
          workflowSpec:
            entrypoint: main
            templates:
            - name: main
              container: {image: alpine:3.20, command: ["true"]}
        """

    func children(_ engine: LocalEngine) async throws -> [JSONValue] {
        try await engine.cluster.list(.workflow, namespace: "argo", labelSelector: try LabelSelector("workflows.argoproj.io/cron-workflow=ticker")).items
    }


    @Test func aCronWorkflowStartsWorkflowsOnScheduleAndKeepsItsHistory() async throws {
        let engine = try await LocalEngine.start()
        defer { Task { await engine.stop() } }
        _ = try await engine.cluster.create(.cronWorkflow, try YAML.loadFirst(Self.everySecond).toJSONValue())
        // Three runs have succeeded; only the last two are kept.
        #expect(try await until(seconds: 20) {
            let cron = try await engine.cluster.get(.cronWorkflow, namespace: "argo", name: "ticker")
            return (cron["status"]?["succeeded"]?.intValue ?? 0) >= 3
        })
        #expect(try await until(seconds: 5) { try await children(engine).filter { $0["status"]?["phase"] == "Succeeded" }.count <= 2 })
        let kids = try await children(engine)
        let first = try #require(kids.first)
        let name = try #require(first["metadata"]?["name"]?.stringValue)
        let scheduled = try #require(first["metadata"]?["annotations"]?["workflows.argoproj.io/scheduled-time"]?.stringValue)
        #expect(name == "ticker-\(KubeTime(rfc3339: scheduled)?.seconds ?? -1)")
        #expect(first["metadata"]?["labels"]?["team"] == "a")
        #expect(first["metadata"]?["ownerReferences"]?[0]?["name"] == "ticker")

        // Suspended, it starts nothing more.
        _ = try await engine.cluster.patch(.cronWorkflow, namespace: "argo", name: "ticker", patch: ["spec": ["suspend": true]], type: .merge)
        try await Task.sleep(for: .milliseconds(300))
        let before = Set(try await children(engine).compactMap { $0["metadata"]?["name"]?.stringValue })
        try await Task.sleep(for: .seconds(2.5))
        let after = Set(try await children(engine).compactMap { $0["metadata"]?["name"]?.stringValue })
        #expect(after.subtracting(before).isEmpty)

        // Deleting it deletes its workflows, as Kubernetes' garbage collector does through the owner references.
        try await engine.cluster.delete(.cronWorkflow, namespace: "argo", name: "ticker")
        #expect(try await children(engine).isEmpty)
    }
}
