import Foundation
import Testing
@testable import Controller
@testable import ClusterAPI
@testable import Kube
import Templates

@Suite struct KubeClientPureTests {
    @Test func pathsForCoreArgoLeaseAndClusterScopedKinds() {
        #expect(ResourceKind.workflow.kubePath(namespace: "argo", name: "wf1") == "/apis/argoproj.io/v1alpha1/namespaces/argo/workflows/wf1")
        #expect(ResourceKind.pod.kubePath(namespace: "ns") == "/api/v1/namespaces/ns/pods")
        #expect(ResourceKind.lease.kubePath(namespace: "ns", name: "l") == "/apis/coordination.k8s.io/v1/namespaces/ns/leases/l")
        #expect(ResourceKind.clusterWorkflowTemplate.kubePath(namespace: "ignored", name: "t") == "/apis/argoproj.io/v1alpha1/clusterworkflowtemplates/t")
        #expect(ResourceKind.configMap.kubePath(namespace: nil) == "/api/v1/configmaps")
    }

    @Test func queryIsEncodedAsGoDoes() {
        let r = KubeRequest(method: "GET", path: "/api/v1/pods", query: [.init("labelSelector", "app=a,tier in (x y)"), .init("limit", "5")])
        #expect(r.target == "/api/v1/pods?labelSelector=app%3Da%2Ctier+in+%28x+y%29&limit=5")
    }

    @Test func statusBodiesMapOntoClusterErrors() {
        func status(_ code: Int, _ reason: String, retry: String? = nil) -> KubeError {
            KubeClient.failure(KubeResponse(status: code, headers: retry.map { ["retry-after": $0] } ?? [:], body: Array(
                #"{"kind":"Status","code":\#(code),"reason":"\#(reason)","message":"m"}"#.utf8)))
        }
        #expect(status(404, "NotFound").clusterError == .notFound("m"))
        #expect(status(409, "AlreadyExists").clusterError == .alreadyExists("m"))
        #expect(status(409, "Conflict").clusterError == .conflict("m"))
        #expect(status(422, "Invalid").clusterError == .invalid("m"))
        #expect(status(410, "Gone") == .expired(KubeStatus(code: 410, reason: "Gone", message: "m", details: nil)))
        guard case .status(let s) = status(429, "TooManyRequests", retry: "7") else { Issue.record("not a status"); return }
        #expect(s.retryAfterSeconds == 7)
        #expect(status(429, "TooManyRequests").clusterError == .unavailable("m"))
    }

    @Test func watchLinesSplitAcrossChunksAndErrorEvent410IsExpired() {
        var splitter = WatchLineSplitter()
        let text = #"{"type":"ADDED","object":{"metadata":{"name":"a","resourceVersion":"5"}}}"# + "\n" + #"{"type":"ERR"#
        let first = Array(text.utf8).withUnsafeBytes { splitter.feed($0) }
        #expect(first.count == 1)
        let event = try? WatchLineSplitter.event(first[0]).get()
        #expect(event?.type == .added && event?.resourceVersion == "5")
        let rest = Array(#"OR","object":{"kind":"Status","code":410,"reason":"Expired","message":"too old"}}"#.utf8 + [10])
        let second = rest.withUnsafeBytes { splitter.feed($0) }
        #expect(second.count == 1)
        guard case .failure(.expired(let s)) = WatchLineSplitter.event(second[0]) else { Issue.record("not expired"); return }
        #expect(s.message == "too old")
    }

    @Test func tokenBucketAllowsBurstThenSpacesByQPS() {
        let clock = ManualClock()
        let bucket = TokenBucket(qps: 20, burst: 30, clock: clock)
        for _ in 0..<30 { #expect(bucket.reserve() == .zero) }
        #expect(bucket.reserve() == .milliseconds(50))
        clock.advance(by: .milliseconds(100))
        #expect(bucket.reserve() == .zero)
        #expect(bucket.reserve() == .milliseconds(50))
    }

    @Test func kubeconfigContextsUsersAndErrors() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("kubecfg-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let file = dir + "/config"
        try """
        current-context: a
        contexts:
        - name: a
          context: {cluster: c1, user: u1, namespace: team}
        - name: b
          context: {cluster: c2, user: u2}
        clusters:
        - name: c1
          cluster: {server: "https://10.0.0.1:6443", certificate-authority: ca.pem}
        - name: c2
          cluster: {server: "https://b:443", certificate-authority-data: "aGk=", insecure-skip-tls-verify: true}
        users:
        - name: u1
          user: {token: abc}
        - name: u2
          user: {username: me, password: pw, client-certificate: c.pem}
        """.write(toFile: file, atomically: true, encoding: .utf8)
        let a = try KubeConfig.load(file: file)
        #expect(a.server == "https://10.0.0.1:6443" && a.namespace == "team" && a.caFile == dir + "/ca.pem")
        #expect(try a.authorizationHeader() == "Bearer abc")
        #expect(throws: KubeConfigError(file: file, field: "users[u2].client-key",
                                        problem: "missing; a client certificate needs both the certificate and its key")) {
            try KubeConfig.load(file: file, context: "b")
        }
        #expect(throws: KubeConfigError.self) { try KubeConfig.load(file: file, context: "nope") }
    }
}
