import Controller
import Foundation
import Templates
import Testing
import TestSupport
@testable import argo_lite

/// `RetryCommand` on a store without a controller: what it deletes and writes, and what it prints.
@Suite struct RetryCommandTests {
    static func failedDAG(_ wf: String, labels: JSONValue = [:]) -> JSONValue {
        var doc = Fixture.workflow(wf, phase: "Failed", finish: 10, nodes: [
            Fixture.node(wf, wf, type: "DAG", phase: "Failed", template: "main", children: ["\(wf).A"], start: 0, finish: 10),
            Fixture.node(wf, "\(wf).A", type: "Pod", template: "a", boundary: wf, children: ["\(wf).B"], start: 0, finish: 5),
            Fixture.node(wf, "\(wf).B", type: "Pod", phase: "Failed", template: "b", boundary: wf, start: 5, finish: 10),
        ])
        doc["metadata"]?["labels"] = labels
        return doc
    }

    static func pod(_ name: String) -> JSONValue {
        ["apiVersion": "v1", "kind": "Pod", "metadata": ["name": .string(name), "namespace": "default"],
         "spec": ["containers": [["name": "main", "image": "alpine"]]]]
    }

    @Test func deletesTheFailedPodWritesTheWorkflowRunningAndPrintsItsName() async throws {
        let (directory, cluster) = try Fixture.cluster(scratch: "argo-lite-retry-cmd")
        defer { try? FileManager.default.removeItem(at: directory) }
        let labels: JSONValue = ["workflows.argoproj.io/completed": "true", "workflows.argoproj.io/phase": "Failed", "team": "x"]
        _ = try await cluster.create(.workflow, Self.failedDAG("d", labels: labels))
        _ = try await cluster.create(.workflow, Self.failedDAG("other"))
        let podA = NodeNames.podName(workflow: "d", nodeName: "d.A", templateName: "a")
        let podB = NodeNames.podName(workflow: "d", nodeName: "d.B", templateName: "b")
        for p in [podA, podB] { _ = try await cluster.create(.pod, Self.pod(p)) }

        let buffer = OutputBuffer()
        let env = CLIEnvironment(namespace: "default", console: .capturing(buffer), style: .plain)
        #expect(try await RetryCommand.parse(["-l", "team=x", "d", "-o", "name"]).execute(cluster: cluster, env: env) == 0)
        #expect(buffer.out == "d\n", "a workflow both selected and named is retried once")

        let pods = try await cluster.list(.pod, namespace: "default", labelSelector: nil).items
        #expect(pods.compactMap { $0["metadata"]?["name"]?.stringValue } == [podA])
        let wf = try await cluster.get(.workflow, namespace: "default", name: "d")
        #expect(wf["status"]?["phase"] == "Running")
        #expect(wf["metadata"]?["labels"]?["workflows.argoproj.io/completed"] == nil)
        #expect(wf["status"]?["nodes"]?.objectValue?.count == 2)
        let untouched = try await cluster.get(.workflow, namespace: "default", name: "other")
        #expect(untouched["status"]?["phase"] == "Failed")

        // Running now: a second retry is refused with argo's message, and nothing changes.
        let again = OutputBuffer()
        let env2 = CLIEnvironment(namespace: "default", console: .capturing(again), style: .plain)
        #expect(try await RetryCommand.parse(["d"]).execute(cluster: cluster, env: env2) == 1)
        #expect(again.err.contains("Cannot retry a workflow in phase Running"))
    }

    @Test func aMissingWorkflowIsNotFound() async throws {
        let (directory, cluster) = try Fixture.cluster(scratch: "argo-lite-retry-cmd")
        defer { try? FileManager.default.removeItem(at: directory) }
        let buffer = OutputBuffer()
        let env = CLIEnvironment(namespace: "default", console: .capturing(buffer), style: .plain)
        #expect(try await RetryCommand.parse(["nope"]).execute(cluster: cluster, env: env) == 1)
        #expect(buffer.err.contains("workflows.argoproj.io \"nope\" not found"))
    }
}
