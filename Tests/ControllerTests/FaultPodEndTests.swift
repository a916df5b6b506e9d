import Foundation
import Testing
import Templates
import TestSupport
@testable import Controller
@testable import ClusterAPI
@testable import LocalStore
@testable import Reconciler
@testable import LocalNode
@testable import Executor

/// A pod's end is never lost: a write the store refuses (a full disk) is retried until it is stored; a process
/// that ended without a readable result fails its pod, saying why; and the controller syncs every incomplete
/// workflow again on its own (`WorkflowController.resync`).
@Suite(.serialized, .tags(.fault)) struct FaultPodEndTests {
    final class Toggle: Sendable {
        private let value = Locked(false)
        func set(_ on: Bool) { value.withLock { $0 = on } }
        var isOn: Bool { value.withLock { $0 } }
    }
    let refusing = Toggle()

    func cluster(_ dir: URL) throws -> LocalCluster {
        var options = LocalCluster.Options()
        let refusing = self.refusing
        options.refuseWrites = { refusing.isOn }
        return try LocalCluster(directory: dir, options: options)
    }

    func runningPod(_ cluster: LocalCluster, name: String) async throws -> JSONValue {
        let pod: JSONValue = [
            "apiVersion": "v1", "kind": "Pod",
            "metadata": ["name": .string(name), "namespace": "argo", "labels": ["workflows.argoproj.io/workflow": "wf"],
                         "annotations": ["workflows.argoproj.io/node-id": .string("wf-\(name)")]],
            "spec": ["containers": [["name": "main", "image": "alpine"]]],
            "status": PodClaim.runningStatus(containers: ["main"], at: Date()),
        ]
        return try await cluster.create(.pod, pod)
    }

    func plan(_ cluster: LocalCluster, _ name: String, main: ContainerProcessSpec = ContainerProcessSpec(argv: [], logFile: "")) -> PodPlan {
        let files = PodFiles(stateDirectory: cluster.directory, namespace: "argo", name: name)
        return PodPlan(namespace: "argo", name: name, nodeID: "wf-\(name)", files: files, initContainers: [],
                       main: (name: "main", spec: main), sidecars: [], taskResultFile: files.taskResult)
    }

    func phase(_ cluster: LocalCluster, _ name: String) async throws -> (String?, String?) {
        let pod = try await cluster.get(.pod, namespace: "argo", name: name)
        return (pod["status"]?["phase"]?.stringValue, pod["status"]?["message"]?.stringValue)
    }

    @Test func aPodsEndIsStoredOnceTheFullDiskHasSpaceAgain() async throws {
        let dir = ScratchDirectory.url("pod-end-disk-full")
        defer { try? FileManager.default.removeItem(at: dir) }
        let cluster = try cluster(dir)
        let pod = try await runningPod(cluster, name: "full")
        let main = ContainerProcessOutcome(exitCode: 0, signal: nil, reason: .exited, startedAt: Date(), finishedAt: Date())
        let result = try JSONBridge.parse(#"{"phase":"Succeeded","outputs":{"exitCode":"0"}}"#)
        refusing.set(true)
        let report = Task { await PodReporter(cluster: cluster).finish(pod, plan: plan(cluster, "full"), outcome: PodOutcome(main: main, taskResult: result)) }
        try await Task.sleep(for: .milliseconds(1500))
        refusing.set(false)  // space again
        let stored = try await until(seconds: 10) { try await phase(cluster, "full").0 == "Succeeded" }
        report.cancel()
        let now = try await phase(cluster, "full")
        #expect(stored, "the pod's end was dropped while the disk was full: \(now)")
        let taskResult = try? await cluster.get(.workflowTaskResult, namespace: "argo", name: "wf-full")
        #expect(taskResult?["outputs"]?["exitCode"]?.stringValue == "0", "the task result is stored with the pod's end")
    }

    @Test func aPodIsClaimedOnceTheFullDiskHasSpaceAgainNotFailed() async throws {
        let dir = ScratchDirectory.url("pod-claim-disk-full")
        defer { try? FileManager.default.removeItem(at: dir) }
        let cluster = try cluster(dir)
        let pod = try await cluster.create(.pod, [
            "apiVersion": "v1", "kind": "Pod", "metadata": ["name": "claim", "namespace": "argo"],
            "spec": ["containers": [["name": "main", "image": "alpine"]]], "status": ["phase": "Pending"],
        ])
        refusing.set(true)
        let claim = Task { try await PodReporter(cluster: cluster).markRunning(pod, containers: ["main"], at: Date()) }
        try await Task.sleep(for: .milliseconds(1000))
        refusing.set(false)
        let claimed = try await claim.value
        #expect(claimed)
        #expect(try await phase(cluster, "claim").0 == "Running")
    }

    @Test func aProcessThatEndedWithAnEmptyResultFailsItsPod() async throws {
        let dir = ScratchDirectory.url("pod-end-empty-result")
        defer { try? FileManager.default.removeItem(at: dir) }
        let cluster = try cluster(dir)
        let plan = plan(cluster, "empty", main: ContainerProcessSpec(argv: ["/bin/sh", "-c", "exit 0"], logFile: dir.appendingPathComponent("main.log").path))
        try plan.files.prepare()
        FileManager.default.createFile(atPath: plan.files.taskResult.path, contents: Data())  // a 0-byte result
        let launcher = PodLauncher(cluster: cluster, runner: PodProcessRunner(isolation: .processGroup), catalog: ImageCatalog(entries: [:]))
        let outcome = await launcher.run(plan)
        #expect(outcome.message?.hasPrefix("the pod's result could not be written: ") == true, "\(outcome.message ?? "no message")")
        let pod = try await runningPod(cluster, name: "empty")
        await PodReporter(cluster: cluster).finish(pod, plan: plan, outcome: outcome)
        let (phase, message) = try await phase(cluster, "empty")
        #expect(phase == "Failed")
        #expect(message?.hasPrefix("the pod's result could not be written: ") == true, "\(message ?? "no message")")
    }

    @Test func anAdoptedPodWhoseProcessLeftAnEmptyResultFails() async throws {
        let dir = ScratchDirectory.url("pod-end-adopt-empty")
        defer { try? FileManager.default.removeItem(at: dir) }
        let cluster = try cluster(dir)
        let pod = try await runningPod(cluster, name: "adopted")
        let files = PodFiles(stateDirectory: cluster.directory, namespace: "argo", name: "adopted")
        try files.prepare()
        // The emissary created its result file, and the disk was full when it wrote it; its log is empty too.
        FileManager.default.createFile(atPath: files.taskResult.path, contents: Data())
        await LocalNodeAgent.adopt(pod, cluster: cluster, reporter: PodReporter(cluster: cluster), left: Flag())
        let (phase, message) = try await phase(cluster, "adopted")
        #expect(phase == "Failed", "a pod that ran is not handed back to Pending to run twice, nor left Running")
        #expect(message?.hasPrefix("the pod's result could not be written: ") == true, "\(message ?? "no message")")
    }

    @Test func theControllerResyncsAnIncompleteWorkflowWithNoEvents() async throws {
        let dir = ScratchDirectory.url("controller-resync")
        defer { try? FileManager.default.removeItem(at: dir) }
        let cluster = try cluster(dir)
        let yaml = """
            apiVersion: argoproj.io/v1alpha1
            kind: Workflow
            metadata: {name: waits, namespace: argo}
            spec:
              entrypoint: main
              templates: [{name: main, suspend: {}}]
            """
        _ = try await cluster.create(.workflow, try YAML.loadFirst(yaml).toJSONValue())
        let controller = try WorkflowController(cluster: cluster, workers: 1, resyncPeriod: .milliseconds(200))
        let run = Task { await controller.run() }
        defer { run.cancel() }
        let settled = try await until(seconds: 10) {
            (try? await cluster.get(.workflow, namespace: "argo", name: "waits"))?["status"]?["phase"]?.stringValue == "Running"
        }
        #expect(settled)
        try await Task.sleep(for: .milliseconds(300))
        let before = controller.syncs.withLock { $0 }
        try await Task.sleep(for: .milliseconds(1000))
        let after = controller.syncs.withLock { $0 }
        #expect(after >= before + 3, "a quiet incomplete workflow was synced \(after - before) times in 1 s with a 200 ms resync")
    }
}
