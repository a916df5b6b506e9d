import Foundation
import Testing
import Templates
@testable import Controller
@testable import LocalStore

/// A watcher takes its own process's events from memory only when that is provably the whole story.
@Suite struct LocalRecentEventsTests {
    static func event(_ rv: Int64) -> LocalCluster.EventRow {
        LocalCluster.EventRow(
            rv: rv, type: "ADDED", resource: "pods", namespace: "argo", name: "p\(rv)", uid: "u\(rv)", labels: "{}",
            previousLabels: nil, previousRV: nil, object: "{}", partial: false, delta: nil, parsed: nil)
    }

    struct Case: Sendable, CustomTestStringConvertible {
        var recorded: [Int64]
        var after: Int64
        var served: [Int64]?  // nil: read the store
        var testDescription: String { "\(recorded) after \(after)" }
    }

    static let cases: [Case] = [
        Case(recorded: [], after: 0, served: []),
        Case(recorded: [5, 6, 7], after: 4, served: [5, 6, 7]),
        Case(recorded: [5, 6, 7], after: 5, served: [6, 7]),
        Case(recorded: [5, 6, 7], after: 7, served: []),  // nothing newer
        Case(recorded: [5, 6, 7], after: 9, served: []),  // the store was read past all of ours
        Case(recorded: [5, 6, 7], after: 3, served: nil),  // version 4 is not ours
        Case(recorded: [5, 7], after: 4, served: nil),  // version 6 is not ours, or not recorded yet
        Case(recorded: [7, 5, 6], after: 4, served: [5, 6, 7]),  // commits recorded out of order are served in order
    ]

    @Test(arguments: cases)
    func servesOnlyAGapFreeRun(_ c: Case) {
        let recent = LocalRecentEvents()
        for rv in c.recorded { recent.record([Self.event(rv)]) }
        #expect(recent.after(c.after)?.map(\.rv) == c.served)
    }

    @Test func keepsTheNewestUpToItsCapacity() {
        let recent = LocalRecentEvents(capacity: 3)
        recent.record((1...5).map(Self.event))
        #expect(recent.after(2)?.map(\.rv) == [3, 4, 5])
        #expect(recent.after(1) == nil)
    }

    /// Writes through this instance and through another one (another process's notifier) interleave: the watcher
    /// sees every event once, in version order, with the same objects a read of the store gives.
    @Test func aWatcherSeesOwnAndForeignWritesInOrder() async throws {
        let dir = makeStateDirectory()
        let here = try makeCluster(dir) { $0.safetyRecheckSeconds = 3600 }
        let there = try makeCluster(dir)
        let stream = try await here.watch(.configMap, namespace: "argo", labelSelector: nil, resourceVersion: nil)
        var expected: [String] = []
        for i in 0..<20 {
            let writer = i % 3 == 2 ? there : here
            let name = "cm\(i)"
            _ = try await writer.create(.configMap, ["metadata": ["name": .string(name), "namespace": "argo"], "data": ["i": .string(String(i))]])
            expected.append(name)
            if i % 4 == 0 { _ = try await here.create(.pod, ["metadata": ["name": .string("pod\(i)"), "namespace": "argo"]]) }
        }
        let events = try await collect(stream, count: expected.count, seconds: 10)
        #expect(events.map { $0.object["metadata"]?["name"]?.stringValue } == expected)
        let versions = events.compactMap { $0.resourceVersion.flatMap { Int64($0) } }
        #expect(versions == versions.sorted() && Set(versions).count == versions.count)
        let stored = try await here.list(.configMap, namespace: "argo", labelSelector: nil).items
        let byName = Dictionary(uniqueKeysWithValues: stored.map { ($0["metadata"]?["name"]?.stringValue ?? "", $0) })
        #expect(events.map(\.object) == expected.map { byName[$0] })
    }
}
