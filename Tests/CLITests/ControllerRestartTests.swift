import Foundation
import Testing
import Templates
import TestSupport
@testable import Controller
@testable import LocalStore
@testable import LocalNode
#if canImport(Glibc)
import Glibc
#endif

/// The controller is killed with SIGKILL in the middle of a workflow and started again: the workflow completes,
/// and no pod runs twice (each pod's log holds its one run; a second run would append a second line). A pod that
/// ended while no agent ran keeps the time it ended.
@Suite(.serialized) struct ControllerRestartTests {
    static let workflow = """
        apiVersion: argoproj.io/v1alpha1
        kind: Workflow
        metadata: {name: survives-kill, namespace: argo}
        spec:
          entrypoint: main
          templates:
          - name: main
            steps:
            - - {name: one, template: work}
            - - {name: two, template: work}
            - - {name: three, template: work}
          - name: work
            container:
              image: alpine:3.20
              command: [sh, -c, "echo ran; sleep 2"]
        """

    @Test func aKilledControllerIsReplacedAndTheWorkflowCompletesWithoutRunningAnyPodTwice() async throws {
        let dir = ScratchDirectory.url("argo-lite-restart")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let cluster = try LocalCluster(directory: dir)
        _ = try await cluster.create(.workflow, try YAML.loadFirst(Self.workflow).toJSONValue())

        let first = try spawnController(dir)
        // Kill while step two's process runs (the agent marks its pod Running as it starts the process).
        var twoRunning = false
        for _ in 0..<600 where !twoRunning {
            let pods = (try? await cluster.list(.pod, namespace: "argo", labelSelector: nil).items) ?? []
            twoRunning = pods.contains {
                $0["metadata"]?["annotations"]?["workflows.argoproj.io/node-name"]?.stringValue?.hasSuffix(".two") == true
                    && $0["status"]?["phase"] == "Running"
            }
            if !twoRunning { try await Task.sleep(for: .milliseconds(100)) }
        }
        #expect(twoRunning, "step two never started")
        kill(first, SIGKILL)
        var status: Int32 = 0
        waitpid(first, &status, 0)
        // Step two ends while no agent runs; the next one, started a while later, takes its end from the emissary.
        let podTwo = NodeNames.podName(workflow: "survives-kill", nodeName: "survives-kill[1].two", templateName: "work")
        let resultTwo = PodFiles(stateDirectory: dir, namespace: "argo", name: podTwo).taskResult
        // The emissary opens its result file as it starts and writes it as the command ends.
        func twoHasEnded() -> Bool { ((try? Data(contentsOf: resultTwo))?.isEmpty ?? true) == false }
        for _ in 0..<100 where !twoHasEnded() {
            try await Task.sleep(for: .milliseconds(50))
        }
        let twoEnded = Date()
        try await Task.sleep(for: .milliseconds(1100))

        let second = try spawnController(dir)
        defer {
            kill(second, SIGTERM)
            var s: Int32 = 0
            waitpid(second, &s, 0)
        }
        let done = try await waitFor(cluster, seconds: 60) { $0.status?.phase?.isCompleted == true }
        #expect(done)
        let wf = try await cluster.get(.workflow, namespace: "argo", name: "survives-kill").decode(Workflow.self)
        #expect(wf.status?.phase == .succeeded, "\(wf.status?.message ?? "")")
        let pods = wf.status?.nodes?.values.filter { $0.type == .pod } ?? []
        #expect(pods.count == 3)
        let two = try #require(pods.first { $0.displayName == "two" })
        #expect(try #require(two.finishedAt).seconds <= Int64(twoEnded.timeIntervalSince1970),
                "step two's end is when its process ended, not when the new agent found it")
        for node in pods {
            let pod = NodeNames.podName(workflow: "survives-kill", nodeName: node.name, templateName: "work")
            let log = try String(contentsOf: cluster.logPath(namespace: "argo", pod: pod, container: "main"), encoding: .utf8)
            #expect(log == "ran\n", "pod \(pod) ran \(log.components(separatedBy: "ran").count - 1) times")
        }
    }

    /// Starts `argo-lite controller --state-dir DIR` as a separate process.
    func spawnController(_ dir: URL) throws -> pid_t {
        let argv = [SharedData.argoLiteExecutable, "controller", "--state-dir", dir.path]
        var cargs = argv.map { strdup($0) } + [nil]
        defer { for a in cargs { free(a) } }
        var pid: pid_t = 0
        let rc = posix_spawn(&pid, argv[0], nil, nil, &cargs, environ)
        guard rc == 0 else { throw PodLaunchError("cannot start \(argv[0]): \(rc)") }
        return pid
    }

    /// Re-reads the workflow on every change until `condition` holds or `seconds` pass.
    func waitFor(_ cluster: LocalCluster, seconds: Double, _ condition: (Workflow) -> Bool) async throws -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if let object = try? await cluster.get(.workflow, namespace: "argo", name: "survives-kill"),
                let wf = try? object.decode(Workflow.self), condition(wf)
            {
                return true
            }
            try await Task.sleep(for: .milliseconds(100))
        }
        return false
    }
}
