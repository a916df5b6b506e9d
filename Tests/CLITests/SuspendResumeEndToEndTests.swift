import Controller
import Foundation
import Templates
import Testing
import TestSupport
@testable import argo_lite

/// `argo-lite suspend` / `resume` against the real engine: a suspend template holds the workflow until resumed;
/// `spec.suspend` (the `suspend` command) stops new pods until `resume`.
@Suite(.serialized) final class SuspendResumeEndToEndTests {
    let directory: URL
    let cluster: LocalCluster
    let runtime: LocalRuntime
    var env: CLIEnvironment

    init() async throws {
        directory = ScratchDirectory.url("argo-lite-suspend")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        cluster = try LocalCluster(directory: directory)
        guard let rt = try await LocalRuntime.startIfNeeded(cluster: cluster, executable: SharedData.argoLiteExecutable)
        else { throw CancellationError() }  // a fresh state directory has no other holder
        runtime = rt
        env = CLIEnvironment(namespace: "default", console: .capturing(OutputBuffer()), style: .plain)
        env.stateDirectory = directory
    }

    deinit { try? FileManager.default.removeItem(at: directory) }

    func workflow(_ name: String) async throws -> Workflow {
        try await cluster.get(.workflow, namespace: "default", name: name).decode(Workflow.self)
    }

    /// Re-reads the workflow until `condition` holds (the engine runs in this process).
    func until(_ name: String, _ condition: (Workflow) -> Bool) async throws -> Workflow {
        for _ in 0..<600 {
            if let wf = try? await workflow(name), condition(wf) { return wf }
            try await Task.sleep(for: .milliseconds(50))
        }
        return try await workflow(name)
    }

    func submit(_ file: String, name: String) async throws {
        let path = SharedData.repositoryRoot.appendingPathComponent(file).path
        #expect(try await SubmitCommand.parse([path, "--name", name]).execute(cluster: cluster, env: env) == 0)
    }

    @Test func aSuspendStepWaitsForResumeThenTheWorkflowContinues() async throws {
        try await submit("examples/suspend-resume.yaml", name: "approve-me")
        let waiting = try await until("approve-me") { wf in
            wf.status?.nodes?.values.contains { $0.type == .suspend && $0.phase == .running } == true
        }
        #expect(waiting.status?.phase == .running)
        #expect(waiting.status?.nodes?.values.contains { $0.displayName == "release" } == false, "nothing after the suspend step ran")
        #expect(try await ResumeCommand.parse(["approve-me"]).execute(cluster: cluster, env: env) == 0)
        let done = try await until("approve-me") { $0.status?.phase?.isCompleted == true }
        #expect(done.status?.phase == .succeeded)
        #expect(done.status?.nodes?.values.first { $0.displayName == "release" }?.phase == .succeeded)
        await runtime.shutdown()
    }

    @Test func specSuspendStopsNewPodsUntilResume() async throws {
        try await submit("examples/dag-diamond.yaml", name: "held")
        #expect(try await SuspendCommand.parse(["held"]).execute(cluster: cluster, env: env) == 0)
        let suspended = try await until("held") { $0.spec.suspend == true }
        #expect(suspended.spec.suspend == true)
        // Give the controller time to act on everything it has seen; no pod may start while suspended.
        try await Task.sleep(for: .seconds(2))
        let pods = try await cluster.list(.pod, namespace: "default", labelSelector: nil).items
        let before = try await workflow("held")
        #expect(before.status?.phase?.isCompleted != true)
        #expect(try await ResumeCommand.parse(["held"]).execute(cluster: cluster, env: env) == 0)
        let done = try await until("held") { $0.status?.phase?.isCompleted == true }
        #expect(done.status?.phase == .succeeded)
        let after = try await cluster.list(.pod, namespace: "default", labelSelector: nil).items
        #expect(after.count == 4, "A, B, C and D each ran once")
        #expect(pods.count <= 1, "at most the pod created before the suspend took effect")
        await runtime.shutdown()
    }
}
