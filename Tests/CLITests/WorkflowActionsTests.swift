import Controller
import Foundation
import Templates
import Testing
@testable import argo_lite

@Suite struct WorkflowActionsTests {
    func approvalWorkflow() -> JSONValue {
        let wf = "approval"
        var suspendNode = Fixture.node(wf, "approval[0].approve", type: "Suspend", phase: "Running", display: "approve",
                                       template: "approve", boundary: wf, start: 1)
        suspendNode.1["outputs"] = ["parameters": [
            ["name": "decision", "valueFrom": ["supplied": [:], "default": "yes"]],
        ]]
        let other = Fixture.node(wf, "approval[0].wait", type: "Suspend", phase: "Running", display: "wait",
                                 template: "wait", boundary: wf, start: 1)
        return Fixture.workflow(wf, phase: "Running", finish: nil, nodes: [
            Fixture.node(wf, wf, type: "Steps", phase: "Running", template: "main", start: 0), suspendNode, other,
        ], spec: ["entrypoint": "main", "suspend": true])
    }

    @Test func suspendSetsSpecSuspendAndRefusesCompletedWorkflows() throws {
        var wf = Fixture.workflow("w", phase: "Running", finish: nil)
        #expect(try WorkflowActions.suspend(&wf))
        #expect(wf["spec"]?["suspend"] == true)
        #expect(try WorkflowActions.suspend(&wf) == false)
        var done = Fixture.workflow("d")
        #expect(throws: CLIError.self) { try WorkflowActions.suspend(&done) }
    }

    @Test func resumeClearsSuspendAndSucceedsWaitingSuspendNodesWithSuppliedDefaults() throws {
        var wf = approvalWorkflow()
        #expect(try WorkflowActions.resume(&wf, selector: nil, now: Fixture.now))
        #expect(wf["spec"]?["suspend"] == nil)
        let approve = wf["status"]?["nodes"]?[NodeNames.nodeID(workflow: "approval", nodeName: "approval[0].approve")]
        #expect(approve?["phase"] == "Succeeded")
        #expect(approve?["finishedAt"] == "2024-03-01T10:05:00Z")
        #expect(approve?["outputs"]?["parameters"]?[0] == ["name": "decision", "value": "yes"])
        #expect(WorkflowView(wf).isSuspended == false)
    }

    @Test func resumeWithASelectorResumesOnlyMatchingNodesAndKeepsSpecSuspend() throws {
        var wf = approvalWorkflow()
        #expect(try WorkflowActions.resume(&wf, selector: FieldSelector("displayName=wait"), now: Fixture.now))
        let nodes = WorkflowView(wf).nodes.values
        #expect(nodes.first { $0.displayName == "wait" }?.phase == "Succeeded")
        #expect(nodes.first { $0.displayName == "approve" }?.phase == "Running")
        #expect(wf["spec"]?["suspend"] == true)
        #expect(throws: CLIError.self) { try WorkflowActions.resume(&wf, selector: FieldSelector("displayName=nope"), now: Fixture.now) }
    }

    @Test func suppliedParameterWithoutDefaultCannotBeResumed() throws {
        var wf = approvalWorkflow()
        let id = NodeNames.nodeID(workflow: "approval", nodeName: "approval[0].approve")
        wf["status"]?["nodes"]?[id]?["outputs"] = ["parameters": [["name": "decision", "valueFrom": ["supplied": [:]]]]]
        #expect(throws: CLIError.self) { try WorkflowActions.resume(&wf, selector: nil, now: Fixture.now) }
    }

    @Test func stopAndTerminateSetTheShutdownStrategy() throws {
        var wf = Fixture.workflow("w", phase: "Running", finish: nil)
        #expect(try WorkflowActions.shutdown(&wf, strategy: "Stop"))
        #expect(wf["spec"]?["shutdown"] == "Stop")
        #expect(try WorkflowActions.shutdown(&wf, strategy: "Terminate"))
        #expect(wf["spec"]?["shutdown"] == "Terminate")
        var done = Fixture.workflow("d")
        #expect(throws: CLIError.self) { try WorkflowActions.shutdown(&done, strategy: "Stop") }
    }
}

@Suite struct SubmitOverridesTests {
    @Test func givenParametersComeFirstReplaceDeclaredOnesAndUndeclaredOnesAreAdded() throws {
        let declared: [JSONValue] = [["name": "a", "value": "1"], ["name": "b", "value": "2"]]
        let out = try SubmitOverrides.overrideParameters(declared, ["b=20", "c=x=y", "b=99"])
        #expect(out == [["name": "b", "value": "20"], ["name": "c", "value": "x=y"], ["name": "a", "value": "1"]])
        #expect(throws: CLIError.self) { try SubmitOverrides.overrideParameters(declared, ["novalue"]) }
    }

    @Test func overridesApplyToMetadataAndSpec() throws {
        var wf: JSONValue = [
            "apiVersion": "argoproj.io/v1alpha1", "kind": "Workflow",
            "metadata": ["generateName": "hello-", "labels": ["keep": "me"]],
            "spec": ["entrypoint": "main"],
        ]
        var o = SubmitOverrides(namespace: "team")
        o.entrypoint = "other"
        o.serviceAccount = "runner"
        o.labels = "a=1,b=2"
        o.generateName = "hi-"
        o.priority = 3
        o.parameters = ["message=hi"]
        try o.apply(to: &wf)
        #expect(wf["metadata"]?["namespace"] == "team")
        #expect(wf["metadata"]?["generateName"] == "hi-")
        #expect(wf["metadata"]?["labels"] == ["keep": "me", "a": "1", "b": "2"])
        #expect(wf["spec"]?["entrypoint"] == "other")
        #expect(wf["spec"]?["serviceAccountName"] == "runner")
        #expect(wf["spec"]?["priority"] == 3)
        #expect(wf["spec"]?["arguments"]?["parameters"] == [["name": "message", "value": "hi"]])
    }
}
