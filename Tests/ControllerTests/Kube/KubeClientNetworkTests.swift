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
    enum AuthCase: String, CaseIterable, Sendable {
        case caDataAndClientCertData, caFileAndClientCertFiles, caFileAndToken, caFileAndTokenFile, insecureSkipVerifyAndToken
        case wrongToken, noCredentials, wrongCA, clientCertFromAnotherCA
    }

    @Test(arguments: AuthCase.allCases)
    func tlsAndAuthentication(_ row: AuthCase) async throws {
        let server = try tlsServer()
        let certs = try #require(server.certificates)
        let client = kubeClient(server) { c in
            switch row {
            case .caDataAndClientCertData:
                c.caData = certs.bytes(certs.caFile)
                c.clientCertData = certs.bytes(certs.clientCertFile)
                c.clientKeyData = certs.bytes(certs.clientKeyFile)
            case .caFileAndClientCertFiles:
                c.caFile = certs.caFile
                c.clientCertFile = certs.clientCertFile
                c.clientKeyFile = certs.clientKeyFile
            case .caFileAndToken: c.caFile = certs.caFile; c.token = "good-token"
            case .caFileAndTokenFile:
                let file = certs.folder + "/token-\(UUID().uuidString)"
                try? "good-token\n".write(toFile: file, atomically: true, encoding: .utf8)
                c.caFile = certs.caFile
                c.tokenFile = file
            case .insecureSkipVerifyAndToken: c.insecureSkipTLSVerify = true; c.token = "good-token"
            case .wrongToken: c.caFile = certs.caFile; c.token = "bad-token"
            case .noCredentials: c.caFile = certs.caFile
            case .wrongCA: c.caFile = certs.otherCAFile; c.token = "good-token"
            case .clientCertFromAnotherCA:
                c.caFile = certs.caFile
                c.clientCertFile = certs.strangerCertFile
                c.clientKeyFile = certs.strangerKeyFile
            }
        }
        let result: Result<ObjectList, ClusterError> = await {
            do { return .success(try await KubeCluster(client: client).list(.configMap, namespace: "default", labelSelector: nil)) }
            catch let e as ClusterError { return .failure(e) } catch { return .failure(.other("\(error)")) }
        }()
        switch row {
        case .caDataAndClientCertData, .caFileAndClientCertFiles, .caFileAndToken, .caFileAndTokenFile, .insecureSkipVerifyAndToken:
            #expect(throws: Never.self) { try result.get() }
        case .wrongToken, .noCredentials:
            #expect(result.failure == .forbidden("Unauthorized"))
        case .wrongCA:
            let message = "\(result.failure.map { "\($0)" } ?? "succeeded")"
            #expect(message.contains("certificate-authority"), "\(message)")
        case .clientCertFromAnotherCA:
            guard case .unavailable(let m)? = result.failure else { Issue.record("expected a refused handshake, got \(result)"); return }
            #expect(m.contains(server.url))
        }
    }

    @Test func aKubeconfigWithEmbeddedCertificatesConnectsToItsContextsNamespace() async throws {
        let server = try tlsServer()
        let certs = try #require(server.certificates)
        func b64(_ file: String) -> String { Data(certs.bytes(file)).base64EncodedString() }
        let file = certs.folder + "/kubeconfig-\(UUID().uuidString)"
        try """
            apiVersion: v1
            kind: Config
            clusters:
            - name: fake
              cluster:
                server: \(server.url)
                certificate-authority-data: \(b64(certs.caFile))
            users:
            - name: admin
              user:
                client-certificate-data: \(b64(certs.clientCertFile))
                client-key-data: \(b64(certs.clientKeyFile))
            contexts:
            - name: fake
              context: {cluster: fake, user: admin, namespace: argo}
            current-context: fake
            """.write(toFile: file, atomically: true, encoding: .utf8)
        let cluster = KubeCluster(client: KubeClient(config: try KubeConfig.load(file: file), rateLimiter: nil))
        let created = try await cluster.create(.configMap, ["metadata": ["name": "from-kubeconfig"], "data": ["a": "b"]])
        #expect(created["metadata"]?["namespace"] == "argo")
        #expect(try await cluster.get(.configMap, namespace: nil, name: "from-kubeconfig") == created)
    }

    @Test func anExecPluginsTokenIsKeptUntilThe401ThatMakesItRunAgain() async throws {
        let server = try tlsServer()
        let certs = try #require(server.certificates)
        let dir = certs.folder + "/exec-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        try "stale-token".write(toFile: dir + "/token", atomically: true, encoding: .utf8)
        try """
            #!/bin/sh
            echo run >> "\(dir)/runs"
            printf '{"apiVersion":"client.authentication.k8s.io/v1","kind":"ExecCredential","status":{"token":"%s"}}' "$(cat "\(dir)/token")"
            """.write(toFile: dir + "/plugin", atomically: true, encoding: .utf8)
        chmod(dir + "/plugin", 0o755)
        let cluster = KubeCluster(client: kubeClient(server) { c in
            c.caFile = certs.caFile
            c.exec = KubeConfig.ExecCredential(command: "./plugin", apiVersion: "client.authentication.k8s.io/v1", baseDirectory: dir)
        })
        func runs() -> Int { ((try? String(contentsOfFile: dir + "/runs", encoding: .utf8)) ?? "").split(separator: "\n").count }
        await #expect(throws: ClusterError.forbidden("Unauthorized")) {
            _ = try await cluster.list(.configMap, namespace: "default", labelSelector: nil)
        }
        try "good-token".write(toFile: dir + "/token", atomically: true, encoding: .utf8)
        _ = try await cluster.list(.configMap, namespace: "default", labelSelector: nil)
        _ = try await cluster.list(.configMap, namespace: "default", labelSelector: nil)
        #expect(runs() == 2)  // once for the token refused, once after the 401; then kept
    }

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

    @Test(arguments: [429, 500])
    func failuresWithRetryAfterAreRetried(_ status: Int) async throws {
        let server = try FakeKubeServer.start()
        let client = kubeClient(server)
        server.failNext(2, status: status, retryAfter: 0)
        server.clearRequests()
        _ = try await client.list(.configMap, namespace: "default")
        #expect(server.requests.count == 3)
    }

    @Test func retriesStopAtTheLimitWithTheServersMessage() async throws {
        let server = try FakeKubeServer.start()
        let cluster = KubeCluster(client: kubeClient(server, maxRetries: 2))
        server.failNext(5, status: 429, retryAfter: 0)
        server.clearRequests()
        await #expect(throws: ClusterError.unavailable("Too many requests, please try again later.")) {
            _ = try await cluster.list(.configMap, namespace: "default", labelSelector: nil)
        }
        #expect(server.requests.count == 3)
    }

    @Test func retryAfterIsWaitedFor() async throws {
        let server = try FakeKubeServer.start()
        let client = kubeClient(server)
        server.failNext(1, status: 429, retryAfter: 1)
        let started = ContinuousClock.now
        _ = try await client.list(.configMap, namespace: "default")
        #expect(ContinuousClock.now - started >= .milliseconds(950))
    }

    @Test func aServerErrorWithoutRetryAfterIsReturnedAtOnce() async throws {
        let server = try FakeKubeServer.start()
        let cluster = KubeCluster(client: kubeClient(server))
        server.failNext(1, status: 500)
        await #expect(throws: ClusterError.other("Internal error occurred: injected failure")) {
            _ = try await cluster.get(.configMap, namespace: "default", name: "x")
        }
    }

    @Test func anUnreachableServerIsAClearErrorNotAHang() async throws {
        let server = try FakeKubeServer.start()
        let url = server.url
        server.stop()
        let cluster = KubeCluster(client: kubeClient(server))
        let started = ContinuousClock.now
        do {
            _ = try await cluster.get(.configMap, namespace: "default", name: "x")
            Issue.record("a stopped server answered")
        } catch {
            guard case .unavailable(let m) = error else { Issue.record("\(error)"); return }
            #expect(m.contains(url))
            #expect(m.contains("is the API server running"))
        }
        // Refused at once; the bound only leaves room for a loaded machine (the whole suite runs in parallel).
        #expect(ContinuousClock.now - started < .seconds(20))
    }

    @Test func theRateLimiterSpacesRequests() async throws {
        let server = try FakeKubeServer.start()
        let client = kubeClient(server, rateLimiter: TokenBucket(qps: 10, burst: 2))
        server.clearRequests()
        for _ in 0..<6 { _ = try await client.list(.configMap, namespace: "default") }
        let times = server.requests.map(\.at)
        #expect(times.count == 6)
        // Two at once (the burst), then one per 100 ms: four more take at least ~400 ms.
        #expect(times[5] - times[0] >= .milliseconds(350))
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

    @Test func discoveryListsArgoAndCoreResources() async throws {
        let server = try FakeKubeServer.start()
        let client = kubeClient(server)
        let groups = try await client.json(KubeRequest(method: "GET", path: "/apis"))
        #expect(groups["groups"]?.arrayValue?.compactMap { $0["name"]?.stringValue } == ["coordination.k8s.io", "argoproj.io"])
        let argo = try await client.json(KubeRequest(method: "GET", path: "/apis/argoproj.io/v1alpha1"))
        let names = argo["resources"]?.arrayValue?.compactMap { $0["name"]?.stringValue } ?? []
        #expect(names.contains("workflows") && names.contains("clusterworkflowtemplates"))
        let core = try await client.json(KubeRequest(method: "GET", path: "/api/v1"))
        #expect(core["resources"]?.arrayValue?.contains { $0["name"] == "pods/log" } == true)
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

extension Result {
    var failure: Failure? { if case .failure(let f) = self { f } else { nil } }
}

@Suite struct KubeDiscoveryTests {
    @Test(arguments: [
        ("v1", "Pod", ResourceKind.pod), ("v1", "ConfigMap", .configMap), ("coordination.k8s.io/v1", "Lease", .lease),
        ("argoproj.io/v1alpha1", "Workflow", .workflow), ("argoproj.io/v1alpha1", "ClusterWorkflowTemplate", .clusterWorkflowTemplate),
    ])
    func kindsResolveToTheirRESTResource(_ apiVersion: String, _ kind: String, _ expected: ResourceKind) async throws {
        let server = try FakeKubeServer.start()
        let discovery = KubeDiscovery(client: kubeClient(server))
        #expect(try await discovery.resource(apiVersion: apiVersion, kind: kind) == expected)
        server.clearRequests()
        #expect(try await discovery.resource(apiVersion: apiVersion, kind: kind) == expected)
        #expect(server.requests.isEmpty)  // from the cache
    }

    @Test func unknownKindsAndGroupsSayWhatIsServed() async throws {
        let server = try FakeKubeServer.start { $0.argoCRDs = false }
        let discovery = KubeDiscovery(client: kubeClient(server))
        await #expect(throws: ClusterError.notFound("no matches for kind \"Widget\" in version \"coordination.k8s.io/v1\": it serves Lease")) {
            _ = try await discovery.resource(apiVersion: "coordination.k8s.io/v1", kind: "Widget")
        }
        await #expect(throws: ClusterError.notFound(
            "no matches for kind \"Workflow\" in version \"argoproj.io/v1alpha1\": the API server does not serve argoproj.io/v1alpha1; install its CRDs first")) {
            _ = try await discovery.resource(apiVersion: "argoproj.io/v1alpha1", kind: "Workflow")
        }
    }
}

@Suite struct KubeClientConnectionTests {
    @Test func requestsOneAfterAnotherShareOneConnection() async throws {
        let server = try FakeKubeServer.start()
        let client = kubeClient(server)
        for _ in 0..<10 { _ = try await client.list(.configMap, namespace: "default") }
        #expect(server.connectionsAccepted == 1)
    }

    @Test func aConflictingWriterIsReReadAndTheChangeAppliedAgain() async throws {
        let server = try FakeKubeServer.start()
        let client = kubeClient(server)
        _ = try await client.create(.configMap, namespace: "default", configMap("counter", data: ["n": "0"]))
        var calls = 0
        let result = try await client.update(.configMap, namespace: "default", name: "counter") { current throws(KubeError) in
            calls += 1
            if calls == 1 {
                // Another writer gets in between this read and its write.
                server.setStatus("configmaps", namespace: "default", name: "counter", ["touched": true])
            }
            let n = Int(current["data"]?["n"]?.stringValue ?? "") ?? 0
            return current.applyingMergePatch(["data": ["n": .string(String(n + 1))]])
        }
        #expect(calls == 2)
        #expect(result["data"]?["n"] == "1")
    }

    @Test func conflictsBeyondTheAttemptsAreReturned() async throws {
        let server = try FakeKubeServer.start()
        let client = kubeClient(server)
        _ = try await client.create(.configMap, namespace: "default", configMap("busy"))
        var calls = 0
        do {
            _ = try await client.update(.configMap, namespace: "default", name: "busy", attempts: 3) { current throws(KubeError) in
                calls += 1
                server.setStatus("configmaps", namespace: "default", name: "busy", ["touched": .int(Int64(calls))])
                return current.applyingMergePatch(["data": ["k": "mine"]])
            }
            Issue.record("a write that always conflicts succeeded")
        } catch {
            #expect(error.clusterError.kubernetesReason.reason == "Conflict")
        }
        #expect(calls == 3)
    }
}
