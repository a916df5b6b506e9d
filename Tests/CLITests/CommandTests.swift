import Controller
import Foundation
import Templates
import Testing
import TestSupport
@testable import argo_lite

/// Commands driven through their argument parsing and `execute`, against a LocalCluster in a temporary
/// state directory whose clock is pinned to the fixtures' time.
@Suite final class CommandTests {
    let directory: URL
    let cluster: LocalCluster
    let buffer = OutputBuffer()

    init() throws {
        directory = ScratchDirectory.url("argo-lite-cli")
        var options = LocalCluster.Options()
        options.now = { KubeTimeText.parse("2024-03-01T10:00:00Z")! }
        cluster = try LocalCluster(directory: directory, options: options)
    }

    deinit { try? FileManager.default.removeItem(at: directory) }

    /// A finished pod with a `main` container whose log holds `lines`.
    func pod(_ name: String, log lines: [String]) async throws {
        _ = try await cluster.create(.pod, [
            "apiVersion": "v1", "kind": "Pod", "metadata": ["name": .string(name), "namespace": "default"],
            "spec": ["containers": [["name": "main"]]], "status": ["phase": "Succeeded"],
        ])
        let path = cluster.logPath(namespace: "default", pod: name, container: "main")
        try FileManager.default.createDirectory(at: path.deletingLastPathComponent(), withIntermediateDirectories: true)
        try lines.map { $0 + "\n" }.joined().write(to: path, atomically: true, encoding: .utf8)
    }
    var env: CLIEnvironment {
        var e = CLIEnvironment(namespace: "default", console: .capturing(buffer), style: .plain, now: { Fixture.now })
        e.pollInterval = .milliseconds(20)
        return e
    }

    func store(_ wf: JSONValue) async throws {
        _ = try await cluster.create(.workflow, wf)
    }

    @Test func getPrintsTheTreeAndJson() async throws {
        try await store(Fixture.steps)
        #expect(try await GetCommand.parse(["steps-x"]).execute(cluster: cluster, env: env) == 0)
        #expect(buffer.out.contains(" ├───✔ hello1 "))
        #expect(try await GetCommand.parse(["steps-x", "-o", "json"]).execute(cluster: cluster, env: env) == 0)
        #expect(buffer.out.contains("{\n  \"apiVersion\": \"argoproj.io/v1alpha1\",\n  \"kind\": \"Workflow\","))
    }

    @Test func getOfAMissingWorkflowFailsWithTheKubernetesMessage() async throws {
        #expect(try await GetCommand.parse(["nope"]).execute(cluster: cluster, env: env) == 1)
        #expect(buffer.err == "workflows.argoproj.io \"nope\" not found\n")
    }

    @Test func listFiltersRunningAndCompletedAndByLabel() async throws {
        try await store(Fixture.steps)
        var running = Fixture.workflow("live", phase: "Running", finish: nil)
        running["metadata"]?["labels"] = ["team": "a"]
        try await store(running)
        #expect(try await ListCommand.parse(["--running", "-o", "name"]).execute(cluster: cluster, env: env) == 0)
        #expect(buffer.out == "live\n")
        #expect(try await ListCommand.parse(["--completed", "-o", "name"]).execute(cluster: cluster, env: env) == 0)
        #expect(buffer.out == "live\nsteps-x\n")
        #expect(try await ListCommand.parse(["-l", "team=b", "-o", "name"]).execute(cluster: cluster, env: env) == 0)
        #expect(try await ListCommand.parse(["--status", "Running,Failed"]).execute(cluster: cluster, env: env) == 0)
        #expect(buffer.out.hasSuffix("NAME   STATUS    AGE   DURATION   PRIORITY   MESSAGE\nlive   Running   5m    5m         0          \n"))
    }

    @Test func suspendResumeStopTerminatePrintArgoMessagesAndPatch() async throws {
        try await store(Fixture.workflow("w", phase: "Running", finish: nil))
        #expect(try await SuspendCommand.parse(["w"]).execute(cluster: cluster, env: env) == 0)
        #expect(try await cluster.get(.workflow, namespace: "default", name: "w")["spec"]?["suspend"] == true)
        #expect(try await ResumeCommand.parse(["w"]).execute(cluster: cluster, env: env) == 0)
        #expect(try await cluster.get(.workflow, namespace: "default", name: "w")["spec"]?["suspend"] == nil)
        #expect(try await StopCommand.parse(["w"]).execute(cluster: cluster, env: env) == 0)
        #expect(try await TerminateCommand.parse(["w"]).execute(cluster: cluster, env: env) == 0)
        #expect(try await cluster.get(.workflow, namespace: "default", name: "w")["spec"]?["shutdown"] == "Terminate")
        #expect(buffer.out == "workflow w suspended\nworkflow w resumed\nworkflow w stopped\nworkflow w terminated\n")
    }

    @Test func aMalformedNodeFieldSelectorChangesNothingAndExitsOne() async throws {
        try await store(Fixture.workflow("w", phase: "Running", finish: nil))
        #expect(try await SuspendCommand.parse(["w"]).execute(cluster: cluster, env: env) == 0)
        for command in [["resume"], ["stop"]] {
            let args = ["w", "--node-field-selector", "nonsense"]
            let code = command == ["resume"]
                ? try await ResumeCommand.parse(args).execute(cluster: cluster, env: env)
                : try await StopCommand.parse(args).execute(cluster: cluster, env: env)
            #expect(code == 1)
        }
        #expect(buffer.err == String(repeating: "invalid field selector \"nonsense\": expected key=value or key!=value\n", count: 2))
        let stored = try await cluster.get(.workflow, namespace: "default", name: "w")
        #expect(stored["spec"]?["suspend"] == true)
        #expect(stored["spec"]?["shutdown"] == nil)
    }

    @Test func suspendingACompletedWorkflowFails() async throws {
        try await store(Fixture.steps)
        #expect(try await SuspendCommand.parse(["steps-x"]).execute(cluster: cluster, env: env) == 1)
        #expect(buffer.err == "cannot suspend completed workflows\n")
    }

    @Test func deleteByNameAndCompleted() async throws {
        try await store(Fixture.steps)
        try await store(Fixture.workflow("live", phase: "Running", finish: nil))
        try await store(Fixture.workflow("other", phase: "Running", finish: nil))
        #expect(try await DeleteCommand.parse(["--completed"]).execute(cluster: cluster, env: env) == 0)
        #expect(try await DeleteCommand.parse(["other"]).execute(cluster: cluster, env: env) == 0)
        #expect(buffer.out == "Workflow 'steps-x' deleted\nWorkflow 'other' deleted\n")
        #expect(try await cluster.list(.workflow, namespace: "default", labelSelector: nil).items.count == 1)
        #expect(try await DeleteCommand.parse(["gone"]).execute(cluster: cluster, env: env) == 1)
    }

    @Test func waitPrintsPhaseAndExitsNonZeroOnFailure() async throws {
        try await store(Fixture.workflow("ok", finish: 20))
        try await store(Fixture.workflow("bad", phase: "Failed", finish: 30))
        #expect(try await WaitCommand.parse(["ok"]).execute(cluster: cluster, env: env) == 0)
        #expect(buffer.out == "ok Succeeded at 2024-03-01 10:00:20 +0000 UTC\n")
        #expect(try await WaitCommand.parse(["ok", "bad"]).execute(cluster: cluster, env: env) == 1)
        #expect(try await WaitCommand.parse(["missing", "--ignore-not-found"]).execute(cluster: cluster, env: env) == 0)
        #expect(try await WaitCommand.parse(["missing"]).execute(cluster: cluster, env: env) == 1)
    }

    @Test func waitFollowsTheWorkflowUntilItFinishes() async throws {
        try await store(Fixture.workflow("later", phase: "Running", finish: nil))
        let cluster = self.cluster
        let finisher = Task {
            try await Task.sleep(for: .milliseconds(100))
            var wf = try await cluster.get(.workflow, namespace: "default", name: "later")
            wf["status"]?["phase"] = "Succeeded"
            wf["status"]?["finishedAt"] = Fixture.at(60)
            _ = try await cluster.update(.workflow, wf)
        }
        #expect(try await WaitCommand.parse(["later"]).execute(cluster: cluster, env: env) == 0)
        try await finisher.value
        #expect(buffer.out == "later Succeeded at 2024-03-01 10:01:00 +0000 UTC\n")
    }

    @Test func watchWithoutATerminalPrintsEachStateOnce() async throws {
        try await store(Fixture.workflow("w", phase: "Running", finish: nil))
        let cluster = self.cluster
        let finisher = Task {
            try await Task.sleep(for: .milliseconds(100))
            var wf = try await cluster.get(.workflow, namespace: "default", name: "w")
            wf["status"]?["phase"] = "Succeeded"
            wf["status"]?["finishedAt"] = Fixture.at(60)
            _ = try await cluster.update(.workflow, wf)
        }
        #expect(try await WatchCommand.parse(["w"]).execute(cluster: cluster, env: env) == 0)
        try await finisher.value
        let out = buffer.out
        #expect(out.components(separatedBy: "Name:").count == 3)
        #expect(out.contains("Status:              Running\n"))
        #expect(out.contains("Status:              Succeeded\n"))
    }

    @Test func logsPrefixEachLineWithItsPod() async throws {
        try await store(Fixture.steps)
        let pod1 = NodeNames.podName(workflow: "steps-x", nodeName: "steps-x[0].hello1", templateName: "whalesay")
        let pod2 = NodeNames.podName(workflow: "steps-x", nodeName: "steps-x[1].hello2a", templateName: "whalesay")
        try await pod(pod1, log: ["hello", "", "world"])
        try await pod(pod2, log: ["bye"])
        #expect(try await LogsCommand.parse(["steps-x"]).execute(cluster: cluster, env: env) == 0)
        #expect(buffer.out == "\(pod1): hello\n\(pod1): \n\(pod1): world\n\(pod2): bye\n")
    }

    @Test func followingLogsPicksUpPodsThatStartLater() async throws {
        let wf = "f"
        let root = Fixture.node(wf, wf, type: "Steps", phase: "Running", template: "main", start: 0)
        let first = Fixture.node(wf, "f[0].a", type: "Pod", phase: "Running", display: "a", template: "t", boundary: wf, start: 0)
        try await store(Fixture.workflow(wf, phase: "Running", finish: nil, nodes: [root, first]))
        let podA = NodeNames.podName(workflow: wf, nodeName: "f[0].a", templateName: "t")
        let podB = NodeNames.podName(workflow: wf, nodeName: "f[1].b", templateName: "t")
        try await pod(podA, log: ["from a"])
        try await pod(podB, log: ["from b"])
        let cluster = self.cluster
        let runner = Task {
            try await Task.sleep(for: .milliseconds(100))
            var o = try await cluster.get(.workflow, namespace: "default", name: wf)
            let second = Fixture.node(wf, "f[1].b", type: "Pod", display: "b", template: "t", boundary: wf, start: 5, finish: 6)
            o["status"]?["nodes"]?[second.0] = second.1
            o["status"]?["phase"] = "Succeeded"
            o["status"]?["finishedAt"] = Fixture.at(7)
            _ = try await cluster.update(.workflow, o)
        }
        #expect(try await LogsCommand.parse([wf, "--follow"]).execute(cluster: cluster, env: env) == 0)
        try await runner.value
        #expect(buffer.out == "\(podA): from a\n\(podB): from b\n")
    }
}
