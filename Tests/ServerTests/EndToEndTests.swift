import Controller
import Foundation
import Templates
import TestSupport
import Testing

/// The server in front of a running controller (in this process, as `argo-lite server` runs it): a DAG created
/// over HTTP runs to Succeeded, and its pods' logs stream back.
@Suite struct EndToEndTests {
    static let dag = """
        {"workflow": {"metadata": {"generateName": "diamond-"}, "spec": {"entrypoint": "main", "templates": [
          {"name": "main", "dag": {"tasks": [
            {"name": "a", "template": "say", "arguments": {"parameters": [{"name": "m", "value": "A"}]}},
            {"name": "b", "template": "say", "dependencies": ["a"], "arguments": {"parameters": [{"name": "m", "value": "B"}]}},
            {"name": "c", "template": "say", "dependencies": ["a"], "arguments": {"parameters": [{"name": "m", "value": "C"}]}},
            {"name": "d", "template": "say", "dependencies": ["b", "c"], "arguments": {"parameters": [{"name": "m", "value": "D"}]}}]}},
          {"name": "say", "inputs": {"parameters": [{"name": "m"}]},
           "container": {"image": "alpine", "command": ["echo", "said {{inputs.parameters.m}}"]}}]}}}
        """

    @Test func dagRunsToSucceededAndLogsStream() async throws {
        try await ServerHarness.with { s in
            let runtime = try #require(try await LocalRuntime.startIfNeeded(cluster: s.cluster, executable: SharedData.argoLiteExecutable))
            defer { Task { await runtime.shutdown(stoppingPods: true) } }
            let created = try await s.post("/api/v1/workflows/argo", Self.dag)
            #expect(created.status == 200, "\(created.text)")
            let name = try #require(created.json["metadata"]?["name"]?.stringValue)
            var phase = ""
            let deadline = Date().addingTimeInterval(60)
            while Date() < deadline {
                phase = try await s.get("/api/v1/workflows/argo/\(name)?fields=status.phase").json["status"]?["phase"]?.stringValue ?? ""
                if ["Succeeded", "Failed", "Error"].contains(phase) { break }
                try await Task.sleep(for: .milliseconds(200))
            }
            #expect(phase == "Succeeded")
            let workflow = try await s.get("/api/v1/workflows/argo/\(name)").json
            let nodes = try #require(workflow["status"]?["nodes"]?.objectValue)
            #expect(nodes.count == 5)
            #expect(nodes.values.allSatisfy { $0["id"] != nil && $0["name"] != nil && $0["type"] != nil })

            let logs = try await s.get("/api/v1/workflows/argo/\(name)/log?logOptions.container=main")
            #expect(logs.status == 200)
            let lines = logs.lines.compactMap { $0["result"]?["content"]?.stringValue }
            #expect(Set(lines) == ["said A", "said B", "said C", "said D"])
            // pods in the order they started (whole seconds: ties by node ID), as argo-server streams them
            let podA = try #require(logs.lines.first { $0["result"]?["content"] == "said A" }?["result"]?["podName"]?.stringValue)
            #expect(podA.hasPrefix(name + "-say-"))
            let onePod = try await s.get("/api/v1/workflows/argo/\(name)/\(podA)/log")
            #expect(onePod.text == "{\"result\":{\"content\":\"said A\",\"podName\":\"\(podA)\"}}\n")
            let grepped = try await s.get("/api/v1/workflows/argo/\(name)/log?grep=said%20%5BBC%5D")
            #expect(Set(grepped.lines.compactMap { $0["result"]?["content"]?.stringValue }) == ["said B", "said C"])
            let tailed = try await s.get("/api/v1/workflows/argo/\(name)/\(podA)/log?logOptions.tailLines=0")
            #expect(tailed.status == 200 && tailed.text.isEmpty)
            #expect(try await s.get("/api/v1/workflows/argo/\(name)/\(podA)/log?logOptions.tailLines=1").lines.count == 1)
            // a followed log of a finished workflow ends by itself
            let followed = try await s.get("/api/v1/workflows/argo/\(name)/log?logOptions.follow=true")
            #expect(followed.lines.count == 4)
        }
    }
}
