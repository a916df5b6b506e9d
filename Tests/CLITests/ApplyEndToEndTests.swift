import Controller
import Foundation
import Templates
import Testing
import TestSupport
@testable import argo_lite

/// `apply -f` of the ConfigMap the upstream examples read parameters from, then `submit --wait` of those examples
/// with the real in-process runtime: each runs to Succeeded with the ConfigMap's value.
@Suite(.serialized) final class ApplyEndToEndTests {
    let directory: URL
    let buffer = OutputBuffer()

    init() throws {
        directory = ScratchDirectory.url("argo-lite-apply-e2e")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(at: directory) }

    @Test(.needsSharedData, arguments: [
        "arguments-parameters-from-configmap.yaml", "global-parameters-from-configmap.yaml",
        "global-parameters-from-configmap-referenced-as-local-variable.yaml",
    ])
    func examplesReadingAnAppliedConfigMapSucceed(example: String) async throws {
        let state = directory.appendingPathComponent("state")
        let cluster = try LocalCluster(directory: state)
        var env = CLIEnvironment(namespace: "default", console: .capturing(buffer), style: .plain)
        env.stateDirectory = state
        env.startController = ClusterAccess.controllerStarter(state, executable: SharedData.argoLiteExecutable)

        let configMap = directory.appendingPathComponent("simple-parameters-configmap.yaml")
        try SharedData.read(example: "configmaps/simple-parameters-configmap.yaml").write(to: configMap, atomically: true, encoding: .utf8)
        #expect(try await ApplyCommand.parse(["-f", configMap.path]).execute(cluster: cluster, env: env) == 0)
        #expect(buffer.out == "configmap/simple-parameters created\n")

        let workflow = directory.appendingPathComponent(example)
        try SharedData.read(example: example).write(to: workflow, atomically: true, encoding: .utf8)
        let code = try await SubmitCommand.parse([workflow.path, "--wait", "--name", "from-cm"]).execute(cluster: cluster, env: env)
        #expect(code == 0, "\(buffer.out)\n\(buffer.err)")
        let stored = try await cluster.get(.workflow, namespace: "default", name: "from-cm")
        #expect(stored["status"]?["phase"] == "Succeeded", "\(stored["status"]?["message"] ?? .null)")
        // the pod printed the ConfigMap's value
        let pods = try await cluster.list(.pod, namespace: "default", labelSelector: nil).items
        let pod = try #require(pods.first?["metadata"]?["name"]?.stringValue)
        var log = ""
        for try await chunk in try await cluster.logs(namespace: "default", pod: pod, container: "main", follow: false) { log += chunk }
        #expect(log.split(separator: "\n") == ["hello world"])
    }
}
