import Foundation
import KubeFake
import Testing
import Templates
@testable import Controller

/// One table of `Cluster` behaviours, run against both implementations: `LocalCluster` (SQLite) and
/// `KubeCluster` on the fake API server (with pages of two items, so that every list goes through `continue`).
/// What the controller may rely on is what both do.
@Suite struct ClusterContractTests {
    enum Backend: String, CaseIterable, Sendable { case local, kube }

    enum Behaviour: String, CaseIterable, Sendable {
        case createFillsServerMetadataAndGetReturnsIt
        case generateNameGivesFreshNames
        case listFiltersByLabelsAndNamespaceAcrossPages
        case staleUpdateConflictsFreshUpdateWins
        case mergeAndJSONPatchesApply
        case missingObjectsAreNotFound
        case takenNamesAlreadyExist
        case watchFromAVersionSeesOnlyLaterChanges
        case watchFromNowSeesOnlyNewChanges
        case watchWithASelectorSeesOnlyMatchingObjects
        case clusterScopedKindsHaveNoNamespace
        case watchFromACompactedVersionIsGone
        case deletingAnOwnerDeletesItsDependents
        case watchFromZeroStartsWithWhatExists
    }

    struct Harness: Sendable {
        var cluster: any Cluster
        var server: FakeKubeServer?
    }

    /// `shortHistory`: both keep only the last 5 changes for watches.
    static func harness(_ backend: Backend, shortHistory: Bool = false) throws -> Harness {
        switch backend {
        case .local:
            return Harness(cluster: try makeCluster { o in
                if shortHistory {
                    o.eventRetentionCount = 5
                    o.eventRetentionSeconds = 0
                    o.compactionInterval = 1
                }
            })
        case .kube:
            let server = try FakeKubeServer.start { if shortHistory { $0.watchWindow = 5 } }
            return Harness(cluster: KubeCluster(client: kubeClient(server), pageSize: 2), server: server)
        }
    }

    @Test(arguments: Backend.allCases, Behaviour.allCases)
    func contract(_ backend: Backend, _ behaviour: Behaviour) async throws {
        let h = try Self.harness(backend, shortHistory: behaviour == .watchFromACompactedVersionIsGone)
        // A watch that never delivers fails the row instead of hanging the suite. (The closure holds `h`, and so
        // the fake server, until it returns.)
        try await withDeadline(30) {
            let c = h.cluster
            switch behaviour {
            case .createFillsServerMetadataAndGetReturnsIt:
                let created = try await c.create(.workflow, kubeWorkflow("hello", namespace: "argo", labels: ["app": "x"]))
                let meta = try #require(created["metadata"])
                #expect(created["apiVersion"] == "argoproj.io/v1alpha1" && created["kind"] == "Workflow")
                #expect(meta["namespace"] == "argo" && meta["uid"]?.stringValue?.count == 36 && meta["generation"] == 1)
                let stamp = try #require(meta["creationTimestamp"]?.stringValue)
                #expect(stamp.range(of: #"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$"#, options: .regularExpression) != nil)
                #expect(try await c.get(.workflow, namespace: "argo", name: "hello") == created)

            case .generateNameGivesFreshNames:
                var names = Set<String>()
                for _ in 0..<3 {
                    let o = try await c.create(.configMap, ["metadata": ["generateName": "cm-", "namespace": "argo"]])
                    #expect(o.name.range(of: "^cm-[bcdfghjklmnpqrstvwxz2456789]{5}$", options: .regularExpression) != nil)
                    names.insert(o.name)
                }
                #expect(names.count == 3)

            case .listFiltersByLabelsAndNamespaceAcrossPages:
                for (i, ns) in ["argo", "argo", "argo", "other", "argo"].enumerated() {
                    _ = try await c.create(.configMap, configMap("cm\(i)", namespace: ns, labels: ["team": i % 2 == 0 ? "a" : "b"]))
                }
                let all = try await c.list(.configMap, namespace: "argo", labelSelector: nil)
                #expect(all.items.map(\.name) == ["cm0", "cm1", "cm2", "cm4"])
                #expect(all.items.allSatisfy { $0["kind"] == "ConfigMap" && $0["apiVersion"] == "v1" })
                let teamA = try await c.list(.configMap, namespace: "argo", labelSelector: try LabelSelector("team=a"))
                #expect(teamA.items.map(\.name) == ["cm0", "cm2", "cm4"])
                let notB = try await c.list(.configMap, namespace: nil, labelSelector: try LabelSelector("team notin (b)"))
                #expect(Set(notB.items.map(\.name)) == ["cm0", "cm2", "cm4"])
                let everywhere = try await c.list(.configMap, namespace: nil, labelSelector: nil)
                #expect(everywhere.items.count == 5)
                #expect(Int(everywhere.resourceVersion)! >= Int(all.items.map(\.resourceVersion).max()!)!)

            case .staleUpdateConflictsFreshUpdateWins:
                let v1 = try await c.create(.workflow, kubeWorkflow("u", namespace: "argo"))
                let v2 = try await c.update(.workflow, v1.applyingMergePatch(["metadata": ["labels": ["step": "2"]]]))
                #expect(Int(v2.resourceVersion)! > Int(v1.resourceVersion)!)
                await #expect(throws: ClusterError.conflict(
                    "Operation cannot be fulfilled on workflows.argoproj.io \"u\": the object has been modified; please apply your changes to the latest version and try again"
                )) {
                    _ = try await c.update(.workflow, v1.applyingMergePatch(["metadata": ["labels": ["step": "stale"]]]))
                }
                #expect(try await c.get(.workflow, namespace: "argo", name: "u")["metadata"]?["labels"] == ["step": "2"])

            case .mergeAndJSONPatchesApply:
                _ = try await c.create(.configMap, configMap("p", namespace: "argo", data: ["a": "1", "b": "2"]))
                let merged = try await c.patch(.configMap, namespace: "argo", name: "p", patch: ["data": ["a": nil, "c": "3"]], type: .merge)
                #expect(merged["data"] == ["b": "2", "c": "3"])
                let rv = try await c.applyPatch(.configMap, namespace: "argo", name: "p",
                                                patch: [["op": "replace", "path": "/data/b", "value": "20"]], type: .json)
                let now = try await c.get(.configMap, namespace: "argo", name: "p")
                #expect(now["data"] == ["b": "20", "c": "3"] && now.resourceVersion == rv)

            case .missingObjectsAreNotFound:
                await #expect(throws: ClusterError.notFound("configmaps \"gone\" not found")) {
                    try await c.delete(.configMap, namespace: "argo", name: "gone")
                }
                await #expect(throws: ClusterError.notFound("workflows.argoproj.io \"gone\" not found")) {
                    _ = try await c.patch(.workflow, namespace: "argo", name: "gone", patch: ["metadata": ["labels": ["a": "b"]]], type: .merge)
                }
                _ = try await c.create(.configMap, configMap("d", namespace: "argo"))
                try await c.delete(.configMap, namespace: "argo", name: "d")
                await #expect(throws: ClusterError.notFound("configmaps \"d\" not found")) {
                    _ = try await c.get(.configMap, namespace: "argo", name: "d")
                }

            case .takenNamesAlreadyExist:
                _ = try await c.create(.configMap, configMap("t", namespace: "argo"))
                await #expect(throws: ClusterError.alreadyExists("configmaps \"t\" already exists")) {
                    _ = try await c.create(.configMap, configMap("t", namespace: "argo"))
                }
                _ = try await c.create(.configMap, configMap("t", namespace: "other"))  // another namespace: another object

            case .watchFromAVersionSeesOnlyLaterChanges:
                let first = try await c.create(.configMap, configMap("w0", namespace: "argo"))
                _ = try await c.create(.configMap, configMap("w1", namespace: "argo"))
                _ = try await c.patch(.configMap, namespace: "argo", name: "w0", patch: ["data": ["k": "2"]], type: .merge)
                try await c.delete(.configMap, namespace: "argo", name: "w1")
                let stream = try await c.watch(.configMap, namespace: "argo", labelSelector: nil, resourceVersion: first.resourceVersion)
                let events = try await firstEvents(stream, 3)
                #expect(events.map { "\($0.type.rawValue) \($0.object.name)" } == ["ADDED w1", "MODIFIED w0", "DELETED w1"])
                #expect(events[1].object["data"] == ["k": "2"])

            case .watchFromNowSeesOnlyNewChanges:
                _ = try await c.create(.workflow, kubeWorkflow("before", namespace: "argo"))
                let stream = try await c.watch(.workflow, namespace: "argo", labelSelector: nil, resourceVersion: nil)
                _ = try await c.create(.workflow, kubeWorkflow("after", namespace: "argo"))
                let events = try await firstEvents(stream, 1)
                #expect(events.map { "\($0.type.rawValue) \($0.object.name)" } == ["ADDED after"])
                #expect(events[0].object["kind"] == "Workflow")

            case .watchWithASelectorSeesOnlyMatchingObjects:
                let start = try await c.list(.configMap, namespace: "argo", labelSelector: nil).resourceVersion
                _ = try await c.create(.configMap, configMap("no", namespace: "argo", labels: ["pick": "no"]))
                _ = try await c.create(.configMap, configMap("yes", namespace: "argo", labels: ["pick": "yes"]))
                let stream = try await c.watch(.configMap, namespace: "argo", labelSelector: try LabelSelector("pick=yes"),
                                               resourceVersion: start)
                let events = try await firstEvents(stream, 1)
                #expect(events.map(\.object.name) == ["yes"])

            case .clusterScopedKindsHaveNoNamespace:
                let created = try await c.create(.clusterWorkflowTemplate, [
                    "metadata": ["name": "shared"], "spec": ["templates": [["name": "main", "container": ["image": "alpine"]]]],
                ])
                #expect(created["metadata"]?["namespace"] == nil)
                #expect(try await c.get(.clusterWorkflowTemplate, namespace: nil, name: "shared") == created)
                #expect(try await c.list(.clusterWorkflowTemplate, namespace: nil, labelSelector: nil).items.map(\.name) == ["shared"])

            case .deletingAnOwnerDeletesItsDependents:
                let owner = try await c.create(.workflow, kubeWorkflow("owner", namespace: "argo"))
                let ref: JSONValue = ["apiVersion": "argoproj.io/v1alpha1", "kind": "Workflow", "name": "owner",
                                      "uid": owner["metadata"]!["uid"]!, "controller": true, "blockOwnerDeletion": true]
                _ = try await c.create(.configMap, ["metadata": ["name": "owned", "namespace": "argo", "ownerReferences": [ref]]])
                _ = try await c.create(.configMap, configMap("free", namespace: "argo"))
                try await c.delete(.workflow, namespace: "argo", name: "owner")
                // Kubernetes' garbage collector works after the delete returns: wait for it, as a caller must.
                var left = try await c.list(.configMap, namespace: "argo", labelSelector: nil).items.map(\.name)
                for _ in 0..<100 where left != ["free"] {
                    try await Task.sleep(for: .milliseconds(50))
                    left = try await c.list(.configMap, namespace: "argo", labelSelector: nil).items.map(\.name)
                }
                #expect(left == ["free"])

            case .watchFromZeroStartsWithWhatExists:
                for name in ["a", "b"] { _ = try await c.create(.configMap, configMap(name, namespace: "argo")) }
                let stream = try await c.watch(.configMap, namespace: "argo", labelSelector: nil, resourceVersion: "0")
                var iterator = stream.makeAsyncIterator()
                var events: [String] = []
                for _ in 0..<2 { if let e = try await iterator.next() { events.append("\(e.type.rawValue) \(e.object.name)") } }
                _ = try await c.create(.configMap, configMap("c", namespace: "argo"))
                if let e = try await iterator.next() { events.append("\(e.type.rawValue) \(e.object.name)") }
                #expect(events == ["ADDED a", "ADDED b", "ADDED c"])

            case .watchFromACompactedVersionIsGone:
                let first = try await c.create(.configMap, configMap("cm", namespace: "argo"))
                for i in 0..<10 {
                    _ = try await c.patch(.configMap, namespace: "argo", name: "cm", patch: ["data": ["i": .string(String(i))]], type: .merge)
                }
                // The local store says so at once; over Kubernetes it is the watch's first (ERROR) event. Both are `.gone`.
                do {
                    let stream = try await c.watch(.configMap, namespace: "argo", labelSelector: nil, resourceVersion: first.resourceVersion)
                    _ = try await firstEvents(stream, 1)
                    Issue.record("a watch from a compacted version delivered an event")
                } catch let error as ClusterError {
                    guard case .gone(let m) = error else { Issue.record("expected .gone, got \(error)"); return }
                    #expect(m.hasPrefix("too old resource version: \(first.resourceVersion) ("))
                }
            }
            withExtendedLifetime(h) {}
        }
    }
}
