import Foundation
import KubeFake
import Templates
@testable import Controller

/// One set of generated certificates for all the HTTPS tests (making them takes a few openssl runs).
enum KubeTestCertificates {
    static let shared: Result<FakeCertificates, any Error> = Result { try FakeCertificates.generate() }
    static func get() throws -> FakeCertificates { try shared.get() }
}

/// A fake API server over HTTPS that knows the token `good-token` (user alice), and its certificates.
func tlsServer(configure: (inout FakeKubeServer.Options) -> Void = { _ in }) throws -> FakeKubeServer {
    var options = FakeKubeServer.Options()
    options.certificates = try KubeTestCertificates.get()
    options.tokens = ["good-token": "alice"]
    configure(&options)
    return try FakeKubeServer(options)
}

/// A client of `server` over plain HTTP (no rate limit unless given), configured further by `configure`.
func kubeClient(_ server: FakeKubeServer, rateLimiter: (any KubeRateLimiter)? = nil, maxRetries: Int = 10,
                configure: (inout KubeConfig) -> Void = { _ in }) -> KubeClient {
    var config = KubeConfig(server: server.url)
    config.requestTimeout = .seconds(10)
    configure(&config)
    return KubeClient(config: config, rateLimiter: rateLimiter, maxRetries: maxRetries)
}

func configMap(_ name: String, namespace: String = "default", labels: [String: String] = [:], data: JSONValue = ["k": "v"]) -> JSONValue {
    var meta: JSONObject = ["name": .string(name), "namespace": .string(namespace)]
    if !labels.isEmpty { meta["labels"] = .object(JSONObject(uniqueKeysWithValues: labels.sorted { $0.key < $1.key }.map { ($0.key, .string($0.value)) })) }
    return ["apiVersion": "v1", "kind": "ConfigMap", "metadata": .object(meta), "data": data]
}

func kubeWorkflow(_ name: String, namespace: String = "default", labels: [String: String] = [:]) -> JSONValue {
    var meta: JSONObject = ["name": .string(name), "namespace": .string(namespace)]
    if !labels.isEmpty { meta["labels"] = .object(JSONObject(uniqueKeysWithValues: labels.sorted { $0.key < $1.key }.map { ($0.key, .string($0.value)) })) }
    return ["apiVersion": "argoproj.io/v1alpha1", "kind": "Workflow", "metadata": .object(meta),
            "spec": ["entrypoint": "main", "templates": [["name": "main", "container": ["image": "alpine"]]]]]
}

/// The first `count` events of `stream` (`collect`), throwing instead of returning fewer when `seconds` pass.
func firstEvents(_ stream: AsyncThrowingStream<WatchEvent, any Error>, _ count: Int, within seconds: Double = 10) async throws -> [WatchEvent] {
    let events = try await collect(stream, count: count, seconds: seconds)
    guard events.count == count else {
        throw TimeoutError(description: "\(events.count) of \(count) events within \(seconds) s: \(events.map(\.type))")
    }
    return events
}

struct TimeoutError: Error, CustomStringConvertible { var description: String }

extension JSONValue {
    var resourceVersion: String { self["metadata"]?["resourceVersion"]?.stringValue ?? "" }
    var name: String { self["metadata"]?["name"]?.stringValue ?? "" }
}

/// Runs `body`, cancelling it and throwing when `seconds` pass: a watch that never delivers fails the test
/// instead of hanging it (a cancelled stream iteration returns nil).
func withDeadline<T: Sendable>(_ seconds: Double = 15, _ body: @escaping @Sendable () async throws -> T) async throws -> T {
    try await withThrowingTaskGroup(of: T?.self) { group in
        group.addTask { try await body() }
        group.addTask {
            try await Task.sleep(for: .seconds(seconds))
            return nil
        }
        defer { group.cancelAll() }
        guard let first = try await group.next(), let value = first else {
            throw TimeoutError(description: "not done within \(seconds) s")
        }
        return value
    }
}

extension Result {
    var failure: Failure? { if case .failure(let f) = self { f } else { nil } }
}
