import Foundation
import Testing
import TestSupport
import Templates
@testable import Controller
@testable import ClusterAPI
@testable import LocalStore

/// A fresh state directory per test.
func makeStateDirectory() -> URL {
    let url = ScratchDirectory.url("argo-lite-test")
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

@Test func aStateDatabaseThatIsNotOneIsRefusedWithWhatToDo() throws {
    let dir = makeStateDirectory()
    try Data("not a database, just text\n".utf8).write(to: dir.appendingPathComponent("state.db"))
    #expect(throws: ClusterError.unavailable(
        "\(dir.path)/state.db is not an argo-lite state database (file is not a database): "
            + "move it aside, or choose another state directory with --state-dir or ARGO_LITE_STATE"
    )) { _ = try makeCluster(dir) }
}
