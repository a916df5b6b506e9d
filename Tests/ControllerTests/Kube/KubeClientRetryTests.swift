import Foundation
import KubeFake
import Testing
import Templates
@testable import Controller

/// Retries, rate limits, unreachable servers, conflicts and connection reuse.
@Suite struct KubeClientRetryTests {
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
}

@Suite struct KubeClientConnectionTests {
    @Test func requestsOneAfterAnotherShareOneConnection() async throws {
        let server = try FakeKubeServer.start()
        let client = kubeClient(server)
        for _ in 0..<10 { _ = try await client.list(.configMap, namespace: "default") }
        #expect(server.connectionsAccepted == 1)
        #expect(server.requests.allSatisfy { $0.userAgent == "argo-lite/kube-client" })
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
