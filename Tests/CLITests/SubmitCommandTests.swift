import Controller
import Foundation
import Templates
import Testing
import TestSupport
@testable import argo_lite

/// `submit` against a LocalCluster in a temporary state directory.
@Suite final class SubmitCommandTests {
    let directory: URL
    let cluster: LocalCluster
    let buffer = OutputBuffer()
    var env: CLIEnvironment {
        var e = CLIEnvironment(namespace: "default", console: .capturing(buffer), style: .plain, now: { Fixture.now })
        e.pollInterval = .milliseconds(20)
        return e
    }

    init() throws {
        (directory, cluster) = try Fixture.cluster(scratch: "argo-lite-submit")
    }

    deinit { try? FileManager.default.removeItem(at: directory) }

    static let helloWorld = """
        apiVersion: argoproj.io/v1alpha1
        kind: Workflow
        metadata:
          generateName: hello-world-
          labels:
            example: "true"
        spec:
          entrypoint: main
          arguments:
            parameters:
            - name: message
              value: hello
          templates:
          - name: main
            inputs:
              parameters:
              - name: message
            container:
              image: argoproj/argosay:v2
              args: ["echo", "{{inputs.parameters.message}}"]

        """

    func file(_ name: String, _ text: String) throws -> String {
        let url = directory.appendingPathComponent(name)
        try text.write(to: url, atomically: true, encoding: .utf8)
        return url.path
    }

    func stored() async throws -> [WorkflowView] {
        try await cluster.list(.workflow, namespace: "default", labelSelector: nil).items.map(WorkflowView.init)
    }

    @Test func submitStoresTheWorkflowAndPrintsItsSummary() async throws {
        let path = try file("hello.yaml", Self.helloWorld)
        #expect(try await SubmitCommand.parse([path, "-p", "message=hi", "-l", "team=a"]).execute(cluster: cluster, env: env) == 0)
        let wfs = try await stored()
        try #require(wfs.count == 1)
        let wf = wfs[0]
        #expect(wf.name.hasPrefix("hello-world-") && wf.name.count == "hello-world-".count + 5)
        #expect(wf.parameters.map(\.name) == ["message"])
        #expect(wf.parameters.first?.value == "hi")
        #expect(wf.labels == ["example": "true", "team": "a"])
        #expect(buffer.out == """
            Name:                \(wf.name)
            Namespace:           default
            ServiceAccount:      unset (will run with the default ServiceAccount)
            Status:              Pending
            Created:             Fri Mar 01 10:00:00 +0000 (5 minutes ago)
            Progress:            
            Parameters:          
              message:           hi

            """)
    }

    @Test func scalarsInStringFieldsAreStoredAsTheirText() async throws {
        // As `argo submit` decodes YAML into the typed Workflow: `command: [true]` is the string "true".
        let path = try file("bool.yaml", """
            apiVersion: argoproj.io/v1alpha1
            kind: Workflow
            metadata:
              name: bool-command
            spec:
              entrypoint: main
              templates:
              - name: main
                container:
                  image: alpine
                  command: [true]
                  args: [1.0, yes]

            """)
        #expect(try await SubmitCommand.parse([path, "-o", "name"]).execute(cluster: cluster, env: env) == 0)
        let wf = try await WorkflowClient(cluster: cluster, namespace: "default").get("bool-command")
        let container = wf.spec["templates"]?[0]?["container"]
        #expect(container?["command"] == ["true"])
        #expect(container?["args"] == ["1", "true"])
    }

    @Test func outputNameAndOverrides() async throws {
        let path = try file("hello.yaml", Self.helloWorld)
        let args = [path, "-o", "name", "--name", "fixed", "--entrypoint", "other", "--serviceaccount", "sa", "-p", "extra=1"]
        #expect(try await SubmitCommand.parse(args).execute(cluster: cluster, env: env) == 0)
        #expect(buffer.out == "fixed\n")
        let wf = try await WorkflowClient(cluster: cluster, namespace: "default").get("fixed")
        #expect(wf.spec["entrypoint"] == "other")
        #expect(wf.spec["serviceAccountName"] == "sa")
        #expect(wf.parameters.map(\.name) == ["extra", "message"])
    }

    @Test func parameterFileValuesFollowCommandLineOnes() async throws {
        let path = try file("hello.yaml", Self.helloWorld)
        let params = try file("params.yaml", "message: from-file\nother: 2\n")
        #expect(try await SubmitCommand.parse([path, "-f", params, "-o", "name"]).execute(cluster: cluster, env: env) == 0)
        let wf = try #require(try await stored().first)
        #expect(wf.parameters.map { "\($0.name)=\($0.value ?? "")" } == ["message=from-file", "other=2"])
    }

    @Test func dryRunPrintsWithoutStoring() async throws {
        let path = try file("hello.yaml", Self.helloWorld)
        #expect(try await SubmitCommand.parse([path, "--dry-run", "-o", "yaml"]).execute(cluster: cluster, env: env) == 0)
        #expect(buffer.out.hasPrefix("apiVersion: argoproj.io/v1alpha1\nkind: Workflow\nmetadata:\n  generateName: hello-world-\n"))
        #expect(try await stored().isEmpty)
        #expect(throws: (any Error).self) { try SubmitCommand.parse([path, "--dry-run"]) }
        #expect(throws: (any Error).self) { try SubmitCommand.parse([path, "--wait", "--watch"]) }
    }

    @Test func unreadableManifestStoresNothingAndExitsOne() async throws {
        let good = try file("hello.yaml", Self.helloWorld)
        let bad = try file("bad.yaml", "kind: Workflow\nspec: [unclosed\n")
        #expect(try await SubmitCommand.parse([good, bad]).execute(cluster: cluster, env: env) == 1)
        #expect(buffer.err.contains("bad.yaml"))
        #expect(try await stored().isEmpty)
        #expect(try await SubmitCommand.parse(["/nonexistent.yaml"]).execute(cluster: cluster, env: env) == 1)
    }

    /// `--wait` starts a controller through the environment, waits, prints `NAME PHASE at TIME`, and exits 1 when
    /// the workflow did not succeed. The stand-in controller finishes every workflow with the given phase.
    @Test(arguments: [("Succeeded", Int32(0)), ("Failed", Int32(1))])
    func waitRunsAControllerAndReportsThePhase(phase: String, code: Int32) async throws {
        let path = try file("hello.yaml", Self.helloWorld)
        var env = self.env
        let fake = FakeController(cluster: cluster, phase: phase)
        env.startController = { _ in fake.start() }
        #expect(try await SubmitCommand.parse([path, "--wait", "--name", "w"]).execute(cluster: cluster, env: env) == code)
        #expect(buffer.out.hasSuffix("w \(phase) at 2024-03-01 10:00:30 +0000 UTC\n"))
        #expect(fake.stopped)
        #expect(!buffer.err.contains("not finished"))
    }

    /// The in-process controller also takes up workflows submitted meanwhile; it stops with the command's own, so
    /// the command says that the others need a controller.
    @Test func waitNotesOtherWorkflowsLeftUnfinished() async throws {
        let path = try file("hello.yaml", Self.helloWorld)
        #expect(try await SubmitCommand.parse([path, "--name", "other"]).execute(cluster: cluster, env: env) == 0)
        var env = self.env
        let fake = FakeController(cluster: cluster, phase: "Succeeded", only: "w")
        env.startController = { _ in fake.start() }
        #expect(try await SubmitCommand.parse([path, "--wait", "--name", "w"]).execute(cluster: cluster, env: env) == 0)
        #expect(buffer.err.hasSuffix("note: 1 other workflow is not finished; run `argo-lite controller` to go on with them\n"))
    }
}

/// Marks every stored workflow finished with one phase, as a controller would, until shut down.
final class FakeController: RunningController, @unchecked Sendable {
    let cluster: any Cluster
    let phase: String
    private var task: Task<Void, Never>?
    private(set) var stopped = false

    let only: String?

    init(cluster: any Cluster, phase: String, only: String? = nil) {
        self.cluster = cluster
        self.phase = phase
        self.only = only
    }

    func waitUntilStopped() async { await task?.value }

    func start() -> any RunningController {
        let cluster = self.cluster, phase = self.phase, only = self.only
        task = Task {
            while !Task.isCancelled {
                if let items = try? await cluster.list(.workflow, namespace: nil, labelSelector: nil).items {
                    for var wf in items where wf["status"]?["finishedAt"] == nil
                        && (only == nil || wf["metadata"]?["name"]?.stringValue == only)
                    {
                        wf["status"] = ["phase": .string(phase), "startedAt": Fixture.at(0), "finishedAt": Fixture.at(30)]
                        _ = try? await cluster.update(.workflow, wf)
                    }
                }
                try? await Task.sleep(for: .milliseconds(20))
            }
        }
        return self
    }

    func shutdown() async {
        task?.cancel()
        await task?.value
        stopped = true
    }
}

extension SubmitCommandTests {
    @Test func invalidWorkflowIsRefusedWithItsLintErrorsAndNothingIsStored() async throws {
        let good = try file("hello.yaml", Self.helloWorld)
        let bad = try file("bad.yaml", Self.helloWorld.replacingOccurrences(of: "entrypoint: main", with: "entrypoint: nope"))
        #expect(try await SubmitCommand.parse([good, bad]).execute(cluster: cluster, env: env) == 1)
        #expect(buffer.err.hasPrefix("Failed to submit workflow: \(bad):"))
        #expect(buffer.err.contains("nope"))
        #expect(try await stored().isEmpty)
    }
}

extension SubmitCommandTests {
    /// A field argo-lite does not run yet is refused before anything is stored, not run without it.
    @Test func aFieldNotImplementedYetIsRefusedAndNothingIsStored() async throws {
        let path = try file("sync.yaml", Self.helloWorld.replacingOccurrences(
            of: "  entrypoint: main\n", with: "  entrypoint: main\n  synchronization: {mutex: {name: m}}\n"))
        #expect(try await SubmitCommand.parse([path]).execute(cluster: cluster, env: env) == 1)
        #expect(buffer.err.contains("spec.synchronization is not implemented yet in argo-lite: "), "\(buffer.err)")
        #expect(try await stored().isEmpty)
    }
}
