import Controller
import Foundation
import Templates
import Testing
import TestSupport
@testable import argo_lite

/// `submit --wait` with the real in-process runtime (LocalRuntime: controller and node agent running host
/// processes), as `argo-lite submit --wait FILE` runs it.
@Suite(.serialized) final class EndToEndTests {
    let directory: URL
    let buffer = OutputBuffer()

    init() throws {
        directory = ScratchDirectory.url("argo-lite-cli-e2e")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(at: directory) }

    func run(_ yaml: String) async throws -> (Int32, LocalCluster) {
        let state = directory.appendingPathComponent("state")
        let cluster = try LocalCluster(directory: state)
        let file = directory.appendingPathComponent("wf.yaml")
        try yaml.write(to: file, atomically: true, encoding: .utf8)
        var env = CLIEnvironment(namespace: "default", console: .capturing(buffer), style: .plain)
        env.stateDirectory = state
        env.startController = ClusterAccess.controllerStarter(state, executable: SharedData.argoLiteExecutable)
        let code = try await SubmitCommand.parse([file.path, "--wait", "--name", "e2e"]).execute(cluster: cluster, env: env)
        return (code, cluster)
    }

    static func workflow(command: String) -> String {
        """
        apiVersion: argoproj.io/v1alpha1
        kind: Workflow
        metadata:
          generateName: e2e-
        spec:
          entrypoint: main
          templates:
          - name: main
            container:
              image: alpine:3.20
              command: [sh, -c, "\(command)"]

        """
    }

    @Test func submitWaitRunsTheWorkflowAndExitsZero() async throws {
        let (code, cluster) = try await run(Self.workflow(command: "echo hi"))
        #expect(code == 0)
        #expect(buffer.out.contains("\ne2e Succeeded at "))
        // the runtime gave the controller lease back when submit ended
        let lease = try await cluster.get(.lease, namespace: "default", name: LocalRuntime.leaseName)
        #expect((lease["spec"]?["holderIdentity"]?.stringValue ?? "").isEmpty)
    }

    /// `resubmit -p` runs a failed workflow again, with another argument, to the end.
    @Test func resubmitWaitRunsTheWorkflowAgainWithNewParameters() async throws {
        let failing = Self.workflow(command: "exit {{workflow.parameters.code}}")
            .replacingOccurrences(of: "  entrypoint: main\n", with: "  entrypoint: main\n  arguments: {parameters: [{name: code, value: '3'}]}\n")
        let (code, cluster) = try await run(failing)
        #expect(code == 1)
        var env = CLIEnvironment(namespace: "default", console: .capturing(buffer), style: .plain)
        env.startController = ClusterAccess.controllerStarter(directory.appendingPathComponent("state"), executable: SharedData.argoLiteExecutable)
        #expect(try await ResubmitCommand.parse(["e2e", "-p", "code=0", "--wait", "-o", "name"]).execute(cluster: cluster, env: env) == 0)
        let again = try await cluster.list(.workflow, namespace: "default", labelSelector: try LabelSelector("workflows.argoproj.io/resubmitted-from-workflow=e2e")).items
        #expect(again.count == 1)
        #expect(again.first?["status"]?["phase"] == "Succeeded")
        #expect(try await cluster.get(.workflow, namespace: "default", name: "e2e")["status"]?["phase"] == "Failed", "the old run is left as it was")
    }

    /// `cp` copies a finished workflow's output artifacts out of the local repository, as `argo cp` lays them out.
    @Test func cpCopiesOutputArtifactsWhereArgoPutsThem() async throws {
        let producing = Self.workflow(command: "echo -n hello > /tmp/hello.txt")
            .replacingOccurrences(of: "    container:\n", with: "    outputs: {artifacts: [{name: greeting, path: /tmp/hello.txt}]}\n    container:\n")
        let (code, cluster) = try await run(producing)
        #expect(code == 0)
        let out = directory.appendingPathComponent("out")
        let env = CLIEnvironment(namespace: "default", console: .capturing(buffer), style: .plain,
                                 artifacts: LocalArtifactRepository(folder: cluster.artifactRepository))
        #expect(try await CpCommand.parse(["e2e", out.path]).execute(cluster: cluster, env: env) == 0)
        let copied = out.appendingPathComponent("default/e2e/e2e/outputs/greeting/greeting.tgz")
        let stored = cluster.artifactRepository.appendingPathComponent("e2e/e2e/greeting.tgz")
        let bytes = try Data(contentsOf: copied)
        #expect(bytes == (try Data(contentsOf: stored)))
        #expect(bytes.prefix(2) == Data([0x1f, 0x8b]), "the stored object as it is: gzip")
        #expect(buffer.err.hasSuffix("Created \"greeting.tgz\"\n"))
        // A filter that matches nothing copies nothing.
        let other = directory.appendingPathComponent("none")
        #expect(try await CpCommand.parse(["e2e", other.path, "--artifact-name", "nope"]).execute(cluster: cluster, env: env) == 0)
        #expect(!FileManager.default.fileExists(atPath: other.path))
    }

    @Test func submitWaitExitsOneWhenTheWorkflowFails() async throws {
        let (code, _) = try await run(Self.workflow(command: "exit 3"))
        #expect(code == 1)
        #expect(buffer.out.contains("\ne2e Failed at "))
    }
}
