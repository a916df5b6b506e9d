import Foundation
import Templates
import Testing
import TestSupport
@testable import Controller
@testable import ClusterAPI
@testable import LocalStore
@testable import LocalNode
@testable import argo_lite

/// A controller that stops hands its running pods over instead of killing them: they run on, and the next
/// controller collects them, as containers outlive a stopped kubelet. A controller whose lease another one took
/// over stops at once: two must never run one state directory.
@Suite(.serialized) final class ControllerHandOverTests {
    /// A pod that runs until `gate` exists (a minute at most: a failed test leaves nothing behind for long).
    static func workflow(gate: URL) -> String {
        """
        apiVersion: argoproj.io/v1alpha1
        kind: Workflow
        metadata: {name: handed-over, namespace: default}
        spec:
          entrypoint: work
          volumes: [{name: gate, hostPath: {path: \(gate.deletingLastPathComponent().path)}}]
          templates:
          - name: work
            container:
              image: alpine:3.20
              command: [sh, -c, "echo ran; i=0; while [ ! -e '/gate/\(gate.lastPathComponent)' ] && [ $i -lt 1200 ]; do sleep 0.05; i=$((i+1)); done"]
              volumeMounts: [{name: gate, mountPath: /gate}]
        """
    }
    let directory: URL
    let cluster: LocalCluster

    init() throws {
        directory = ScratchDirectory.url("argo-lite-handover")
        cluster = try LocalCluster(directory: directory)
    }

    deinit {
        try? FileManager.default.removeItem(at: directory)
        try? FileManager.default.removeItem(at: gate.deletingLastPathComponent())
    }

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

    /// In a folder of its own, which the pod sees through a hostPath volume (a pod sees nothing else of the host's).
    let gate = ScratchDirectory.url("argo-lite-handover-gate").appendingPathComponent("open")

    /// Runs the workflow's pod under a runtime that then stops; returns the pod's name and its (running) process.
    func startPodThenStop() async throws -> (name: String, process: ProcessIdentity) {
        let first = try await start()
        _ = try await cluster.create(.workflow, try YAML.loadFirst(Self.workflow(gate: gate)).toJSONValue())
        #expect(try await until(seconds: 30) { await self.pod?["metadata"]?["name"] != nil })
        let name = try #require(await pod?["metadata"]?["name"]?.stringValue)
        let files = PodFiles(stateDirectory: directory, namespace: "default", name: name)
        #expect(try await until(seconds: 30) { PodReporter.recordedProcess(in: files.processFile)?.isAlive == true })
        await first.shutdown()
        let process = try #require(PodReporter.recordedProcess(in: files.processFile))
        #expect(process.isAlive, "the pod's process runs on after its controller stopped")
        return (name, process)
    }

    /// `submit --wait` ends its in-process controller with its own workflow, while other workflows' pods may run.
    @Test func aStoppedControllerLeavesItsPodsRunningAndTheNextOneFinishesThem() async throws {
        let (name, process) = try await startPodThenStop()

        let second = try await start()
        defer { Task { await second.shutdown() } }
        #expect(FileManager.default.createFile(atPath: gate.path, contents: nil))
        #expect(try await until(seconds: 30) { !process.isAlive })
        let done = try await until(seconds: 30) {
            let wf = try? await self.cluster.get(.workflow, namespace: "default", name: "handed-over").decode(Workflow.self)
            return wf?.status?.phase?.isCompleted == true
        }
        let seen = await pod?["status"]?.compactJSON ?? "none"
        #expect(done, "pod: \(seen)")
        let wf = try await cluster.get(.workflow, namespace: "default", name: "handed-over").decode(Workflow.self)
        #expect(wf.status?.phase == .succeeded, "\(wf.status?.nodes?.values.map { $0.message ?? "" } ?? [])")
        let log = try String(contentsOf: cluster.logPath(namespace: "default", pod: name, container: "main"), encoding: .utf8)
        #expect(log == "ran\n", "the pod ran once")
    }

    /// A workflow deleted while no controller runs: its pod went with it, so the next agent stops the pod's
    /// processes (a kubelet kills containers whose pod is gone) and then removes its files.
    @Test func theNextAgentStopsThePodsOfAWorkflowDeletedMeanwhile() async throws {
        let (name, process) = try await startPodThenStop()
        try await cluster.delete(.workflow, namespace: "default", name: "handed-over")
        let second = try await start()
        defer { Task { await second.shutdown() } }
        #expect(try await until(seconds: 20) { !process.isAlive }, "the deleted pod's process was stopped")
        let files = PodFiles(stateDirectory: directory, namespace: "default", name: name)
        #expect(try await until(seconds: 5) { !FileManager.default.fileExists(atPath: files.processFile.path) })
    }

    /// A pod claimed by an agent that died before starting it has no process file: the next agent looks for its
    /// process by the pod's uid, not by its name, which a process of another state directory may share.
    @Test func anUnstartedPodIsNotMistakenForAnotherPodOfTheSameName() async throws {
        var decoy: pid_t = 0
        let argv = ["/bin/sh", "-c", "sleep 30"]
        let env = ["ARGO_POD_NAME=orphan", "ARGO_NAMESPACE=default", "ARGO_POD_UID=of-another-state-directory"]
        var cargs = argv.map { strdup($0) } + [nil]
        var cenv = env.map { strdup($0) } + [nil]
        defer { for p in cargs + cenv { free(p) } }
        #expect(posix_spawn(&decoy, argv[0], nil, nil, &cargs, &cenv) == 0)
        defer { kill(decoy, SIGKILL); var status: Int32 = 0; waitpid(decoy, &status, 0) }

        _ = try await cluster.create(.pod, [
            "metadata": ["name": "orphan", "namespace": "default"],
            "spec": ["containers": [["name": "main", "image": "alpine:3.20", "command": ["sh", "-c", "echo ran"]]]],
            "status": ["phase": "Running", "startTime": .string(LocalCluster.timestamp(Date()))],
        ])
        let runtime = try await start()
        defer { Task { await runtime.shutdown() } }
        let phase = { try? await self.cluster.get(.pod, namespace: "default", name: "orphan")["status"]?["phase"]?.stringValue }
        #expect(try await until(seconds: 20) { await phase() == "Succeeded" }, "handed back to Pending and run, not waited on")
        #expect(ProcessIdentity(running: decoy) != nil, "the other pod's process was left alone")
    }

    /// `argo-lite controller` as a task of this process, renewing its lease (and standing by) every 100 ms.
    func controllerCommand(_ buffer: OutputBuffer) -> Task<Int32, any Error> {
        var env = CLIEnvironment(console: .capturing(buffer), stateDirectory: directory)
        env.pollInterval = .milliseconds(100)
        env.startController = { cluster in
            try await LocalRuntime.startIfNeeded(
                cluster: try #require(cluster as? LocalCluster), executable: SharedData.argoLiteExecutable,
                renewEvery: .milliseconds(100))
        }
        return Task { [cluster, env] in try await ControllerCommand.parse([]).execute(cluster: cluster, env: env) }
    }

    /// Gives the lease to another controller, fresh: as if the holder had stalled past its expiry and been replaced.
    /// Then waits for `command` to end (SIGTERM, its own way out, should it not).
    func replaceHolderAndWait(for command: Task<Int32, any Error>) async throws -> Int32 {
        // The holder renews every 100 ms: an update that raced a renewal conflicts, and is made again on the new
        // version, as a controller taking a lease over does.
        var attempts = 0
        while true {
            attempts += 1
            var lease = try await cluster.get(.lease, namespace: "default", name: LocalRuntime.leaseName)
            lease["spec"]?["holderIdentity"] = "elsewhere-1-abcdef12"
            lease["spec"]?["renewTime"] = .string(LeaseTime.microTime(Date()))
            do {
                _ = try await cluster.update(.lease, lease)
                break
            } catch {
                guard case .conflict = error, attempts < 20 else { throw error }
            }
        }
        let ended = Flag()
        let result = Task { defer { ended.set() }; return try await command.value }
        if !(try await until(seconds: 10) { ended.isSet }) {
            Issue.record("the controller kept running without its lease")
            kill(getpid(), SIGTERM)
        }
        return try await result.value
    }

    @Test func aControllerWhoseLeaseWasTakenOverStopsAndTheCommandSaysSo() async throws {
        let buffer = OutputBuffer()
        let command = controllerCommand(buffer)
        #expect(try await until(seconds: 10) { buffer.err.contains("controller running on") })
        #expect(try await replaceHolderAndWait(for: command) == 1)
        #expect(buffer.err.hasSuffix("another controller took over \(directory.path) (this one had stalled past its lease): stopped\n"))
        let holder = try await cluster.get(.lease, namespace: "default", name: LocalRuntime.leaseName)["spec"]?["holderIdentity"]
        #expect(holder == "elsewhere-1-abcdef12", "the lease stays with the controller that took over")
    }

    /// As replicas of Argo's workflow-controller do: a second one waits, and runs once the first has stopped.
    @Test func aSecondControllerStandsByAndTakesOverWhenTheFirstStops() async throws {
        let first = try await start()
        let buffer = OutputBuffer()
        let command = controllerCommand(buffer)
        #expect(try await until(seconds: 10) { buffer.err.contains("standing by to take over") })
        #expect(!buffer.err.contains("controller running on"))
        await first.shutdown()
        #expect(try await until(seconds: 10) { buffer.err.contains("controller running on") })
        #expect(try await replaceHolderAndWait(for: command) == 1)
    }
}
