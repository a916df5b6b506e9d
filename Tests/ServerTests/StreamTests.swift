import Foundation
import HTTPTypes
import Templates
import Testing

@Suite struct StreamTests {
    /// Changes the stored workflow `w` while a stream is open: a label, then its deletion.
    private func changeLater(_ s: ServerHarness) -> Task<Void, any Error> {
        Task {
            try await Task.sleep(for: .milliseconds(400))
            var wf = try await s.cluster.get(.workflow, namespace: "default", name: "w")
            wf["metadata"]?["labels"] = ["changed": "yes"]
            _ = try await s.cluster.update(.workflow, wf)
            try await s.cluster.delete(.workflow, namespace: "default", name: "w")
        }
    }

    @Test func workflowEventsAsNewlineDelimitedJSON() async throws {
        try await ServerHarness.with { s in
            try await s.store(.workflow, workflowJSON(name: "w", namespace: "default"))
            try await s.store(.workflow, workflowJSON(name: "other", namespace: "default"))
            let changes = changeLater(s)
            let reply = try await s.get("/api/v1/workflow-events/default?listOptions.timeoutSeconds=2&listOptions.fieldSelector=metadata.name%3Dw&fields=result.type,result.object.metadata.name,result.object.metadata.labels")
            try await changes.value
            #expect(reply.status == 200)
            #expect(reply.headers[.contentType] == "application/json")
            #expect(reply.text == """
                {"result":{"type":"ADDED","object":{"metadata":{"name":"w","labels":{}}}}}
                {"result":{"type":"MODIFIED","object":{"metadata":{"name":"w","labels":{"changed":"yes"}}}}}
                {"result":{"type":"DELETED","object":{"metadata":{"name":"w","labels":{"changed":"yes"}}}}}

                """)
        }
    }

    @Test func workflowEventsAsServerSentEventsWithKeepAlives() async throws {
        try await ServerHarness.with { s in
            try await s.store(.workflow, workflowJSON(name: "w", namespace: "default"))
            let changes = changeLater(s)
            let reply = try await s.get("/api/v1/workflow-events/default?listOptions.timeoutSeconds=1&fields=result.type,result.object.metadata.name",
                                        headers: [.accept: "text/event-stream"])
            try await changes.value
            #expect(reply.status == 200)
            #expect(reply.headers[.contentType] == "text/event-stream")
            #expect(reply.headers[.cacheControl] == "no-cache")
            #expect(reply.text.hasPrefix(": connected\n\n"))
            let frames = reply.text.components(separatedBy: "\n\n").filter { !$0.isEmpty }
            let data = frames.filter { $0.hasPrefix("data: ") }
            #expect(data == [
                #"data: {"result":{"type":"ADDED","object":{"metadata":{"name":"w"}}}}"#,
                #"data: {"result":{"type":"MODIFIED","object":{"metadata":{"name":"w"}}}}"#,
                #"data: {"result":{"type":"DELETED","object":{"metadata":{"name":"w"}}}}"#,
            ])
            // every other frame is a comment; with nothing happening for 200 ms there is a keep-alive
            #expect(frames.allSatisfy { $0.hasPrefix("data: ") || $0.hasPrefix(": ") })
            #expect(frames.contains(": keep-alive"))
        }
    }

    @Test func watchFromAResourceVersionSendsOnlyLaterChanges() async throws {
        try await ServerHarness.with { s in
            let created = try await s.store(.workflow, workflowJSON(name: "w", namespace: "default"))
            let version = try #require(created["metadata"]?["resourceVersion"]?.stringValue)
            let changes = changeLater(s)
            let reply = try await s.get("/api/v1/workflow-events/default?listOptions.timeoutSeconds=2&listOptions.resourceVersion=\(version)&fields=result.type")
            try await changes.value
            #expect(reply.text == "{\"result\":{\"type\":\"MODIFIED\",\"object\":{}}}\n{\"result\":{\"type\":\"DELETED\",\"object\":{}}}\n")
        }
    }

    @Test func logsOfAMissingWorkflowAreNotFoundBeforeTheStream() async throws {
        try await ServerHarness.with { s in
            let reply = try await s.get("/api/v1/workflows/default/none/log?logOptions.container=main")
            #expect(reply.status == 404)
            #expect(reply.text == #"{"code":5,"message":"workflows.argoproj.io \"none\" not found"}"#)
        }
    }
}
