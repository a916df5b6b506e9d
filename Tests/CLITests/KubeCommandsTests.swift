import Controller
import Foundation
import KubeFake
import Templates
import Testing
import TestSupport
@testable import argo_lite

/// The CLI against a Kubernetes cluster: with `--kubeconfig`, `submit --wait`, `list` and `get` act on the
/// cluster's API (here the fake API server, with argo-lite's controller running on it as it would in the cluster,
/// and the fake kubelet running the pods), as `argo` does when it talks to Kubernetes directly.
@Suite(.timeLimit(.minutes(1))) final class KubeCommandsTests {
    let directory = ScratchDirectory.url("argo-lite-kubecli")
    let buffer = OutputBuffer()
    deinit { try? FileManager.default.removeItem(at: directory) }

    func kubeconfig(_ server: FakeKubeServer) throws -> String {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let path = directory.appendingPathComponent("config").path
        try """
            apiVersion: v1
            kind: Config
            current-context: fake
            contexts: [{name: fake, context: {cluster: fake, user: me, namespace: argo}}]
            clusters: [{name: fake, cluster: {server: "\(server.url)"}}]
            users: [{name: me, user: {}}]
            """.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test func submitWaitListAndGetActOnTheCluster() async throws {
        let server = try FakeKubeServer.start()
        server.startKubelet()
        defer { server.stop() }
        let config = try kubeconfig(server)
        let workflow = directory.appendingPathComponent("hello.yaml").path
        try """
            apiVersion: argoproj.io/v1alpha1
            kind: Workflow
            metadata: {name: hello}
            spec:
              entrypoint: main
              templates: [{name: main, container: {image: alpine, command: [echo, hello]}}]
            """.write(toFile: workflow, atomically: true, encoding: .utf8)

        let submit = try SubmitCommand.parse(["--kubeconfig", config, "--wait", workflow])
        let cluster = try submit.global.openCluster()
        #expect(cluster is KubeCluster)
        let options = KubeRuntime.Options(leaseNamespace: "argo", pods: KubePodDecoration.Options(executorImage: "argo-lite:test"))
        let runtime = try #require(try await KubeRuntime.startIfNeeded(cluster: cluster, options: options))
        defer { Task { await runtime.shutdown() } }
        let env = CLIEnvironment(namespace: "argo", console: .capturing(buffer), style: .plain)
        #expect(submit.global.environment().namespace == "argo", "the kubeconfig context's namespace")
        #expect(submit.global.environment().startController == nil, "on a cluster, the controller runs in the cluster")

        #expect(try await submit.execute(cluster: cluster, env: env) == 0)
        #expect(buffer.out.contains("Succeeded"), "\(buffer.out)")
        let stored = try await cluster.get(.workflow, namespace: "argo", name: "hello")
        #expect(stored["status"]?["phase"] == "Succeeded")

        let list = try ListCommand.parse(["--kubeconfig", config])
        #expect(try await list.execute(cluster: try list.global.openCluster(), env: env) == 0)
        #expect(buffer.out.contains("hello"))
        let get = try GetCommand.parse(["--kubeconfig", config, "hello", "-o", "json"])
        #expect(try await get.execute(cluster: try get.global.openCluster(), env: env) == 0)
        #expect(buffer.out.contains(#""phase": "Succeeded""#))
    }
}
