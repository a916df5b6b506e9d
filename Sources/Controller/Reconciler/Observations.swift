import Foundation
import Templates
import ClusterAPI
import Operator

extension PodObservation {
    /// What the operator needs of a Pod object as the kubelet (or the local node agent) reports it.
    init(pod: JSONValue) {
        let status = pod["status"] ?? .object([:])
        let phase = Phase(rawValue: status["phase"]?.stringValue ?? "Pending") ?? .unknown
        let containers = (status["containerStatuses"]?.arrayValue ?? []).map(ContainerObservation.init(status:))
        let inits = (status["initContainerStatuses"]?.arrayValue ?? []).map(ContainerObservation.init(status:))
        let finishes = (status["containerStatuses"]?.arrayValue ?? []).compactMap {
            KubeTime.from($0["state"]?["terminated"]?["finishedAt"])
        }
        self.init(
            phase: phase,
            message: status["message"]?.stringValue,
            containers: containers,
            initContainers: inits,
            startedAt: KubeTime.from(status["startTime"]),
            finishedAt: finishes.max(),
            hostNodeName: pod["spec"]?["nodeName"]?.stringValue,
            podIP: status["podIP"]?.stringValue,
            deleting: pod["metadata"]?["deletionTimestamp"].map { !$0.isNull } ?? false)
    }
}

extension ContainerObservation {
    init(status: JSONValue) {
        let name = status["name"]?.stringValue ?? ""
        let state = status["state"] ?? .object([:])
        if let t = state["terminated"], !t.isNull {
            self.init(
                name: name,
                state: .terminated(
                    exitCode: Int(t["exitCode"]?.intValue ?? 0), reason: t["reason"]?.stringValue,
                    message: t["message"]?.stringValue, finishedAt: KubeTime.from(t["finishedAt"])))
        } else if let r = state["running"], !r.isNull {
            self.init(name: name, state: .running)
        } else {
            let w = state["waiting"]
            self.init(name: name, state: .waiting(reason: w?["reason"]?.stringValue, message: w?["message"]?.stringValue))
        }
    }
}

extension TaskResultObservation {
    /// A WorkflowTaskResult object (named after the node ID) as the operator reads it.
    init(taskResult: JSONValue) throws {
        let result = try taskResult.decode(WorkflowTaskResult.self)
        let completed = taskResult["metadata"]?["labels"]?[Common.labelKeyReportOutputsCompleted]?.stringValue != "false"
        self.init(outputs: result.outputs, phase: result.phase, message: result.message, progress: result.progress,
                  outputsCompleted: completed)
    }
}

extension KubeTime {
    /// Parses an RFC 3339 JSON string; nil for anything else.
    static func from(_ value: JSONValue?) -> KubeTime? {
        guard let text = value?.stringValue else { return nil }
        return KubeTime(rfc3339: text)
    }
}

extension KubeTime {
    /// The wall clock, in whole seconds as Kubernetes timestamps are. Only the controller reads the clock.
    public static func current() -> KubeTime { KubeTime(seconds: Int64(Date().timeIntervalSince1970)) }
}
