import Foundation
import Testing
import Templates
@testable import Controller
@testable import Operator
@testable import Reconciler

/// Argo's `workflows.argoproj.io/report-outputs-completed` label on a WorkflowTaskResult: a pod that succeeded
/// before its executor reported all of its outputs (the label still `false`) leaves its node as it is; the node
/// moves on once the label is `true` (or absent, as results from older executors are). The outputs reported so far
/// reach the node either way, as Argo's `taskResultReconciliation` applies them.
@Suite struct OperatorTaskResultCompletionTests {
    static let workflow = """
    {"metadata": {"name": "report", "namespace": "argo", "uid": "u-1"},
     "spec": {"entrypoint": "main", "templates": [
       {"name": "main", "container": {"image": "alpine", "command": ["echo", "hi"]}}]}}
    """

    static func succeededPod() -> PodObservation {
        PodObservation(
            phase: .succeeded,
            containers: [ContainerObservation(name: "main", state: .terminated(
                exitCode: 0, reason: "Completed", message: nil, finishedAt: KubeTime(seconds: 1_700_000_001)))])
    }

    @Test(arguments: [
        (label: "false" as String?, phase: NodePhase.running),
        (label: "true", phase: .succeeded),
        (label: nil, phase: .succeeded),
    ] as [(label: String?, phase: NodePhase)])
    func aSucceededPodWaitsForItsOutputs(label: String?, phase: NodePhase) throws {
        var k = try FakeKubelet(json: Self.workflow)
        k.pass()  // creates the pod, which the fake kubelet starts
        k.pass()
        #expect(k.node("report")?.phase == .running)
        k.snapshot.pods["report"] = Self.succeededPod()
        var object: JSONValue = [
            "apiVersion": "argoproj.io/v1alpha1", "kind": "WorkflowTaskResult",
            "metadata": ["name": "report", "namespace": "argo", "labels": ["workflows.argoproj.io/workflow": "report"]],
            "outputs": ["result": "hi"],
        ]
        if let label { object["metadata"]?["labels"]?["workflows.argoproj.io/report-outputs-completed"] = .string(label) }
        k.snapshot.taskResults["report"] = try TaskResultObservation(taskResult: object)
        k.now += 1
        k.pass()
        let node = try #require(k.node("report"))
        #expect(node.phase == phase)
        #expect(node.outputs?.result == "hi")
        #expect(k.status.phase == (phase == .succeeded ? .succeeded : .running))
    }
}
