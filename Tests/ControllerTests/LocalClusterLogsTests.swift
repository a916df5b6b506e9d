import Foundation
import Testing
import Templates
@testable import Controller
@testable import ClusterAPI

@Suite struct LocalClusterLogsTests {
    func append(_ text: String, to url: URL) throws {
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        if !FileManager.default.fileExists(atPath: url.path) { FileManager.default.createFile(atPath: url.path, contents: nil) }
        let h = try FileHandle(forWritingTo: url)
        try h.seekToEnd()
        try h.write(contentsOf: Data(text.utf8))
        try h.close()
    }

    @Test func logsReadTheMainContainerFile() async throws {
        let c = try makeCluster()
        _ = try await c.create(.pod, ["metadata": ["name": "p", "namespace": "argo"],
                                      "spec": ["containers": [["name": "wait"], ["name": "main"]]]])
        let path = c.logPath(namespace: "argo", pod: "p", container: "main")
        #expect(path.path.hasSuffix("logs/argo/p.main.log"))
        try append("one\ntwo\nthree", to: path)
        var lines: [String] = []
        for try await line in try await c.logs(namespace: "argo", pod: "p", container: nil, follow: false) { lines.append(line) }
        #expect(lines == ["one", "two", "three"])
        await #expect(throws: ClusterError.notFound("pods \"nope\" not found")) {
            _ = try await c.logs(namespace: "argo", pod: "nope", container: nil, follow: false)
        }
    }

    @Test func logsWrittenByAnEarlierVersionInAFolderPerPodAreStillRead() async throws {
        let c = try makeCluster()
        _ = try await c.create(.pod, ["metadata": ["name": "old", "namespace": "argo"], "spec": ["containers": [["name": "main"]]]])
        let legacy = c.directory.appendingPathComponent("logs/argo/old/main.log")
        try FileManager.default.createDirectory(at: legacy.deletingLastPathComponent(), withIntermediateDirectories: true)
        try append("kept\n", to: legacy)
        var lines: [String] = []
        for try await line in try await c.logs(namespace: "argo", pod: "old", container: nil, follow: false) { lines.append(line) }
        #expect(lines == ["kept"])
    }

    @Test func followEndsWhenThePodCompletes() async throws {
        let dir = makeStateDirectory()
        let reader = try makeCluster(dir) { $0.safetyRecheckSeconds = 30 }
        let agent = try makeCluster(dir)
        _ = try await agent.create(.pod, ["metadata": ["name": "p", "namespace": "argo"], "spec": ["containers": [["name": "main"]]],
                                          "status": ["phase": "Running"]])
        let path = agent.logPath(namespace: "argo", pod: "p", container: "main")
        try append("first\n", to: path)
        let stream = try await reader.logs(namespace: "argo", pod: "p", container: "main", follow: true)
        let writer = Task {
            try await Task.sleep(for: .milliseconds(150))
            try append("second\npart", to: path)
            try await Task.sleep(for: .milliseconds(150))
            try append("ial\nlast", to: path)
            _ = try await agent.patch(.pod, namespace: "argo", name: "p", patch: ["status": ["phase": "Succeeded"]], type: .merge)
        }
        var lines: [String] = []
        for try await line in stream { lines.append(line) }
        try await writer.value
        #expect(lines == ["first", "second", "partial", "last"])
    }
}
