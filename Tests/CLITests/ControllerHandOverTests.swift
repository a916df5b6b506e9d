import Foundation
import Templates
import Testing
import TestSupport
@testable import Controller
@testable import argo_lite

/// A controller that stops hands its running pods over instead of killing them: they run on, and the next
/// controller collects them, as containers outlive a stopped kubelet. A controller whose lease another one took
/// over stops at once: two must never run one state directory.
@Suite(.serialized) final class ControllerHandOverTests {
    static func workflow(seconds: Double) -> String {
        """
        apiVersion: argoproj.io/v1alpha1
        kind: Workflow
        metadata: {name: handed-over, namespace: default}
        spec:
          entrypoint: work
          templates:
          - name: work
            container:
              image: alpine:3.20
              command: [sh, -c, "echo ran; sleep \(seconds)"]
        """
    }
    let directory: URL
    let cluster: LocalCluster

    init() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("argo-lite-handover-\(UUID().uuidString)")
        cluster = try LocalCluster(directory: directory)
    }

    deinit { try? FileManager.default.removeItem(at: directory) }

    func start(renewEvery: Duration = .seconds(5)) async throws -> LocalRuntime {
        try #require(try await LocalRuntime.startIfNeeded(
            cluster: cluster, executable: SharedData.argoLiteExecutable, renewEvery: renewEvery))
    }

    var pod: JSONValue? {
        get async { try? await cluster.list(.pod, namespace: "default", labelSelector: nil).items.first }
    }

    func until(seconds: Double, _ condition: () async -> Bool) async throws -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if await condition() { return true }
            try await Task.sleep(for: .milliseconds(50))
        }
        return false
    }

    /// Runs the workflow's pod under a runtime that then stops; returns the pod's name and its (running) process.
    func startPodThenStop(seconds: Double) async throws -> (name: String, process: ProcessIdentity) {
        let first = try await start()
        _ = try await cluster.create(.workflow, try YAML.loadFirst(Self.workflow(seconds: seconds)).toJSONValue())
        #expect(try await until(seconds: 30) { await self.pod?["status"]?["phase"] == "Running" })
        let name = try #require(await pod?["metadata"]?["name"]?.stringValue)
        await first.shutdown()
        let files = PodFiles(stateDirectory: directory, namespace: "default", name: name)
        let process = try #require(PodReporter.recordedProcess(in: files.processFile))
        #expect(process.isAlive, "the pod's process runs on after its controller stopped")
        return (name, process)
    }

    /// `submit --wait` ends its in-process controller with its own workflow, while other workflows' pods may run.
    @Test func aStoppedControllerLeavesItsPodsRunningAndTheNextOneFinishesThem() async throws {
        let (name, _) = try await startPodThenStop(seconds: 1.5)

        let second = try await start()
        defer { Task { await second.shutdown() } }
        let done = try await until(seconds: 30) {
            let wf = try? await self.cluster.get(.workflow, namespace: "default", name: "handed-over").decode(Workflow.self)
            return wf?.status?.phase?.isCompleted == true
        }
        #expect(done)
        let wf = try await cluster.get(.workflow, namespace: "default", name: "handed-over").decode(Workflow.self)
        #expect(wf.status?.phase == .succeeded, "\(wf.status?.nodes?.values.map { $0.message ?? "" } ?? [])")
        let log = try String(contentsOf: cluster.logPath(namespace: "default", pod: name, container: "main"), encoding: .utf8)
        #expect(log == "ran\n", "the pod ran once")
    }

    /// A workflow deleted while no controller runs: its pod went with it, so the next agent stops the pod's
    /// processes (a kubelet kills containers whose pod is gone) and then removes its files.
    @Test func theNextAgentStopsThePodsOfAWorkflowDeletedMeanwhile() async throws {
        let (name, process) = try await startPodThenStop(seconds: 60)
        try await cluster.delete(.workflow, namespace: "default", name: "handed-over")
        let second = try await start()
        defer { Task { await second.shutdown() } }
        #expect(try await until(seconds: 20) { !process.isAlive }, "the deleted pod's process was stopped")
        let files = PodFiles(stateDirectory: directory, namespace: "default", name: name)
        #expect(try await until(seconds: 5) { !FileManager.default.fileExists(atPath: files.processFile.path) })
    }

    @Test func aControllerWhoseLeaseWasTakenOverStopsAndTheCommandSaysSo() async throws {
        let buffer = OutputBuffer()
        var env = CLIEnvironment(console: .capturing(buffer), stateDirectory: directory)
        env.startController = { cluster in
            try await LocalRuntime.startIfNeeded(
                cluster: try #require(cluster as? LocalCluster), executable: SharedData.argoLiteExecutable,
                renewEvery: .milliseconds(100))
        }
        let command = Task { [cluster, env] in try await ControllerCommand.parse([]).execute(cluster: cluster, env: env) }
        #expect(try await until(seconds: 10) { buffer.err.contains("controller running on") })

        // Another controller's lease, fresh: as if this one had stalled past its expiry and been replaced.
        var lease = try await cluster.get(.lease, namespace: "default", name: LocalRuntime.leaseName)
        lease["spec"]?["holderIdentity"] = "elsewhere-1-abcdef12"
        lease["spec"]?["renewTime"] = .string(LocalCluster.microTime(Date()))
        _ = try await cluster.update(.lease, lease)

        let ended = Flag()
        let result = Task { defer { ended.set() }; return try await command.value }
        if !(try await until(seconds: 10) { ended.isSet }) {
            Issue.record("the controller kept running without its lease")
            kill(getpid(), SIGTERM)  // the command's own way out: its signal handler ends it
        }
        let code = try await result.value
        #expect(code == 1)
        #expect(buffer.err.hasSuffix("another controller took over \(directory.path) (this one had stalled past its lease): stopped\n"))
        let holder = try await cluster.get(.lease, namespace: "default", name: LocalRuntime.leaseName)["spec"]?["holderIdentity"]
        #expect(holder == "elsewhere-1-abcdef12", "the lease stays with the controller that took over")
    }
}
