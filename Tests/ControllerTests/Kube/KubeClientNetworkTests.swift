import Foundation
import KubeFake
import Testing
import Templates
@testable import Controller

/// `KubeClient` over real sockets, against the fake API server on 127.0.0.1.
@Suite struct KubeClientNetworkTests {
    static let serviceAccount = ResourceKind(group: "", version: "v1", kind: "ServiceAccount", plural: "serviceaccounts")

    @Test(arguments: [ResourceKind.configMap, .secret, .event, serviceAccount, .pod, .lease, .workflow, .workflowTemplate,
                      .cronWorkflow, .workflowTaskResult])
    func everyVerbRoundTrips(_ kind: ResourceKind) async throws {
        let server = try FakeKubeServer.start()
        let client = kubeClient(server)
        let object: JSONValue = ["apiVersion": .string(kind.apiVersion), "kind": .string(kind.kind),
                                 "metadata": ["name": "one", "namespace": "default", "labels": ["app": "a"]]]
        let created = try await client.create(kind, namespace: "default", object)
        #expect(created.name == "one")
        #expect(created["metadata"]?["uid"]?.stringValue?.count == 36)
        #expect(Int(created.resourceVersion) != nil)
        #expect(try await client.get(kind, namespace: "default", name: "one") == created)

        let changed = created.applyingMergePatch(["metadata": ["labels": ["app": "b"]]])
        let updated = try await client.update(kind, changed)
        #expect(updated["metadata"]?["labels"] == ["app": "b"])
        #expect(Int(updated.resourceVersion)! > Int(created.resourceVersion)!)

        let merged = try await client.patch(kind, namespace: "default", name: "one", patch: ["metadata": ["annotations": ["x": "1"]]], type: .merge)
        #expect(merged["metadata"]?["annotations"] == ["x": "1"])
        let jsonPatched = try await client.patch(kind, namespace: "default", name: "one",
                                                 patch: [["op": "add", "path": "/metadata/labels/extra", "value": "yes"]], type: .json)
        #expect(jsonPatched["metadata"]?["labels"]?["extra"] == "yes")

        let page = try await client.list(kind, namespace: "default", options: .init(labelSelector: "app=b"))
        #expect(page.items.map(\.name) == ["one"])
        #expect(page.resourceVersion == server.resourceVersion)

        try await client.delete(kind, namespace: "default", name: "one", propagationPolicy: .background)
        await #expect(throws: KubeError.self) { _ = try await client.get(kind, namespace: "default", name: "one") }
    }

    @Test func aMegabyteObjectGoesBothWaysWhole() async throws {
        let server = try FakeKubeServer.start()
        let client = kubeClient(server)
        let big = String(repeating: "0123456789abcdef", count: 65_536)  // 1 MiB
        _ = try await client.create(.configMap, namespace: "default", configMap("big", data: ["blob": .string(big)]))
        #expect(try await client.get(.configMap, namespace: "default", name: "big")["data"]?["blob"]?.stringValue == big)
    }

    @Test func strategicMergeMergesContainersByNameButCustomResourcesRefuseIt() async throws {
        let server = try FakeKubeServer.start()
        let client = kubeClient(server)
        let pod: JSONValue = ["apiVersion": "v1", "kind": "Pod", "metadata": ["name": "p", "namespace": "default"],
                              "spec": ["containers": [["name": "main", "image": "a"], ["name": "wait", "image": "b"]]]]
        _ = try await client.create(.pod, namespace: "default", pod)
        let patched = try await client.patch(.pod, namespace: "default", name: "p",
                                             patch: ["spec": ["containers": [["name": "wait", "image": "c"]]]], type: .strategicMerge)
        #expect(patched["spec"]?["containers"] == [["name": "main", "image": "a"], ["name": "wait", "image": "c"]])
        _ = try await client.create(.workflow, namespace: "default", kubeWorkflow("w"))
        do {
            _ = try await client.patch(.workflow, namespace: "default", name: "w", patch: ["spec": [:]], type: .strategicMerge)
            Issue.record("a strategic merge patch of a custom resource was accepted")
        } catch {
            guard case .status(let s) = error else { Issue.record("\(error)"); return }
            #expect(s.code == 415)
            #expect(s.message.contains("application/merge-patch+json"))
        }
    }

    @Test func statusErrorsBecomeClusterErrorsWithTheServersMessage() async throws {
        let server = try FakeKubeServer.start()
        let cluster = KubeCluster(client: kubeClient(server))
        await #expect(throws: ClusterError.notFound("workflows.argoproj.io \"x\" not found")) {
            _ = try await cluster.get(.workflow, namespace: "default", name: "x")
        }
        let first = try await cluster.create(.workflow, kubeWorkflow("x"))
        await #expect(throws: ClusterError.alreadyExists("workflows.argoproj.io \"x\" already exists")) {
            _ = try await cluster.create(.workflow, kubeWorkflow("x"))
        }
        _ = try await cluster.update(.workflow, first.applyingMergePatch(["metadata": ["labels": ["changed": "yes"]]]))
        await #expect(throws: ClusterError.conflict(
            "Operation cannot be fulfilled on workflows.argoproj.io \"x\": the object has been modified; please apply your changes to the latest version and try again"
        )) {
            _ = try await cluster.update(.workflow, first)
        }
        await #expect(throws: ClusterError.invalid(
            "ConfigMap \"\" is invalid: metadata.name: Required value: name or generateName is required")) {
            _ = try await cluster.create(.configMap, ["metadata": ["namespace": "default"]])
        }
        await #expect(throws: ClusterError.notFound("pods \"nope\" not found")) {
            try await cluster.delete(.pod, namespace: "default", name: "nope")
        }
    }

    @Test func theRawStatusBodyIsKubeApiserversShape() async throws {
        let server = try FakeKubeServer.start()
        let client = kubeClient(server)
        let response = try await client.transport.send(KubeRequest(method: "GET", path: ResourceKind.workflow.kubePath(namespace: "argo", name: "x")))
        #expect(response.status == 404)
        #expect(String(decoding: response.body, as: UTF8.self) ==
            #"{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"workflows.argoproj.io \"x\" not found","reason":"NotFound","details":{"name":"x","group":"argoproj.io","kind":"workflows"},"code":404}"#)
    }

    /// Authentication and TLS, one row per kubeconfig shape: what the client sends and what it gets.
    @Test func aWatchSeesChangesInOrderAndResumesFromAVersion() async throws {
        let server = try FakeKubeServer.start()
        let client = kubeClient(server)
        let start = server.resourceVersion
        let a = try await client.create(.configMap, namespace: "default", configMap("a"))
        _ = try await client.patch(.configMap, namespace: "default", name: "a", patch: ["data": ["k": "w"]], type: .merge)
        try await client.delete(.configMap, namespace: "default", name: "a")
        let events = try await firstEvents(client.watch(.configMap, namespace: "default", options: .init(resourceVersion: start)), 3)
        #expect(events.map(\.type) == [.added, .modified, .deleted])
        #expect(events[0].object["kind"] == "ConfigMap")
        // From the version of the ADDED event: only what came after it.
        let resumed = try await firstEvents(client.watch(.configMap, namespace: "default", options: .init(resourceVersion: a.resourceVersion)), 2)
        #expect(resumed.map(\.type) == [.modified, .deleted])
    }

    @Test func timeoutSecondsEndsTheWatchCleanly() async throws {
        let server = try FakeKubeServer.start()
        let client = kubeClient(server)
        let started = ContinuousClock.now
        for try await _ in client.watch(.configMap, namespace: "default", options: .init(resourceVersion: server.resourceVersion),
                                        timeoutSeconds: 1) {}
        #expect(ContinuousClock.now - started >= .milliseconds(900))
    }

    @Test func aCompactedVersionEndsTheWatchWithExpiredSoTheCallerRelists() async throws {
        let server = try FakeKubeServer.start()
        let client = kubeClient(server)
        let old = server.resourceVersion
        _ = try await client.create(.configMap, namespace: "default", configMap("a"))
        server.compact()
        do {
            _ = try await firstEvents(client.watch(.configMap, namespace: "default", options: .init(resourceVersion: old)), 1)
            Issue.record("the watch from a compacted version did not fail")
        } catch let error as KubeError {
            guard case .expired(let s) = error else { Issue.record("\(error)"); return }
            #expect(s.code == 410 && s.reason == "Expired")
            #expect(s.message.hasPrefix("too old resource version: \(old)"))
            #expect(error.clusterError == .gone(s.message))
        }
        let relisted = try await client.list(.configMap, namespace: "default")
        #expect(relisted.items.map(\.name) == ["a"])
    }

    @Test func bookmarksCarryTheCurrentVersion() async throws {
        let server = try FakeKubeServer.start()
        let client = kubeClient(server)
        _ = try await client.create(.workflow, namespace: "default", kubeWorkflow("w"))
        let stream = client.watch(.workflow, namespace: "default", options: .init(resourceVersion: server.resourceVersion))
        Task {
            try await Task.sleep(for: .milliseconds(300))
            server.sendBookmarks()
        }
        let events = try await firstEvents(stream, 1)
        #expect(events[0].type == .bookmark)
        #expect(events[0].resourceVersion == server.resourceVersion)
    }

    @Test func aStaleUpdateIs409AndAFreshOneWins() async throws {
        let server = try FakeKubeServer.start()
        let client = kubeClient(server)
        let v1 = try await client.create(.configMap, namespace: "default", configMap("c"))
        _ = try await client.update(.configMap, v1)  // nothing changed: no new version, as the real server
        #expect(try await client.get(.configMap, namespace: "default", name: "c").resourceVersion == v1.resourceVersion)
        _ = try await client.patch(.configMap, namespace: "default", name: "c", patch: ["data": ["k": "2"]], type: .merge)
        do {
            _ = try await client.update(.configMap, v1)
            Issue.record("a stale update was accepted")
        } catch {
            guard case .status(let s) = error else { Issue.record("\(error)"); return }
            #expect(s.code == 409 && s.reason == "Conflict")
            #expect(error.clusterError == .conflict(s.message))
        }
    }

    @Test func logsFollowUntilTheContainerEnds() async throws {
        let server = try FakeKubeServer.start()
        let client = kubeClient(server)
        let pod: JSONValue = ["metadata": ["name": "p", "namespace": "default"], "spec": ["containers": [["name": "main"], ["name": "wait"]]]]
        _ = try await client.create(.pod, namespace: "default", pod)
        server.appendLog(namespace: "default", pod: "p", container: "main", "one\ntw")
        let stream = client.logs(namespace: "default", pod: "p", container: "main", follow: true)
        Task {
            try await Task.sleep(for: .milliseconds(200))
            server.appendLog(namespace: "default", pod: "p", container: "main", "o\nthree")
            server.endLog(namespace: "default", pod: "p", container: "main")
        }
        var lines: [String] = []
        for try await line in stream { lines.append(line) }
        #expect(lines == ["one", "two", "three"])
        do {
            for try await _ in client.logs(namespace: "default", pod: "p", container: nil, follow: false) {}
            Issue.record("a log without a container name was served for a two-container pod")
        } catch let error as KubeError {
            #expect(error.clusterError == .invalid("a container name must be specified for pod p, choose one of: [main wait]"))
        }
    }

    @Test func withoutTheCRDsTheErrorSaysToInstallThem() async throws {
        let server = try FakeKubeServer.start { $0.argoCRDs = false }
        let cluster = KubeCluster(client: kubeClient(server))
        await #expect(throws: ClusterError.notFound(
            "the API server does not serve workflows.argoproj.io (404 page not found): install Argo's CRDs (kubectl apply -f crds/)")) {
            _ = try await cluster.list(.workflow, namespace: "default", labelSelector: nil)
        }
    }

    @Test func aForbiddenVerbNamesTheVerbAndResource() async throws {
        let server = try FakeKubeServer.start()
        server.deny("create", "pods")
        let cluster = KubeCluster(client: kubeClient(server))
        await #expect(throws: ClusterError.forbidden(
            "pods is forbidden: User \"system:anonymous\" cannot create resource \"pods\" in API group \"\" in the namespace \"default\"")) {
            _ = try await cluster.create(.pod, ["metadata": ["name": "p"], "spec": ["containers": [["name": "main"]]]])
        }
    }
}
