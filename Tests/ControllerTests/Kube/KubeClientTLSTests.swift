import Foundation
import KubeFake
import Testing
import Templates
@testable import Controller
@testable import ClusterAPI
@testable import Kube

/// TLS and authentication against the fake over HTTPS, one row per kubeconfig shape, and whole kubeconfig files.
@Suite struct KubeClientTLSTests {
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
            #expect(result.failure == .forbidden(
                "Unauthorized: the API server did not accept the credentials; check the kubeconfig user's token, token file, "
                    + "exec plugin or client certificate (and that it is signed by the cluster's CA)"))
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
        await #expect(throws: ClusterError.forbidden(KubeError.unauthorized("Unauthorized"))) {
            _ = try await cluster.list(.configMap, namespace: "default", labelSelector: nil)
        }
        try "good-token".write(toFile: dir + "/token", atomically: true, encoding: .utf8)
        _ = try await cluster.list(.configMap, namespace: "default", labelSelector: nil)
        _ = try await cluster.list(.configMap, namespace: "default", labelSelector: nil)
        #expect(runs() == 2)  // once for the token refused, once after the 401; then kept
    }

    @Test(arguments: [("2000-01-01T00:00:00Z", 3), ("2999-01-01T00:00:00Z", 1)])
    func anExecPluginRunsAgainOnceItsCredentialExpires(_ expiry: String, _ expectedRuns: Int) async throws {
        let server = try tlsServer()
        let certs = try #require(server.certificates)
        let dir = certs.folder + "/exec-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        try """
            #!/bin/sh
            echo run >> "\(dir)/runs"
            echo '{"apiVersion":"client.authentication.k8s.io/v1","kind":"ExecCredential","status":{"token":"good-token","expirationTimestamp":"\(expiry)"}}'
            """.write(toFile: dir + "/plugin", atomically: true, encoding: .utf8)
        chmod(dir + "/plugin", 0o755)
        let client = kubeClient(server) { c in
            c.caFile = certs.caFile
            c.exec = KubeConfig.ExecCredential(command: dir + "/plugin", apiVersion: "client.authentication.k8s.io/v1", baseDirectory: dir)
        }
        for _ in 0..<3 { _ = try await client.list(.configMap, namespace: "default") }
        let runs = ((try? String(contentsOfFile: dir + "/runs", encoding: .utf8)) ?? "").split(separator: "\n").count
        #expect(runs == expectedRuns)
    }

    @Test func inClusterConfigUsesTheServiceAccountsTokenCAAndNamespace() async throws {
        let server = try tlsServer()
        let certs = try #require(server.certificates)
        let dir = certs.folder + "/serviceaccount-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        try "good-token".write(toFile: dir + "/token", atomically: true, encoding: .utf8)
        try "workflows\n".write(toFile: dir + "/namespace", atomically: true, encoding: .utf8)
        try FileManager.default.copyItem(atPath: certs.caFile, toPath: dir + "/ca.crt")
        let config = try KubeConfig.inCluster(
            environment: ["KUBERNETES_SERVICE_HOST": "127.0.0.1", "KUBERNETES_SERVICE_PORT": String(server.port)],
            serviceAccountDirectory: dir)
        let cluster = KubeCluster(client: KubeClient(config: config, rateLimiter: nil))
        let created = try await cluster.create(.configMap, ["metadata": ["name": "in-cluster"]])
        #expect(created["metadata"]?["namespace"] == "workflows")
        // The token file is read again for each request: a rotated token is used at once.
        try "rotated-away".write(toFile: dir + "/token", atomically: true, encoding: .utf8)
        await #expect(throws: ClusterError.self) { _ = try await cluster.get(.configMap, namespace: nil, name: "in-cluster") }
    }
}
