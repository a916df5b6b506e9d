import Foundation
import Testing
import Templates
@testable import Controller
@testable import LocalStore
@testable import ClusterAPI

@Suite struct LocalClusterWatchTests {
    @Test func watchResumesAfterAVersionInOrderThenGoesLive() async throws {
        let c = try makeCluster()
        let a = try await c.create(.workflow, workflow("a"))
        let from = try #require(a["metadata"]?["resourceVersion"]?.stringValue)
        _ = try await c.create(.pod, ["metadata": ["name": "p", "namespace": "argo"]])  // other kind: not seen
        _ = try await c.patch(.workflow, namespace: "argo", name: "a", patch: ["status": ["phase": "Running"]], type: .merge)
        _ = try await c.create(.workflow, workflow("b"))
        let stream = try await c.watch(.workflow, namespace: "argo", labelSelector: nil, resourceVersion: from)
        let live = Task {
            try await Task.sleep(for: .milliseconds(100))
            try await c.delete(.workflow, namespace: "argo", name: "a")
        }
        let events = try await collect(stream, count: 3)
        try await live.value
        #expect(events.map(\.type) == [.modified, .added, .deleted])
        #expect(events.map { $0.object["metadata"]?["name"] } == ["a", "b", "a"])
        #expect(events[0].object["status"] == ["phase": "Running"])
        let versions = events.compactMap { $0.resourceVersion.flatMap { Int($0) } }
        #expect(versions == versions.sorted() && versions.first ?? 0 > Int(from) ?? 0)
    }

    @Test func watchFiltersByLabelsAndTurnsLabelChangesIntoAddAndDelete() async throws {
        let c = try makeCluster()
        let stream = try await c.watch(.workflow, namespace: nil, labelSelector: try LabelSelector("team=x"), resourceVersion: nil)
        _ = try await c.create(.workflow, workflow("other", labels: ["team": "y"]))
        _ = try await c.create(.workflow, workflow("mine", labels: ["team": "x"]))
        _ = try await c.patch(.workflow, namespace: "argo", name: "other", patch: ["metadata": ["labels": ["team": "x"]]], type: .merge)
        _ = try await c.patch(.workflow, namespace: "argo", name: "mine", patch: ["metadata": ["labels": ["team": "z"]]], type: .merge)
        let events = try await collect(stream, count: 3)
        #expect(events.map(\.type) == [.added, .added, .deleted])
        #expect(events.map { $0.object["metadata"]?["name"] } == ["mine", "other", "mine"])
    }

    @Test func watchingFromACompactedVersionIsGone() async throws {
        let c = try makeCluster { o in
            o.eventRetentionCount = 5
            o.eventRetentionSeconds = 0
            o.compactionInterval = 1
        }
        let first = try await c.create(.configMap, ["metadata": ["name": "cm", "namespace": "argo"]])
        for i in 0..<10 {
            _ = try await c.patch(.configMap, namespace: "argo", name: "cm", patch: ["data": ["i": .string(String(i))]], type: .merge)
        }
        let old = try #require(first["metadata"]?["resourceVersion"]?.stringValue)
        await #expect(throws: ClusterError.self) {
            _ = try await c.watch(.configMap, namespace: "argo", labelSelector: nil, resourceVersion: old)
        }
        do {
            _ = try await c.watch(.configMap, namespace: "argo", labelSelector: nil, resourceVersion: old)
        } catch {
            guard case .gone = error else { Issue.record("expected .gone, got \(error)"); return }
        }
        // A recent version still works.
        let recent = try await c.list(.configMap, namespace: "argo", labelSelector: nil).resourceVersion
        _ = try await c.watch(.configMap, namespace: "argo", labelSelector: nil, resourceVersion: String(Int(recent)! - 2))
    }

    @Test func aWatcherOnOneInstanceSeesWritesThroughAnotherPromptly() async throws {
        let dir = makeStateDirectory()
        // With the fallback re-check an hour away, only the cross-instance wake-up can deliver the event.
        let watcher = try makeCluster(dir) { $0.safetyRecheckSeconds = 3600 }
        let writer = try makeCluster(dir)
        let stream = try await watcher.watch(.workflow, namespace: "argo", labelSelector: nil, resourceVersion: nil)
        let write = Task {
            try await Task.sleep(for: .milliseconds(200))
            _ = try await writer.create(.workflow, workflow("remote"))
        }
        let events = try await collect(stream, count: 1, seconds: 10)
        try await write.value
        #expect(events.first?.object["metadata"]?["name"] == "remote")
    }

    @Test func mergePatchesOnLargeObjectsCarryADeltaAndLoadLazily() async throws {
        let c = try makeCluster { $0.lazyEventThreshold = 1_000 }
        var nodes = JSONObject()
        for i in 0..<100 { nodes["n-\(i)"] = ["id": .string("n-\(i)"), "phase": "Pending"] }
        var wf = workflow("big")
        wf["status"] = ["nodes": .object(nodes)]
        let created = try await c.create(.workflow, wf)
        let from = try #require(created["metadata"]?["resourceVersion"]?.stringValue)
        let stream = try await c.watch(.workflow, namespace: "argo", labelSelector: nil, resourceVersion: from)
        let patch: JSONValue = ["status": ["nodes": ["n-7": ["phase": "Running"]]]]
        _ = try await c.applyPatch(.workflow, namespace: "argo", name: "big", patch: patch, type: .merge)
        let event = try #require(try await collect(stream, count: 1).first)
        let delta = try #require(event.delta)
        #expect(delta.previousResourceVersion == from)
        #expect(delta.mergePatch["status"] == patch["status"])
        let updated = event.object(updating: created)
        #expect(updated == (try await c.get(.workflow, namespace: "argo", name: "big")))
        #expect(event.object == updated)
        let stored = try await c.read { tx in try Int.fetchOne(tx.db, sql: "SELECT max(length(object)) FROM events WHERE partial = 1") }
        #expect((stored ?? 0) < 1_000)
    }
}
