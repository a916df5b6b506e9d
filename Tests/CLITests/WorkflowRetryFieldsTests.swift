import Controller
import Foundation
import Templates
import Testing
@testable import argo_lite

/// `WorkflowRetry`: the phases it refuses, the workflow-level fields it resets, and Argo's own
/// `TestFormulateRetryWorkflow` cases (node IDs that are not hashes, as Argo's test writes them).
@Suite struct WorkflowRetryFieldsTests {
    @Test(arguments: [
        ("Running", "Cannot retry a workflow in phase Running"),
        ("Pending", "Cannot retry a workflow in phase Pending"),
        ("Succeeded", "To retry a succeeded workflow, set the options restartSuccessful and nodeFieldSelector"),
    ])
    func refusesWorkflowsThatDidNotFail(phase: String, message: String) {
        let wf = Fixture.workflow("w", phase: phase, nodes: [Fixture.node("w", "w", type: "Pod", phase: phase)])
        #expect(throws: CLIError.self) { try WorkflowRetry().formulate(wf, now: Fixture.now) }
        do {
            _ = try WorkflowRetry().formulate(wf, now: Fixture.now)
        } catch {
            #expect(error.description == message)
        }
    }

    @Test func undoesEverythingThatSaysFinished() throws {
        var wf = Fixture.workflow(
            "w", phase: "Failed", finish: 10, nodes: [Fixture.node("w", "w", type: "Pod", phase: "Failed")],
            spec: ["entrypoint": "main", "shutdown": "Terminate", "activeDeadlineSeconds": 0,
                   "arguments": ["parameters": [["name": "a", "value": "1"], ["name": "b", "value": "2"]]]],
            status: ["message": "Stopped with strategy 'Terminate'",
                     "conditions": [["type": "PodRunning", "status": "False"],
                                    ["type": "Completed", "status": "True", "message": "done"]],
                     "storedWorkflowTemplateSpec": ["entrypoint": "main", "shutdown": "Terminate"],
                     "persistentVolumeClaims": [["name": "v"]]])
        wf["metadata"]?["labels"] = ["workflows.argoproj.io/completed": "true", "workflows.argoproj.io/phase": "Failed",
                                     "team": "x"]
        let plan = try WorkflowRetry(parameters: ["b=3"]).formulate(wf, now: Fixture.now)
        let out = plan.workflow
        #expect(out["metadata"]?["labels"] == ["workflows.argoproj.io/phase": "Running", "team": "x"])
        #expect(out["status"]?["phase"] == "Running")
        #expect(out["status"]?["message"] == nil)
        #expect(out["status"]?["finishedAt"] == nil)
        #expect(out["status"]?["startedAt"] == "2024-03-01T10:05:00Z")
        #expect(out["status"]?["persistentVolumeClaims"] == nil)
        #expect(out["status"]?["conditions"] == [["type": "PodRunning", "status": "False"],
                                                  ["type": "Completed", "status": "False"]])
        #expect(out["spec"]?["shutdown"] == nil)
        #expect(out["spec"]?["activeDeadlineSeconds"] == nil)
        let params: JSONValue = [["name": "b", "value": "3"], ["name": "a", "value": "1"]]
        #expect(out["spec"]?["arguments"]?["parameters"] == params)
        #expect(out["status"]?["storedWorkflowTemplateSpec"] == ["entrypoint": "main", "arguments": ["parameters": params]])
    }

    @Test func aNonZeroDeadlineStays() throws {
        let wf = Fixture.workflow("w", phase: "Error", nodes: [Fixture.node("w", "w", type: "Pod", phase: "Error")],
                                  spec: ["entrypoint": "main", "activeDeadlineSeconds": 30])
        #expect(try WorkflowRetry().formulate(wf, now: Fixture.now).workflow["spec"]?["activeDeadlineSeconds"] == 30)
    }

    /// Argo's "Retry continue on failed workflow" pair: node 2 failed but its dependent 3 succeeded
    /// (`continueOn`), so only 4 (and the omitted 5 below it) go; a selector that picks 3 takes 2 with it.
    static func continueOnFailed(_ name: String) -> JSONValue {
        func n(_ id: String, _ phase: String, _ type: String, _ children: [String] = []) -> (String, JSONValue) {
            var o: JSONObject = ["id": .string(id), "name": .string("node\(id)"), "phase": .string(phase),
                                 "type": .string(type), "boundaryID": .string(name), "templateName": "t"]
            if !children.isEmpty { o["children"] = .array(children.map { .string($0) }) }
            return (id, .object(o))
        }
        let root: JSONValue = ["id": .string(name), "name": .string(name), "phase": "Failed", "type": "DAG",
                               "children": ["1"], "outboundNodes": ["3", "5"]]
        return Fixture.workflow(name, phase: "Failed", nodes: [
            (name, root), n("1", "Succeeded", "Pod", ["2", "4"]), n("2", "Failed", "Pod", ["3"]),
            n("3", "Succeeded", "Pod"), n("4", "Failed", "Pod", ["5"]), n("5", "Omitted", "Skipped"),
        ])
    }

    @Test func continueOnFailedKeepsTheFailedNodeWhoseDependentSucceeded() throws {
        let plan = try WorkflowRetry().formulate(Self.continueOnFailed("c"), now: Fixture.now)
        let nodes = plan.workflow["status"]?["nodes"]?.objectValue ?? [:]
        #expect(Array(nodes.keys) == ["c", "1", "2", "3"])
        #expect(nodes["c"]?["phase"] == "Running")
        #expect(nodes["c"]?["outboundNodes"] == ["3"])
        #expect(nodes["1"]?["children"] == ["2"])
        #expect(plan.podsToDelete == [NodeNames.podName(workflow: "c", nodeName: "node4", templateName: "t")])
    }

    @Test func continueOnFailedWithASelectorRestartsThePickedNodeAndItsFailedParent() throws {
        let retry = WorkflowRetry(restartSuccessful: true, nodeFieldSelector: "id=3")
        let plan = try retry.formulate(Self.continueOnFailed("c"), now: Fixture.now)
        let nodes = plan.workflow["status"]?["nodes"]?.objectValue ?? [:]
        #expect(Array(nodes.keys) == ["c", "1"])
        #expect(nodes["1"]?["phase"] == "Succeeded")
        #expect(plan.podsToDelete.count == 3)
    }

    @Test func selectorWithNotEqualsPicksEveryOtherNode() throws {
        let wf = "ne"
        let doc = Fixture.workflow(wf, phase: "Succeeded", nodes: [
            Fixture.node(wf, wf, type: "DAG", template: "main", children: ["ne.A", "ne.B"]),
            Fixture.node(wf, "ne.A", type: "Pod", display: "A", template: "a", boundary: wf),
            Fixture.node(wf, "ne.B", type: "Pod", display: "B", template: "b", boundary: wf),
        ])
        let plan = try WorkflowRetry(restartSuccessful: true, nodeFieldSelector: "templateName!=a,type!=x,phase=Succeeded")
            .formulate(doc, now: Fixture.now)
        // The selector also matches the root (templateName main): the root goes too, and the whole workflow runs again.
        #expect(plan.workflow["status"]?["nodes"] == nil)
        let narrow = try WorkflowRetry(restartSuccessful: true, nodeFieldSelector: "templateName=b")
            .formulate(doc, now: Fixture.now)
        #expect(Array((narrow.workflow["status"]?["nodes"]?.objectValue ?? [:]).keys)
            == [wf, NodeNames.nodeID(workflow: wf, nodeName: "ne.A")])
        #expect(narrow.podsToDelete == [NodeNames.podName(workflow: wf, nodeName: "ne.B", templateName: "b")])
    }

    @Test func aNodeWithoutParentIsAnError() {
        let wf = Fixture.workflow("w", phase: "Failed", nodes: [
            Fixture.node("w", "w", type: "Steps", phase: "Failed"),
            Fixture.node("w", "w[0].lost", type: "Pod", phase: "Failed", boundary: "w"),
        ])
        #expect(throws: CLIError.self) { try WorkflowRetry().formulate(wf, now: Fixture.now) }
    }

    @Test func aTypedWorkflowGivesTheSamePlan() throws {
        let doc = Self.continueOnFailed("c")
        let typed = try JSONBridge.decode(Workflow.self, from: doc)
        let fromTyped = try WorkflowRetry().formulate(typed, now: Fixture.now)
        let fromJSON = try WorkflowRetry().formulate(doc, now: Fixture.now)
        #expect(fromTyped.podsToDelete == fromJSON.podsToDelete)
        #expect(fromTyped.workflow["status"]?["nodes"] == fromJSON.workflow["status"]?["nodes"])
    }
}
