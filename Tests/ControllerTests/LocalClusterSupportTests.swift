import Foundation
import Testing
import Templates
@testable import Controller

/// A fresh state directory per test.
func makeStateDirectory() -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("argo-lite-test-\(UUID().uuidString)")
    try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}

func makeCluster(_ directory: URL = makeStateDirectory(), configure: (inout LocalCluster.Options) -> Void = { _ in })
    throws -> LocalCluster
{
    var options = LocalCluster.Options()
    configure(&options)
    return try LocalCluster(directory: directory, options: options)
}

func workflow(_ name: String, labels: JSONValue = [:], spec: JSONValue = ["entrypoint": "main"]) -> JSONValue {
    ["metadata": ["name": .string(name), "namespace": "argo", "labels": labels], "spec": spec]
}

func json(_ text: String) -> JSONValue { (try? JSONBridge.parse(text)) ?? .null }

/// Collects `count` events from a stream, failing after `seconds`.
func collect(_ stream: AsyncThrowingStream<WatchEvent, any Error>, count: Int, seconds: Double = 5) async throws -> [WatchEvent] {
    try await withThrowingTaskGroup(of: [WatchEvent].self) { group in
        group.addTask {
            var out: [WatchEvent] = []
            for try await e in stream {
                out.append(e)
                if out.count == count { break }
            }
            return out
        }
        group.addTask {
            try await Task.sleep(for: .seconds(seconds))
            return []
        }
        let first = try await group.next() ?? []
        group.cancelAll()
        return first
    }
}

@Test func aTestStateDirectoryHoldsTheDatabaseAndLogs() throws {
    let dir = makeStateDirectory()
    _ = try makeCluster(dir)
    #expect(FileManager.default.fileExists(atPath: dir.appendingPathComponent("state.db").path))
    #expect(FileManager.default.fileExists(atPath: dir.appendingPathComponent("logs").path))
}
