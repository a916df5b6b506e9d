import Executor
import Foundation
import Templates
import ClusterAPI
import LocalStore

/// Writes what the agent observes back into the store, as a kubelet does: the pod's status (phase, container
/// states with exit codes and times, message) and, for pods with an executor, the `WorkflowTaskResult` named
/// after the node, labelled `report-outputs-completed: "true"` as Argo's executor leaves it. Both are written in
/// one transaction; the controller reads a finished pod's task result directly when its watch has not yet
/// brought it, so it never takes a finished pod for one without outputs.
struct PodReporter: Sendable {
    let cluster: LocalCluster

    /// Claims the pod (Pending → Running) with a conditional write: of two agents racing, one wins. False when
    /// the pod is gone or was claimed by someone else.
    func markRunning(_ pod: JSONValue, containers: [String], at time: Date) async throws -> Bool {
        var current = pod
        for _ in 0..<5 {
            guard PodClaim.isUnclaimed(current) else { return false }
            let patch: JSONValue = [
                "metadata": ["resourceVersion": current["metadata"]?["resourceVersion"] ?? .null],
                "status": PodClaim.runningStatus(containers: containers, at: time),
            ]
            do {
                // A full disk: the pod has not started; claim it once there is space, rather than fail it.
                _ = try await PodReporter.untilStored { () async throws(ClusterError) in
                    try await cluster.patch(.pod, namespace: namespace(pod), name: name(pod), patch: patch, type: .merge)
                }
                return true
            } catch {
                switch error {
                case .conflict: current = try await cluster.get(.pod, namespace: namespace(pod), name: name(pod))
                case .notFound: return false
                default: throw error
                }
            }
        }
        return false
    }

    func finish(_ pod: JSONValue, plan: PodPlan, outcome: PodOutcome) async {
        var outcome = outcome
        if outcome.taskResult?["reason"]?.stringValue == Emissary.deadlineReason, outcome.main?.reason == .exited {
            outcome.main?.reason = .deadlineExceeded  // the pod stopped itself at its deadline (`CommandStopper`)
        }
        if outcome.taskResult?["reason"]?.stringValue == ContainerProcessOutcome.Reason.oomKilled.rawValue, outcome.main?.reason == .exited {
            outcome.main?.reason = .oomKilled  // the kernel killed it at its memory limit (`ContainerCgroup`)
        }
        let result = outcome.taskResult.flatMap { r in plan.nodeID.map { taskResult(pod, nodeID: $0, result: r) } }
        var statuses: [JSONValue] = []
        if let main = outcome.main { statuses.append(terminated(plan.main.name, main, message: outcome.terminationMessage)) }
        statuses += outcome.sidecars.map { terminated($0.name, $0.outcome) }
        let inits = outcome.initContainers.map { terminated($0.name, $0.outcome) }
        var message = outcome.message
        let initFailed = outcome.initContainers.contains { $0.outcome.exitCode != 0 }
        var succeeded = outcome.main?.exitCode == 0 && message == nil && !initFailed
        if let members = plan.containerSet {
            // A container set succeeds when every container does; statuses keep the pod's container order.
            let byName = Dictionary(outcome.containerSet.map { ($0.name, $0.outcome) }, uniquingKeysWith: { a, _ in a })
            statuses = members.compactMap { m in byName[m.name].map { terminated(m.name, $0) } }
            succeeded = message == nil && members.allSatisfy { byName[$0.name]?.exitCode == 0 }
        }
        if succeeded, outcome.taskResult?["phase"]?.stringValue == "Failed" {
            succeeded = false
            message = outcome.taskResult?["message"]?.stringValue
        }
        if outcome.main?.reason == .deadlineExceeded || outcome.containerSet.contains(where: { $0.outcome.reason == .deadlineExceeded })
            || outcome.taskResult?["reason"]?.stringValue == Emissary.deadlineReason {
            message = Emissary.deadlineMessage
            succeeded = false
        }
        var status: JSONObject = ["phase": succeeded ? "Succeeded" : "Failed", "containerStatuses": .array(statuses)]
        if message == Emissary.deadlineMessage { status["reason"] = .string(Emissary.deadlineReason) }
        if !inits.isEmpty { status["initContainerStatuses"] = .array(inits) }
        if let message { status["message"] = .string(message) }
        let patch: JSONValue = ["status": .object(status)]
        // A pod's end must never be lost, or its node stays Running for ever: a write the store refused whole is
        // made again until it is taken (`untilStored`).
        do {
            try await PodReporter.untilStored { [patch] () async throws(ClusterError) in
                try await cluster.report(taskResult: result, podNamespace: namespace(pod), podName: name(pod), podPatch: patch)
            }
        } catch {
            // A pod deleted meanwhile needs nothing. Otherwise keep the pod's end even if its task result cannot be
            // stored (the node then ends without those outputs instead of staying Running).
            if case .notFound = error { return }
            guard result != nil, !Task.isCancelled else { return }
            try? await PodReporter.untilStored { [patch] () async throws(ClusterError) in
                try await cluster.report(taskResult: nil, podNamespace: namespace(pod), podName: name(pod), podPatch: patch)
            }
        }
    }

    func fail(_ pod: JSONValue, message: String, at time: Date) async {
        let patch: JSONValue = ["status": ["phase": "Failed", "message": .string(message),
                                           "startTime": .string(LocalCluster.timestamp(time))]]
        _ = try? await PodReporter.untilStored { () async throws(ClusterError) in
            try await cluster.patch(.pod, namespace: namespace(pod), name: name(pod), patch: patch, type: .merge)
        }
    }

    /// Makes `write` until the store takes it: a write refused whole (`unavailable`: a full disk, a busy database)
    /// is made again after a pause (0.1 s, doubling up to 2 s) for as long as the pod's task runs (it is cancelled
    /// when the pod is deleted or the agent stops its pods). Other errors are thrown at once.
    static func untilStored<T>(_ write: () async throws(ClusterError) -> T) async throws(ClusterError) -> T {
        var attempt = 0
        while true {
            do {
                return try await write()
            } catch {
                guard case .unavailable = error else { throw error }
                attempt += 1
                try? await Task.sleep(for: .milliseconds(min(100 << min(attempt - 1, 5), 2000)))
                if Task.isCancelled { throw error }
            }
        }
    }

    /// The `WorkflowTaskResult` named after the node, labelled with its workflow and owned as the pod is.
    private func taskResult(_ pod: JSONValue, nodeID: String, result: JSONValue) -> JSONValue {
        let workflow = pod["metadata"]?["labels"]?[Common.labelKeyWorkflow] ?? .null
        var object: JSONObject = [
            "apiVersion": "argoproj.io/v1alpha1", "kind": "WorkflowTaskResult",
            "metadata": [
                "name": .string(nodeID), "namespace": .string(namespace(pod)),
                "labels": [Common.labelKeyWorkflow: workflow, Common.labelKeyReportOutputsCompleted: "true"],
                "ownerReferences": pod["metadata"]?["ownerReferences"] ?? .array([]),
            ],
        ]
        for key in ["outputs", "phase", "message", "progress"] { if let v = result[key], !v.isNull { object[key] = v } }
        return .object(object)
    }

    private func terminated(_ name: String, _ o: ContainerProcessOutcome, message: String? = nil) -> JSONValue {
        let reason: String = o.reason == .exited ? (o.exitCode == 0 ? "Completed" : "Error") : o.reason.rawValue
        var state: JSONObject = [
            "exitCode": .int(Int64(o.exitCode)), "reason": .string(reason),
            "startedAt": .string(LocalCluster.timestamp(o.startedAt)),
            "finishedAt": .string(LocalCluster.timestamp(o.finishedAt)),
        ]
        if let message, !message.isEmpty { state["message"] = .string(message) }
        return ["name": .string(name), "ready": false, "started": false, "state": ["terminated": .object(state)]]
    }

    private func namespace(_ pod: JSONValue) -> String { pod["metadata"]?["namespace"]?.stringValue ?? "default" }
    private func name(_ pod: JSONValue) -> String { pod["metadata"]?["name"]?.stringValue ?? "" }
}
