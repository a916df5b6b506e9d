import Foundation
import KubeFake
import Testing
import Templates
@testable import Controller

/// The fake API server behaves as kube-apiserver does where clients can tell: these pin the behaviours the
/// client tests rely on, so a fake that drifts from the real server fails here first.
@Suite struct KubeFakeServerTests {
    func raw(_ client: KubeClient, _ method: String, _ path: String, query: [KubeRequest.QueryItem] = [], body: JSONValue? = nil,
             contentType: String = "application/json") async throws -> (status: Int, body: JSONValue, text: String) {
        let request = KubeRequest(method: method, path: path, query: query, body: body.map { Array($0.compactJSON.utf8) },
                                  contentType: body == nil ? nil : contentType)
        let response = try await client.transport.send(request)
        let text = String(decoding: response.body, as: UTF8.self)
        return (response.status, (try? JSONParser.parse(text)) ?? .null, text)
    }

    @Test func listsPageWithContinueTokensThatExpireWithCompaction() async throws {
        let server = try FakeKubeServer.start()
        let client = kubeClient(server)
        for i in 0..<5 { _ = try await client.create(.configMap, namespace: "default", configMap("cm\(i)")) }
        let first = try await raw(client, "GET", "/api/v1/namespaces/default/configmaps", query: [.init("limit", "2")])
        #expect(first.body["kind"] == "ConfigMapList")
        #expect(first.body["items"]?.arrayValue?.map(\.name) == ["cm0", "cm1"])
        #expect(first.body["items"]?[0]?["kind"] == nil)  // built-in types' list items carry no kind
        #expect(first.body["metadata"]?["remainingItemCount"] == 3)
        let token = try #require(first.body["metadata"]?["continue"]?.stringValue)
        // Changes after the first page do not show in the next ones: they read the first page's version.
        try await client.delete(.configMap, namespace: "default", name: "cm2")
        _ = try await client.create(.configMap, namespace: "default", configMap("cm25"))
        let second = try await client.list(.configMap, namespace: "default", options: .init(limit: 2, continueToken: token))
        #expect(second.items.map(\.name) == ["cm2", "cm3"])
        #expect(second.items.first?["metadata"]?["resourceVersion"] != nil)
        #expect(second.resourceVersion == first.body["metadata"]?["resourceVersion"]?.stringValue)
        _ = try await client.create(.configMap, namespace: "default", configMap("later"))
        server.compact()  // the list's version is now older than anything kept
        let expired = try await raw(client, "GET", "/api/v1/namespaces/default/configmaps",
                                    query: [.init("limit", "2"), .init("continue", second.continueToken)])
        #expect(expired.status == 410 && expired.body["reason"] == "Expired")
        #expect(expired.body["message"]?.stringValue?.hasPrefix("The provided continue parameter is too old") == true)
    }

    @Test func customResourceListItemsKeepTheirKindAndSortTheirKeys() async throws {
        let server = try FakeKubeServer.start()
        let client = kubeClient(server)
        _ = try await client.create(.workflow, namespace: "default", kubeWorkflow("w"))
        let list = try await raw(client, "GET", "/apis/argoproj.io/v1alpha1/namespaces/default/workflows")
        #expect(list.body["items"]?[0]?["kind"] == "Workflow")
        // Unstructured objects come back with their keys sorted, as Go writes maps; built-in types in field order.
        #expect(list.body["items"]?[0]?.objectValue?.keys.elements == ["apiVersion", "kind", "metadata", "spec"])
        let cm = try await client.create(.configMap, namespace: "default", ["metadata": ["name": "c"], "data": ["z": "1", "a": "2"]])
        #expect(cm.objectValue?.keys.elements == ["kind", "apiVersion", "metadata", "data"])
    }

    @Test(arguments: [
        ("status.phase=Running", ["running"]), ("status.phase!=Running", ["pending"]), ("metadata.name=pending", ["pending"]),
        ("metadata.namespace=default,status.phase=Pending", ["pending"]),
    ])
    func podFieldSelectors(_ selector: String, _ expected: [String]) async throws {
        let server = try FakeKubeServer.start()
        let client = kubeClient(server)
        for name in ["running", "pending"] {
            _ = try await client.create(.pod, namespace: "default", ["metadata": ["name": .string(name)], "spec": ["containers": [["name": "main"]]]])
        }
        server.setStatus("pods", namespace: "default", name: "running", ["phase": "Running"])
        let page = try await client.list(.pod, namespace: "default", options: .init(fieldSelector: selector))
        #expect(page.items.map(\.name) == expected)
    }

    @Test func unknownFieldSelectorsAreRefusedAsTheRealServerDoes() async throws {
        let server = try FakeKubeServer.start()
        let client = kubeClient(server)
        let cr = try await raw(client, "GET", "/apis/argoproj.io/v1alpha1/workflows", query: [.init("fieldSelector", "status.phase=Running")])
        #expect(cr.status == 400)
        #expect(cr.body["message"] == #""status.phase" is not a known field selector: only "metadata.name", "metadata.namespace""#)
        let core = try await raw(client, "GET", "/api/v1/configmaps", query: [.init("fieldSelector", "data.x=1")])
        #expect(core.body["message"] == "field label not supported: data.x")
    }

    @Test func createRefusesAResourceVersionAndCustomResourcesNeedOneToUpdate() async throws {
        let server = try FakeKubeServer.start()
        let client = kubeClient(server)
        let withVersion = try await raw(client, "POST", "/api/v1/namespaces/default/configmaps",
                                        body: ["metadata": ["name": "x", "resourceVersion": "12"]])
        #expect(withVersion.status == 500)
        #expect(withVersion.body["message"] == "resourceVersion should not be set on objects to be created")
        _ = try await client.create(.workflow, namespace: "default", kubeWorkflow("w"))
        let unconditional = try await raw(client, "PUT", "/apis/argoproj.io/v1alpha1/namespaces/default/workflows/w", body: kubeWorkflow("w"))
        #expect(unconditional.status == 422)
        #expect(unconditional.body["message"] == #"Workflow.argoproj.io "w" is invalid: metadata.resourceVersion: Invalid value: 0x0: must be specified for an update"#)
        let kindless = try await raw(client, "POST", "/apis/argoproj.io/v1alpha1/namespaces/default/workflows", body: ["metadata": ["name": "k"]])
        #expect(kindless.status == 400)
        #expect(kindless.body["message"]?.stringValue?.hasPrefix("Object 'Kind' is missing in") == true)
    }

    @Test func aPodsStatusIsWrittenOnlyThroughItsSubresource() async throws {
        let server = try FakeKubeServer.start()
        let client = kubeClient(server)
        let created = try await client.create(.pod, namespace: "default", [
            "metadata": ["name": "p"], "spec": ["containers": [["name": "main"]]], "status": ["phase": "Succeeded"],
        ])
        #expect(created["status"]?["phase"] == "Pending")  // the server's, not the client's
        let main = try await client.update(.pod, created.applyingMergePatch(["status": ["phase": "Running"], "metadata": ["labels": ["a": "b"]]]))
        #expect(main["status"]?["phase"] == "Pending" && main["metadata"]?["labels"] == ["a": "b"])
        let status = try await client.update(.pod, main.applyingMergePatch(["status": ["phase": "Running"], "metadata": ["labels": ["a": "c"]]]),
                                             subresource: "status")
        #expect(status["status"]?["phase"] == "Running" && status["metadata"]?["labels"] == ["a": "b"])
    }

    @Test func deleteAnswersTheObjectForPodsAndCustomResourcesAndAStatusOtherwise() async throws {
        let server = try FakeKubeServer.start()
        let client = kubeClient(server)
        _ = try await client.create(.configMap, namespace: "default", configMap("c"))
        let cm = try await raw(client, "DELETE", "/api/v1/namespaces/default/configmaps/c")
        #expect(cm.body["kind"] == "Status" && cm.body["status"] == "Success")
        #expect(cm.body["details"]?["name"] == "c" && cm.body["details"]?["kind"] == "configmaps")
        _ = try await client.create(.workflow, namespace: "default", kubeWorkflow("w"))
        let wf = try await raw(client, "DELETE", "/apis/argoproj.io/v1alpha1/namespaces/default/workflows/w")
        #expect(wf.status == 200 && wf.body["kind"] == "Workflow")
    }

    @Test func aRunningPodIsDeletedGracefullyAndAFinishedOneAtOnce() async throws {
        let server = try FakeKubeServer.start()
        let client = kubeClient(server)
        for name in ["running", "done"] {
            _ = try await client.create(.pod, namespace: "default", [
                "metadata": ["name": .string(name)], "spec": ["nodeName": "node-1", "containers": [["name": "main"]]],
            ])
        }
        server.setStatus("pods", namespace: "default", name: "running", ["phase": "Running"])
        server.setStatus("pods", namespace: "default", name: "done", ["phase": "Succeeded"])
        try await client.delete(.pod, namespace: "default", name: "running")
        let terminating = try await client.get(.pod, namespace: "default", name: "running")
        #expect(terminating["metadata"]?["deletionTimestamp"] != nil && terminating["metadata"]?["deletionGracePeriodSeconds"] == 30)
        try await client.delete(.pod, namespace: "default", name: "done")
        await #expect(throws: KubeError.self) { _ = try await client.get(.pod, namespace: "default", name: "done") }
        server.finishGracefulDeletion(namespace: "default", name: "running")
        await #expect(throws: KubeError.self) { _ = try await client.get(.pod, namespace: "default", name: "running") }
    }

    @Test(arguments: [KubeClient.PropagationPolicy.background, .orphan])
    func deletingAnOwnerDeletesOrOrphansItsDependents(_ policy: KubeClient.PropagationPolicy) async throws {
        let server = try FakeKubeServer.start()
        let client = kubeClient(server)
        let owner = try await client.create(.workflow, namespace: "default", kubeWorkflow("owner"))
        let ref: JSONValue = ["apiVersion": "argoproj.io/v1alpha1", "kind": "Workflow", "name": "owner",
                              "uid": owner["metadata"]!["uid"]!, "controller": true, "blockOwnerDeletion": true]
        _ = try await client.create(.pod, namespace: "default", ["metadata": ["name": "owned", "ownerReferences": [ref]],
                                                                   "spec": ["containers": [["name": "main"]]]])
        try await client.delete(.workflow, namespace: "default", name: "owner", propagationPolicy: policy)
        let left = try await client.list(.pod, namespace: "default")
        if policy == .orphan {
            #expect(left.items.map(\.name) == ["owned"])
            #expect(left.items.first?["metadata"]?["ownerReferences"] == nil)
        } else {
            #expect(left.items.isEmpty)
        }
    }

    @Test func unauthenticatedRequestsGetTheUnauthorizedStatus() async throws {
        let server = try tlsServer()
        let client = kubeClient(server) { $0.caFile = server.certificates?.caFile }
        let answer = try await raw(client, "GET", "/api/v1/namespaces/default/pods")
        #expect(answer.status == 401)
        #expect(answer.text == #"{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"Unauthorized","reason":"Unauthorized","code":401}"#)
    }

    @Test func aCompactedWatchIsA200StreamWithOneErrorEvent() async throws {
        let server = try FakeKubeServer.start()
        let client = kubeClient(server)
        let old = server.resourceVersion
        _ = try await client.create(.configMap, namespace: "default", configMap("a"))
        server.compact()
        let answer = try await raw(client, "GET", "/api/v1/namespaces/default/configmaps",
                                   query: [.init("watch", "true"), .init("resourceVersion", old)])
        #expect(answer.status == 200)
        #expect(answer.text == #"{"type":"ERROR","object":{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"too old resource version: \#(old) (\#(server.resourceVersion))","reason":"Expired","code":410}}"# + "\n")
    }
}

@Suite struct FakeKubeletTests {
    @Test func podsRunToTheExitCodesTheTestGives() async throws {
        let server = try FakeKubeServer.start()
        server.startKubelet { _, container in container == "bad" ? .init(exitCode: 3, log: "oops\n") : .init(log: "fine\n") }
        defer { server.stop() }
        let cluster = KubeCluster(client: kubeClient(server))
        let start = server.resourceVersion
        for (name, containers) in [("ok", ["main"]), ("ko", ["main", "bad"])] {
            _ = try await cluster.create(.pod, ["metadata": ["name": .string(name), "namespace": "argo"],
                                                "spec": ["containers": .array(containers.map { ["name": .string($0)] })]])
        }
        let events = try await firstEvents(try await cluster.watch(.pod, namespace: "argo", labelSelector: nil, resourceVersion: start), 8)  // per pod: ADDED, bound, Running, done
        let phases = events.filter { $0.object.name == "ko" }.compactMap { $0.object["status"]?["phase"]?.stringValue }
        #expect(phases.first == "Pending" && phases.last == "Failed" && phases.contains("Running"))
        let ko = try await cluster.get(.pod, namespace: "argo", name: "ko")
        #expect(ko["spec"]?["nodeName"] == "fake-node")
        #expect(ko["status"]?["containerStatuses"]?[1]?["state"]?["terminated"]?["exitCode"] == 3)
        #expect(try await cluster.get(.pod, namespace: "argo", name: "ok")["status"]?["phase"] == "Succeeded")
        var lines: [String] = []
        for try await line in try await cluster.logs(namespace: "argo", pod: "ko", container: "bad", follow: false) { lines.append(line) }
        #expect(lines == ["oops"])
    }
}
