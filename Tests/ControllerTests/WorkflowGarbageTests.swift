import Foundation
import Testing
import Templates
@testable import Controller
@testable import ClusterAPI
@testable import Reconciler

/// Argo's pod GC (`determinePodCleanupAction`) and TTL (`ttl` of its TTL controller), as pure decisions.
@Suite struct WorkflowGarbageTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var strategy: String
        var workflow: WorkflowPhase?
        var pod: String
        var deletes: Bool
        var testDescription: String { "\(strategy), workflow \(workflow?.rawValue ?? "running"), pod \(pod) → \(deletes)" }
    }

    @Test(arguments: [
        Case(strategy: "OnPodCompletion", workflow: nil, pod: "Failed", deletes: true),
        Case(strategy: "OnPodCompletion", workflow: nil, pod: "Succeeded", deletes: true),
        Case(strategy: "OnPodSuccess", workflow: nil, pod: "Succeeded", deletes: true),
        Case(strategy: "OnPodSuccess", workflow: .failed, pod: "Failed", deletes: false),
        Case(strategy: "OnWorkflowCompletion", workflow: nil, pod: "Succeeded", deletes: false),
        Case(strategy: "OnWorkflowCompletion", workflow: .failed, pod: "Succeeded", deletes: true),
        Case(strategy: "OnWorkflowCompletion", workflow: .error, pod: "Failed", deletes: true),
        Case(strategy: "OnWorkflowSuccess", workflow: .succeeded, pod: "Failed", deletes: true),
        Case(strategy: "OnWorkflowSuccess", workflow: .failed, pod: "Succeeded", deletes: false),
        Case(strategy: "", workflow: .succeeded, pod: "Succeeded", deletes: false),
    ])
    func aPodOfAFinishedNodeIsDeletedAsArgoDecides(_ c: Case) {
        #expect(WorkflowGarbage.deletes(strategy: c.strategy, selector: .everything, podLabels: [:],
                                        workflowPhase: c.workflow, podPhase: c.pod) == c.deletes)
    }

    @Test func theLabelSelectorLimitsWhichPodsGo() throws {
        let selector = try #require(LabelSelector(kubernetes: [
            "matchLabels": ["should-be-deleted": "true"],
            "matchExpressions": [["key": "tier", "operator": "NotIn", "values": ["db"]]],
        ]))
        func deletes(_ labels: [String: String]) -> Bool {
            WorkflowGarbage.deletes(strategy: "OnPodSuccess", selector: selector, podLabels: labels,
                                    workflowPhase: nil, podPhase: "Succeeded")
        }
        #expect(deletes(["should-be-deleted": "true"]))
        #expect(!deletes(["should-be-deleted": "false"]))
        #expect(!deletes(["should-be-deleted": "true", "tier": "db"]))
        #expect(LabelSelector(kubernetes: ["matchExpressions": [["key": "a", "operator": "Like"]]]) == nil)
        #expect(!WorkflowGarbage.deletes(strategy: "OnPodCompletion", selector: nil, podLabels: [:],
                                         workflowPhase: .succeeded, podPhase: "Succeeded"), "an invalid selector deletes nothing")
    }

    static func workflow(_ spec: String, phase: String?, finishedAt: String? = "2026-11-22T12:00:00Z",
                         nodes: String = "{}") throws -> Workflow {
        var status = #"{"nodes": \#(nodes)"#
        if let phase { status += #", "phase": "\#(phase)""# }
        if let finishedAt { status += #", "finishedAt": "\#(finishedAt)""# }
        let text = #"{"metadata": {"name": "w", "namespace": "argo"}, "spec": {"entrypoint": "main", \#(spec)}, "status": \#(status)}}"#
        return try JSONBridge.parse(text).decode(Workflow.self)
    }

    @Test(arguments: [
        ("Succeeded", Int64(5)), ("Failed", 7), ("Error", 10),
    ])
    func theTTLForThePhaseCountsFromFinishedAt(phase: String, seconds: Int64) throws {
        let wf = try Self.workflow(
            #""ttlStrategy": {"secondsAfterCompletion": 10, "secondsAfterSuccess": 5, "secondsAfterFailure": 7}"#, phase: phase)
        #expect(WorkflowGarbage.expiry(of: wf) == KubeTime(rfc3339: "2026-11-22T12:00:00Z")! + seconds)
    }

    @Test func noTTLWhileRunningOrWithoutOneForThePhase() throws {
        #expect(WorkflowGarbage.expiry(of: try Self.workflow(#""ttlStrategy": {"secondsAfterCompletion": 1}"#,
                                                             phase: "Running", finishedAt: nil)) == nil)
        #expect(WorkflowGarbage.expiry(of: try Self.workflow(#""ttlStrategy": {"secondsAfterSuccess": 1}"#,
                                                             phase: "Failed")) == nil)
    }

    static func pod(_ name: String, node: String, phase: String, labels: JSONValue = [:]) -> JSONValue {
        ["metadata": ["name": .string(name), "labels": labels, "annotations": ["workflows.argoproj.io/node-id": .string(node)]],
         "status": ["phase": .string(phase)]]
    }

    @Test func podsGoAfterTheDelayFromTheirNodesEnd() throws {
        let nodes = """
            {"a": {"id": "a", "name": "w.a", "type": "Pod", "phase": "Succeeded", "finishedAt": "2026-11-22T12:00:00Z"},
             "b": {"id": "b", "name": "w.b", "type": "Pod", "phase": "Succeeded", "finishedAt": "2026-11-22T12:00:08Z"},
             "c": {"id": "c", "name": "w.c", "type": "Pod", "phase": "Running"}}
            """
        let wf = try Self.workflow(#""podGC": {"strategy": "OnPodSuccess", "deleteDelayDuration": "10s"}"#,
                                   phase: "Running", finishedAt: nil, nodes: nodes)
        let pods = [Self.pod("pa", node: "a", phase: "Succeeded"), Self.pod("pb", node: "b", phase: "Succeeded"),
                    Self.pod("pc", node: "c", phase: "Running")]
        let at = KubeTime(rfc3339: "2026-11-22T12:00:12Z")!
        let plan = WorkflowGarbage.pods(of: wf, pods, now: at)
        #expect(plan.due == ["pa"])
        #expect(plan.next == KubeTime(rfc3339: "2026-11-22T12:00:18Z"), "pb's turn; pc's node has not ended")

        let byDefault = try Self.workflow(#""podGC": {"strategy": "OnPodSuccess"}"#, phase: "Running", finishedAt: nil, nodes: nodes)
        #expect(WorkflowGarbage.pods(of: byDefault, pods, now: at).due == ["pa"], "Argo's default delay is 5 s")
        #expect(WorkflowGarbage.pods(of: byDefault, pods, now: at + 1).due == ["pa", "pb"])
    }

    @Test func onWorkflowCompletionCountsFromTheWorkflowsEnd() throws {
        let nodes = #"{"a": {"id": "a", "name": "w.a", "type": "Pod", "phase": "Failed", "finishedAt": "2026-11-22T11:00:00Z"}}"#
        let wf = try Self.workflow(#""podGC": {"strategy": "OnWorkflowCompletion", "deleteDelayDuration": "0s"}"#,
                                   phase: "Failed", nodes: nodes)
        let pods = [Self.pod("pa", node: "a", phase: "Failed")]
        #expect(WorkflowGarbage.pods(of: wf, pods, now: KubeTime(rfc3339: "2026-11-22T11:59:59Z")!).due == [])
        #expect(WorkflowGarbage.pods(of: wf, pods, now: KubeTime(rfc3339: "2026-11-22T12:00:00Z")!).due == ["pa"])
    }
}
