import Foundation
import Testing
import Templates
@testable import Controller
@testable import ClusterAPI
@testable import LocalStore

/// What a Kubernetes cluster refuses as too large (etcd's 1.5 MiB request limit) the local store refuses too, so
/// that a workflow that runs locally also runs on a cluster. `status` does not count (the controller writes it).
@Suite struct LocalClusterSizeLimitTests {
    static func configMap(_ name: String, bytes: Int) -> JSONValue {
        ["metadata": ["name": .string(name), "namespace": "argo"], "data": ["big": .string(String(repeating: "x", count: bytes))]]
    }

    @Test func theDefaultLimitIsEtcds() {
        #expect(LocalCluster.Options().maxObjectBytes == 1_572_864)
    }

    @Test(arguments: [(1_000, true), (1_800, true), (2_100, false), (20_000, false)])
    func createAndUpdateRefuseObjectsOverTheLimit(bytes: Int, fits: Bool) async throws {
        let c = try makeCluster { $0.maxObjectBytes = 2_048 }
        let small = try await c.create(.configMap, Self.configMap("cm", bytes: 10))
        var big = small
        big["data"] = Self.configMap("cm", bytes: bytes)["data"]
        if fits {
            _ = try await c.create(.configMap, Self.configMap("new", bytes: bytes))
            _ = try await c.update(.configMap, big)
            return
        }
        for attempt in [{ _ = try await c.create(.configMap, Self.configMap("new", bytes: bytes)) },
                        { _ = try await c.update(.configMap, big) }] {
            do {
                try await attempt()
                Issue.record("a \(bytes)-byte object was stored")
            } catch let error as ClusterError {
                guard case .invalid(let message) = error else { Issue.record("\(error)"); continue }
                #expect(message.hasPrefix("etcdserver: request is too large: configmaps \""))
                #expect(message.contains("more than the 2048 a Kubernetes cluster stores in one object"))
            }
        }
        // Nothing was stored or changed.
        await #expect(throws: ClusterError.self) { _ = try await c.get(.configMap, namespace: "argo", name: "new") }
        #expect(try await c.get(.configMap, namespace: "argo", name: "cm")["data"]?["big"]?.stringValue?.count == 10)
    }

    @Test func aLargeStatusIsNotCounted() async throws {
        let c = try makeCluster { $0.maxObjectBytes = 2_048 }
        var wf = workflow("w")
        wf["status"] = ["message": .string(String(repeating: "m", count: 10_000))]
        _ = try await c.create(.workflow, wf)
    }
}
