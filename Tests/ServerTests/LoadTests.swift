import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import Templates
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// Many watchers at once (each stream ends after 10 s: time enough on a machine loaded by the whole suite) and a
/// client that never reads: every watcher gets its events and the server keeps serving others.
@Suite struct LoadTests {
    @Test func twoHundredConcurrentWatchersAllSeeTheChange() async throws {
        try await ServerHarness.with { s in
            let created = try await s.store(.workflow, workflowJSON(name: "w", namespace: "default"))
            // from the created version: a watcher that starts late (a loaded machine) still sees the change
            let version = try #require(created["metadata"]?["resourceVersion"]?.stringValue)
            let clients = (0..<200).map { _ in
                TestClient(host: "127.0.0.1", port: s.port, configuration: .init(timeout: .seconds(60)))
            }
            for client in clients { client.connect() }
            let change = Task {
                try await Task.sleep(for: .milliseconds(1500))
                var wf = try await s.cluster.get(.workflow, namespace: "default", name: "w")
                wf["metadata"]?["labels"] = ["changed": "yes"]
                _ = try await s.cluster.update(.workflow, wf)
            }
            let streams = try await withThrowingTaskGroup(of: String.self) { group in
                for (i, client) in clients.enumerated() {
                    group.addTask {
                        let accept: HTTPFields = i % 2 == 0 ? [.accept: "text/event-stream"] : [:]
                        let reply = try await client.get("/api/v1/workflow-events/default?listOptions.timeoutSeconds=10&listOptions.resourceVersion=\(version)&fields=result.type", headers: accept)
                        return String(buffer: reply.body ?? ByteBuffer())
                    }
                }
                var all: [String] = []
                for try await text in group { all.append(text) }
                return all
            }
            try await change.value
            for client in clients { try await client.shutdown() }
            #expect(streams.count == 200)
            let missed = streams.filter { !$0.contains(#"{"result":{"type":"MODIFIED","object":{}}}"#) }
            #expect(missed.isEmpty, "\(missed.count) of 200 watchers saw no change; the first got: \(missed.first ?? "")")
        }
    }

    @Test func aClientThatNeverReadsDoesNotStopTheServer() async throws {
        try await ServerHarness.with { s in
            try await s.store(.workflow, workflowJSON(name: "w", namespace: "default"))
            // a raw connection that asks for a stream and never reads its answer
            let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
            #expect(fd >= 0)
            defer { close(fd) }
            var address = sockaddr_in()
            address.sin_family = sa_family_t(AF_INET)
            address.sin_port = in_port_t(UInt16(s.port).bigEndian)
            address.sin_addr.s_addr = inet_addr("127.0.0.1")
            let connected = withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
            }
            #expect(connected == 0)
            let request = "GET /api/v1/workflow-events/default HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\n\r\n"
            #expect(request.withCString { send(fd, $0, strlen($0), 0) } == request.utf8.count)
            // big changes for it to fall behind on, while others are served
            let padding = String(repeating: "x", count: 200_000)
            for i in 0..<20 {
                var wf = try await s.cluster.get(.workflow, namespace: "default", name: "w")
                wf["metadata"]?["annotations"] = ["pad": .string(padding + String(i))]
                _ = try await s.cluster.update(.workflow, wf)
                #expect(try await s.get("/api/v1/workflows/default/w?fields=metadata.name").text == #"{"metadata":{"name":"w"}}"#)
            }
            #expect(try await s.get("/api/v1/version").status == 200)
        }
    }
}
