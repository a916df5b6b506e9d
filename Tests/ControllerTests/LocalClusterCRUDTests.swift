import Foundation
import GRDB
import Testing
import Templates
@testable import Controller
@testable import LocalStore
@testable import ClusterAPI

@Suite struct LocalClusterCRUDTests {
    @Test func createFillsMetadataAndGetReturnsIt() async throws {
        let c = try makeCluster()
        let created = try await c.create(.workflow, workflow("hello", labels: ["app": "x"]))
        let meta = try #require(created["metadata"])
        #expect(created["apiVersion"] == "argoproj.io/v1alpha1")
        #expect(created["kind"] == "Workflow")
        #expect(meta["name"] == "hello")
        #expect(meta["namespace"] == "argo")
        #expect(meta["uid"]?.stringValue?.count == 36)
        #expect(meta["generation"] == 1)
        #expect(meta["labels"] == ["app": "x"])
        let stamp = try #require(meta["creationTimestamp"]?.stringValue)
        #expect(stamp.range(of: #"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$"#, options: .regularExpression) != nil)
        #expect(Int(meta["resourceVersion"]?.stringValue ?? "") ?? 0 > 0)
        let got = try await c.get(.workflow, namespace: "argo", name: "hello")
        #expect(got == created)
        #expect(got["spec"] == ["entrypoint": "main"])
    }

    @Test func errorsCarryKubernetesMessages() async throws {
        let c = try makeCluster()
        await #expect(throws: ClusterError.notFound("workflows.argoproj.io \"x\" not found")) {
            _ = try await c.get(.workflow, namespace: "argo", name: "x")
        }
        await #expect(throws: ClusterError.notFound("pods \"p\" not found")) {
            try await c.delete(.pod, namespace: "argo", name: "p")
        }
        let first = try await c.create(.workflow, workflow("x"))
        await #expect(throws: ClusterError.alreadyExists("workflows.argoproj.io \"x\" already exists")) {
            _ = try await c.create(.workflow, workflow("x"))
        }
        _ = try await c.update(.workflow, first)  // current version: accepted
        await #expect(throws: ClusterError.conflict(
            "Operation cannot be fulfilled on workflows.argoproj.io \"x\": the object has been modified; please apply your changes to the latest version and try again"
        )) {
            _ = try await c.update(.workflow, first)  // now stale
        }
        await #expect(throws: ClusterError.notFound("workflows.argoproj.io \"y\" not found")) {
            _ = try await c.update(.workflow, workflow("y"))
        }
    }

    @Test func generateNameAddsFiveKubernetesCharacters() async throws {
        let c = try makeCluster()
        var names = Set<String>()
        for _ in 0..<5 {
            let o = try await c.create(.workflow, ["metadata": ["generateName": "hello-world-", "namespace": "argo"]])
            let name = try #require(o["metadata"]?["name"]?.stringValue)
            #expect(name.range(of: "^hello-world-[bcdfghjklmnpqrstvwxz2456789]{5}$", options: .regularExpression) != nil)
            #expect(o["metadata"]?["generateName"] == "hello-world-")
            names.insert(name)
        }
        #expect(names.count == 5)
    }

    @Test func generationMovesWithSpecOnly() async throws {
        let c = try makeCluster()
        var o = try await c.create(.workflow, workflow("g"))
        o["status"] = ["phase": "Running"]
        o = try await c.update(.workflow, o)
        #expect(o["metadata"]?["generation"] == 1)
        o["spec"] = ["entrypoint": "other"]
        o = try await c.update(.workflow, o)
        #expect(o["metadata"]?["generation"] == 2)
        o = try await c.patch(.workflow, namespace: "argo", name: "g", patch: ["status": ["phase": "Succeeded"]], type: .merge)
        #expect(o["metadata"]?["generation"] == 2)
        o = try await c.patch(.workflow, namespace: "argo", name: "g", patch: ["spec": ["suspend": true]], type: .merge)
        #expect(o["metadata"]?["generation"] == 3)
        o = try await c.patch(.workflow, namespace: "argo", name: "g", patch: json(#"[{"op":"replace","path":"/status/phase","value":"Failed"}]"#), type: .json)
        #expect(o["metadata"]?["generation"] == 3)
        #expect(o["status"] == ["phase": "Failed"])
    }

    @Test func resourceVersionsAreGlobalAndIncreasing() async throws {
        let c = try makeCluster()
        let a = try await c.create(.workflow, workflow("a"))
        let p = try await c.create(.pod, ["metadata": ["name": "p", "namespace": "argo"]])
        let b = try await c.patch(.workflow, namespace: "argo", name: "a", patch: ["status": ["phase": "Running"]], type: .merge)
        let versions = [a, p, b].compactMap { $0["metadata"]?["resourceVersion"]?.stringValue.flatMap { Int($0) } }
        #expect(versions.count == 3 && versions == versions.sorted() && Set(versions).count == 3)
    }

    @Test func listFiltersByNamespaceAndLabels() async throws {
        let c = try makeCluster()
        _ = try await c.create(.workflow, workflow("a", labels: ["team": "x", "tier": "1"]))
        _ = try await c.create(.workflow, workflow("b", labels: ["team": "y"]))
        _ = try await c.create(.workflow, ["metadata": ["name": "c", "namespace": "other", "labels": ["team": "x"]]])
        func names(_ ns: String?, _ sel: String?) async throws -> [String] {
            let list = try await c.list(.workflow, namespace: ns, labelSelector: try sel.map { try LabelSelector($0) })
            return list.items.compactMap { $0["metadata"]?["name"]?.stringValue }
        }
        #expect(try await names("argo", nil) == ["a", "b"])
        #expect(try await names(nil, "team=x") == ["a", "c"])
        #expect(try await names("argo", "team in (x,y),!tier") == ["b"])
        #expect(try await names("argo", "team!=x") == ["b"])
    }

    @Test func deletingAWorkflowDeletesWhatItOwns() async throws {
        let c = try makeCluster()
        let wf = try await c.create(.workflow, workflow("owner"))
        let uid = try #require(wf["metadata"]?["uid"])
        let owned: JSONValue = ["metadata": ["name": "owner-pod", "namespace": "argo",
                                              "ownerReferences": [["kind": "Workflow", "name": "owner", "uid": uid]]]]
        _ = try await c.create(.pod, owned)
        _ = try await c.create(.pod, ["metadata": ["name": "unrelated", "namespace": "argo"]])
        try await c.delete(.workflow, namespace: "argo", name: "owner")
        await #expect(throws: ClusterError.self) { _ = try await c.get(.pod, namespace: "argo", name: "owner-pod") }
        _ = try await c.get(.pod, namespace: "argo", name: "unrelated")
        await #expect(throws: ClusterError.notFound("workflows.argoproj.io \"owner\" not found")) {
            try await c.delete(.workflow, namespace: "argo", name: "owner")
        }
    }

    @Test func aFullDiskRefusesTheChangeNamingTheStateDirectoryAndKeepsWhatWasStored() async throws {
        let dir = makeStateDirectory()
        let c = try makeCluster(dir)
        let kept = try await c.create(.workflow, workflow("kept"))
        // SQLite's page limit stands in for a full disk: the same SQLITE_FULL, without a filesystem to fill.
        let pages = try await c.pool.write { db in try Int.fetchOne(db, sql: "PRAGMA page_count") ?? 0 }
        try await c.pool.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA max_page_count = \(pages)") }
        let big: JSONValue = ["metadata": ["name": "big", "namespace": "argo"],
                              "data": ["blob": .string(String(repeating: "x", count: 1 << 20))]]
        await #expect(throws: ClusterError.unavailable(
            "the disk of the state directory \(dir.path) is full: free space there "
                + "(the change was not stored; what was stored before is intact)"
        )) { _ = try await c.create(.configMap, big) }
        #expect(try await c.get(.workflow, namespace: "argo", name: "kept") == kept)
        await #expect(throws: ClusterError.self) { _ = try await c.get(.configMap, namespace: "argo", name: "big") }
    }

    @Test func clusterScopedObjectsHaveNoNamespace() async throws {
        let c = try makeCluster()
        let o = try await c.create(.clusterWorkflowTemplate, ["metadata": ["name": "t", "namespace": "ignored"]])
        #expect(o["metadata"]?["namespace"] == nil)
        _ = try await c.get(.clusterWorkflowTemplate, namespace: nil, name: "t")
    }

    struct Mini: Codable, Equatable {
        struct Meta: Codable, Equatable { var name: String; var namespace: String? }
        var metadata: Meta
        var data: [String: String]
    }

    @Test func typedHelpersRoundTripCodableValues() async throws {
        let c = try makeCluster()
        let made = try await c.create(.configMap, value: Mini(metadata: .init(name: "cm", namespace: "argo"), data: ["k": "v"]))
        #expect(made.data == ["k": "v"])
        let got = try await c.get(Mini.self, .configMap, namespace: "argo", name: "cm")
        #expect(got == made)
    }
}
