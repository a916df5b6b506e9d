import Controller
import Foundation
import Templates
import Testing
import TestSupport
@testable import argo_lite

/// `argo-lite retry` against the real engine: a two-step workflow whose second step fails until a marker file
/// exists. After the marker is made, `retry` runs only the second step again and the workflow succeeds.
/// The marker lives under /var/tmp: pods get a private /tmp.
@Suite(.serialized) final class RetryEndToEndTests {
    let directory: URL
    let shared: URL

    init() throws {
        directory = ScratchDirectory.url("argo-lite-retry")
        shared = URL(fileURLWithPath: "/var/tmp/argo-lite-retry-\(getpid())-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: shared, withIntermediateDirectories: true)
    }

    deinit {
        try? FileManager.default.removeItem(at: directory)
        try? FileManager.default.removeItem(at: shared)
    }

    var workflow: String {
        """
        apiVersion: argoproj.io/v1alpha1
        kind: Workflow
        metadata:
          name: flaky
        spec:
          entrypoint: main
          volumes: [{name: shared, hostPath: {path: \(shared.path)}}]
          templates:
          - name: main
            steps:
            - - {name: first, template: first}
            - - {name: second, template: second}
          - name: first
            container:
              image: alpine:3.20
              command: [sh, -c, "echo ran >> /shared/first.log"]
              volumeMounts: [{name: shared, mountPath: /shared}]
          - name: second
            container:
              image: alpine:3.20
              command: [sh, -c, "test -f /shared/ready"]
              volumeMounts: [{name: shared, mountPath: /shared}]

        """
    }

    func environment(_ state: URL, _ buffer: OutputBuffer, startController: Bool) -> CLIEnvironment {
        var env = CLIEnvironment(namespace: "default", console: .capturing(buffer), style: .plain)
        env.stateDirectory = state
        if startController {
            env.startController = ClusterAccess.controllerStarter(state, executable: SharedData.argoLiteExecutable)
        }
        return env
    }

    func firstStepRuns() throws -> Int {
        let text = (try? String(contentsOf: shared.appendingPathComponent("first.log"), encoding: .utf8)) ?? ""
        return text.split(separator: "\n").count
    }

    func node(_ wf: Workflow, _ displayName: String) -> NodeStatus? {
        wf.status?.nodes?.values.first { $0.displayName == displayName }
    }

    @Test func retryWaitRerunsOnlyTheFailedStep() async throws {
        let state = directory.appendingPathComponent("state")
        let cluster = try LocalCluster(directory: state)
        let env = environment(state, OutputBuffer(), startController: true)
        let file = directory.appendingPathComponent("wf.yaml")
        try workflow.write(to: file, atomically: true, encoding: .utf8)
        #expect(try await SubmitCommand.parse([file.path, "--wait"]).execute(cluster: cluster, env: env) == 1)
        let failed = try await cluster.get(.workflow, namespace: "default", name: "flaky").decode(Workflow.self)
        #expect(failed.status?.phase == .failed)
        #expect(try firstStepRuns() == 1)
        let firstBefore = node(failed, "first")

        try Data().write(to: shared.appendingPathComponent("ready"))
        let buffer = OutputBuffer()
        let retryEnv = environment(state, buffer, startController: true)
        #expect(try await RetryCommand.parse(["@latest", "--wait"]).execute(cluster: cluster, env: retryEnv) == 0)
        #expect(buffer.out.contains("Name:"), "retry prints the workflow as get does")
        #expect(buffer.out.contains("flaky Succeeded at "))

        let done = try await cluster.get(.workflow, namespace: "default", name: "flaky").decode(Workflow.self)
        #expect(done.status?.phase == .succeeded)
        #expect(done.metadata.labels?["workflows.argoproj.io/completed"] == "true")
        #expect(try firstStepRuns() == 1, "the first step's pod did not run again")
        #expect(node(done, "first") == firstBefore)
        #expect(node(done, "second")?.phase == .succeeded)
        let pods = try await cluster.list(.pod, namespace: "default", labelSelector: nil).items
        #expect(pods.count == 2)
    }

    @Test func retryOnARunningControllerCarriesOn() async throws {
        let state = directory.appendingPathComponent("state2")
        let cluster = try LocalCluster(directory: state)
        guard let runtime = try await LocalRuntime.startIfNeeded(cluster: cluster, executable: SharedData.argoLiteExecutable)
        else { throw CancellationError() }
        let buffer = OutputBuffer(), again = OutputBuffer()
        let env = environment(state, buffer, startController: false)
        _ = try await cluster.create(.workflow, try YAML.loadFirst(workflow).toJSONValue())
        func until(_ condition: (Workflow) -> Bool) async throws -> Workflow {
            for _ in 0..<600 {
                if let wf = try? await cluster.get(.workflow, namespace: "default", name: "flaky").decode(Workflow.self),
                    condition(wf)
                {
                    return wf
                }
                try await Task.sleep(for: .milliseconds(50))
            }
            return try await cluster.get(.workflow, namespace: "default", name: "flaky").decode(Workflow.self)
        }
        func settled(_ wf: Workflow) -> Bool {
            wf.status?.phase?.isCompleted == true && wf.metadata.labels?["workflows.argoproj.io/completed"] == "true"
        }
        let failed = try await until(settled)
        #expect(failed.status?.phase == .failed)
        try Data().write(to: shared.appendingPathComponent("ready"))
        #expect(try await RetryCommand.parse(["flaky", "-o", "name"]).execute(cluster: cluster, env: env) == 0)
        #expect(buffer.out == "flaky\n")
        let done = try await until(settled)
        #expect(done.status?.phase == .succeeded)
        #expect(try firstStepRuns() == 1)
        // A succeeded workflow is retried only with --restart-successful and a selector.
        let againEnv = environment(state, again, startController: false)
        #expect(try await RetryCommand.parse(["flaky"]).execute(cluster: cluster, env: againEnv) == 1)
        #expect(again.err.contains("To retry a succeeded workflow, set the options restartSuccessful and nodeFieldSelector"))
        await runtime.shutdown()
    }

    var dagWorkflow: String {
        """
        apiVersion: argoproj.io/v1alpha1
        kind: Workflow
        metadata:
          name: flaky-dag
        spec:
          entrypoint: main
          onExit: bye
          volumes: [{name: shared, hostPath: {path: \(shared.path)}}]
          templates:
          - name: main
            dag:
              tasks:
              - {name: A, template: log, arguments: {parameters: [{name: who, value: A}]}}
              - {name: B, template: second, dependencies: [A]}
              - {name: C, template: log, dependencies: [A], arguments: {parameters: [{name: who, value: C}]}}
          - name: log
            inputs: {parameters: [{name: who}]}
            container:
              image: alpine:3.20
              command: [sh, -c, "echo ran >> /shared/{{inputs.parameters.who}}.log"]
              volumeMounts: [{name: shared, mountPath: /shared}]
          - name: second
            container:
              image: alpine:3.20
              command: [sh, -c, "test -f /shared/ready"]
              volumeMounts: [{name: shared, mountPath: /shared}]
          - name: bye
            container:
              image: alpine:3.20
              command: [sh, -c, "echo ran >> /shared/exit.log"]
              volumeMounts: [{name: shared, mountPath: /shared}]

        """
    }

    func runs(_ name: String) -> Int {
        let text = (try? String(contentsOf: shared.appendingPathComponent("\(name).log"), encoding: .utf8)) ?? ""
        return text.split(separator: "\n").count
    }

    @Test func retryOfADAGRerunsTheFailedTaskAndTheExitHandlerOnly() async throws {
        let state = directory.appendingPathComponent("state3")
        let cluster = try LocalCluster(directory: state)
        let file = directory.appendingPathComponent("dag.yaml")
        try dagWorkflow.write(to: file, atomically: true, encoding: .utf8)
        let env = environment(state, OutputBuffer(), startController: true)
        #expect(try await SubmitCommand.parse([file.path, "--wait"]).execute(cluster: cluster, env: env) == 1)
        let before: [Int] = [runs("A"), runs("C"), runs("exit")]
        #expect(before == [1, 1, 1])

        try Data().write(to: shared.appendingPathComponent("ready"))
        #expect(try await RetryCommand.parse(["flaky-dag", "--wait", "-o", "name"]).execute(cluster: cluster, env: env) == 0)
        let done = try await cluster.get(.workflow, namespace: "default", name: "flaky-dag").decode(Workflow.self)
        #expect(done.status?.phase == .succeeded)
        let after: [Int] = [runs("A"), runs("C"), runs("exit")]
        #expect(after == [1, 1, 2], "A and C kept their results; the exit handler ran again")
        #expect(node(done, "B")?.phase == .succeeded)
    }
}
