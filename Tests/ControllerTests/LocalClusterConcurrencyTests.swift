import Foundation
import Testing
import Templates
@testable import Controller
@testable import LocalStore
@testable import ClusterAPI

@Suite struct LocalClusterConcurrencyTests {
    /// Two stores on one directory (as two processes would be) increment one counter with read-modify-write
    /// updates, retrying on conflict: no increment may be lost, and nothing may be corrupted.
    @Test func twoInstancesNeverLoseWrites() async throws {
        let dir = makeStateDirectory()
        let a = try makeCluster(dir)
        let b = try makeCluster(dir)
        _ = try await a.create(.configMap, ["metadata": ["name": "counter", "namespace": "argo"], "data": ["n": "0"]])
        let perWorker = 25
        let conflicts = try await withThrowingTaskGroup(of: Int.self) { group in
            for store in [a, b, a, b] {
                group.addTask {
                    var conflicts = 0
                    for _ in 0..<perWorker {
                        while true {
                            var cm = try await store.get(.configMap, namespace: "argo", name: "counter")
                            let n = Int(cm["data"]?["n"]?.stringValue ?? "") ?? -1
                            cm["data"] = ["n": .string(String(n + 1))]
                            do {
                                _ = try await store.update(.configMap, cm)
                                break
                            } catch ClusterError.conflict {
                                conflicts += 1
                            }
                        }
                    }
                    return conflicts
                }
                group.addTask {
                    for i in 0..<perWorker {
                        _ = try await store.create(.pod, ["metadata": ["generateName": "p-", "namespace": "argo", "labels": ["i": .string(String(i))]]])
                    }
                    return 0
                }
            }
            return try await group.reduce(0, +)
        }
        let final = try await b.get(.configMap, namespace: "argo", name: "counter")
        #expect(final["data"]?["n"] == .string(String(4 * perWorker)))
        #expect(try await a.list(.pod, namespace: "argo", labelSelector: nil).items.count == 4 * perWorker)
        _ = conflicts  // conflicts are expected and fine; lost updates are not
        let integrity = try await a.read { tx in try String.fetchOne(tx.db, sql: "PRAGMA integrity_check") }
        #expect(integrity == "ok")
    }
}
