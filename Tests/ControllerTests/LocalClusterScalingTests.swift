import Foundation
import GRDB
import Testing
import Templates
@testable import Controller
@testable import ClusterAPI
@testable import LocalStore

/// Persisting a workflow's status one node at a time must cost O(changed nodes), not O(all nodes): the bytes
/// SQLite writes per single-node patch stay flat as the workflow grows tenfold. (Run alone with
/// `swift test --filter LocalClusterScalingTests` to read the printed measurements; by default it compares 100 and
/// 1,000 nodes, with `ARGO_LITE_SCALING_FULL=1` the 1,000 and 10,000 of the design note, ~1 min in debug.)
@Suite(.serialized) struct LocalClusterScalingTests {
    struct Measurement {
        var nodes: Int
        var walBytes: Int
        var seconds: Double
        var processBytes: Int
        var perPatchBytes: Double { Double(walBytes) / Double(nodes) }
    }

    static func processWriteBytes() -> Int {
        guard let text = try? String(contentsOfFile: "/proc/self/io", encoding: .utf8) else { return 0 }
        for line in text.split(separator: "\n") where line.hasPrefix("wchar:") {
            return Int(line.split(separator: " ").last ?? "") ?? 0
        }
        return 0
    }

    /// Creates a workflow with `n` nodes, then patches each node once, as a controller does after each pod event.
    static func measure(nodes n: Int) async throws -> Measurement {
        let dir = makeStateDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let c = try makeCluster(dir)
        try await c.pool.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA wal_autocheckpoint = 0") }
        var nodes = JSONObject()
        for i in 0..<n {
            nodes["wf-\(i)"] = ["id": .string("wf-\(i)"), "name": .string("wf[\(i)].step"), "type": "Pod", "phase": "Pending",
                                "templateName": "step", "startedAt": "2026-11-22T12:00:00Z"]
        }
        var wf = workflow("wf")
        wf["status"] = ["phase": "Running", "nodes": .object(nodes)]
        _ = try await c.create(.workflow, wf)
        let wal = dir.appendingPathComponent("state.db-wal").path
        func walSize() -> Int { ((try? FileManager.default.attributesOfItem(atPath: wal)[.size]) as? Int) ?? 0 }
        let walBefore = walSize()
        let ioBefore = processWriteBytes()
        let start = ContinuousClock.now
        for i in 0..<n {
            let patch: JSONValue = ["status": ["nodes": [
                "wf-\(i)": ["phase": "Succeeded", "finishedAt": "2026-11-22T12:00:05Z", "outputs": ["exitCode": "0"]],
            ]]]
            _ = try await c.applyPatch(.workflow, namespace: "argo", name: "wf", patch: patch, type: .merge)
        }
        let elapsed = ContinuousClock.now - start
        let m = Measurement(
            nodes: n, walBytes: walSize() - walBefore,
            seconds: Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18,
            processBytes: processWriteBytes() - ioBefore)
        let final = try await c.get(.workflow, namespace: "argo", name: "wf")
        #expect(final["status"]?["nodes"]?.objectValue?.values.allSatisfy { $0["phase"] == "Succeeded" } == true)
        print("""
            scaling: \(n) single-node patches on a \(n)-node workflow: \(m.walBytes) WAL bytes \
            (\(Int(m.perPatchBytes)) per patch), process wrote \(m.processBytes) bytes, \
            \(String(format: "%.2f", m.seconds)) s (\(String(format: "%.3f", m.seconds * 1000 / Double(n))) ms per patch)
            """)
        return m
    }

    @Test func singleNodePatchesCostTheSameOnATenTimesLargerWorkflow() async throws {
        let full = ProcessInfo.processInfo.environment["ARGO_LITE_SCALING_FULL"] == "1"
        let small = try await Self.measure(nodes: full ? 1_000 : 100)
        let large = try await Self.measure(nodes: full ? 10_000 : 1_000)
        // Rewriting the whole object would make the per-patch cost grow ~10x; allow index growth, not that.
        #expect(large.perPatchBytes < small.perPatchBytes * 2)
    }
}
