import Controller
import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import Server
import Templates
import TestSupport

/// An `ArgoServer` on 127.0.0.1 with a port the system picks, over a fresh local store, and a client that sends
/// it real HTTP requests.
struct ServerHarness: Sendable {
    let cluster: LocalCluster
    let directory: URL
    let port: Int
    let client: TestClient

    struct Reply: Sendable {
        var status: Int
        var headers: HTTPFields
        var text: String
        var json: JSONValue { (try? JSONParser.parse(text)) ?? .null }
        /// The messages of a newline-delimited JSON stream.
        var lines: [JSONValue] { text.split(separator: "\n").compactMap { try? JSONParser.parse(String($0)) } }
    }

    static func with(_ configure: (inout ServerConfiguration) -> Void = { _ in },
                     _ body: (ServerHarness) async throws -> Void) async throws {
        let directory = ScratchDirectory.url("argo-lite-server")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let cluster = try LocalCluster(directory: directory)
        var configuration = ServerConfiguration(address: "127.0.0.1", port: 0)
        configuration.keepAliveInterval = .milliseconds(200)
        configuration.pollInterval = .milliseconds(200)
        configure(&configuration)
        let server = try ArgoServer(cluster: cluster, configuration: configuration)
        let (ports, sink) = AsyncStream<Int>.makeStream()
        let serving = Task { try await server.run { sink.yield($0) } }
        var iterator = ports.makeAsyncIterator()
        guard let port = await iterator.next() else { throw CancellationError() }
        let client = TestClient(host: "127.0.0.1", port: port, configuration: .init(timeout: .seconds(30)))
        client.connect()
        let harness = ServerHarness(cluster: cluster, directory: directory, port: port, client: client)
        do {
            try await body(harness)
        } catch {
            try? await client.shutdown()
            serving.cancel()
            _ = await serving.result
            throw error
        }
        try await client.shutdown()
        serving.cancel()
        _ = await serving.result
    }

    func request(_ method: HTTPRequest.Method, _ path: String, body: String? = nil, headers: HTTPFields = [:])
        async throws -> Reply
    {
        var buffer: ByteBuffer? = nil
        if let body {
            buffer = ByteBuffer()
            buffer?.writeString(body)
        }
        var headers = headers
        if body != nil, headers[.contentType] == nil { headers[.contentType] = "application/json" }
        let response = try await client.execute(.init(path, method: method, authority: "127.0.0.1", headers: headers, body: buffer))
        return Reply(status: response.status.code, headers: response.headers,
                     text: response.body.map { String(buffer: $0) } ?? "")
    }

    func get(_ path: String, headers: HTTPFields = [:]) async throws -> Reply { try await request(.get, path, headers: headers) }
    func post(_ path: String, _ body: String) async throws -> Reply { try await request(.post, path, body: body) }
    func put(_ path: String, _ body: String = "{}") async throws -> Reply { try await request(.put, path, body: body) }
    func delete(_ path: String) async throws -> Reply { try await request(.delete, path) }

    /// Stores an object directly (status included), as the controller would have left it.
    @discardableResult
    func store(_ kind: ResourceKind, _ json: String) async throws -> JSONValue {
        try await cluster.create(kind, try JSONParser.parse(json))
    }
}

/// A workflow with one container template, as JSON.
func workflowJSON(name: String = "", generateName: String = "", labels: String = "{}", namespace: String = "",
                  entrypoint: String = "main") -> String {
    var meta = ["\"labels\": \(labels)"]
    if !name.isEmpty { meta.append("\"name\": \"\(name)\"") }
    if !generateName.isEmpty { meta.append("\"generateName\": \"\(generateName)\"") }
    if !namespace.isEmpty { meta.append("\"namespace\": \"\(namespace)\"") }
    return """
        {"metadata": {\(meta.joined(separator: ", "))}, "spec": {"entrypoint": "\(entrypoint)", "templates": [
          {"name": "main", "container": {"image": "alpine", "command": ["echo", "hi"]}}]}}
        """
}
