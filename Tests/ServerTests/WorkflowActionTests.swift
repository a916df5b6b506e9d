import Foundation
import Templates
import Testing

/// A stored workflow with a status, as a controller would have left it.
private func stored(_ name: String, phase: String, suspend: Bool = false, nodes: String = "{}") -> String {
    """
    {"apiVersion": "argoproj.io/v1alpha1", "kind": "Workflow",
     "metadata": {"name": "\(name)", "namespace": "default", "labels": {"team": "x"}},
     "spec": {"entrypoint": "main", "suspend": \(suspend), "templates": [
       {"name": "main", "container": {"image": "alpine", "command": ["true"]}}]},
     "status": {"phase": "\(phase)", "startedAt": "2026-01-01T00:00:00Z", "nodes": \(nodes)\(phase == "Running" ? "" : #", "finishedAt": "2026-01-01T00:01:00Z""#)}}
    """
}

private let waitingNode = """
    {"w": {"id": "w", "name": "w", "displayName": "w", "type": "Steps", "phase": "Running", "templateName": "main",
           "children": ["w-1"]},
     "w-1": {"id": "w-1", "name": "w.approve", "displayName": "approve", "type": "Suspend", "phase": "Running",
             "templateName": "approve", "outputs": {"parameters": [{"name": "answer", "valueFrom": {"supplied": {}}}]}}}
    """

@Suite struct WorkflowActionTests {
    @Test func suspendAndResume() async throws {
        try await ServerHarness.with { s in
            try await s.store(.workflow, stored("w", phase: "Running"))
            let suspended = try await s.put("/api/v1/workflows/default/w/suspend", #"{"name": "w", "namespace": "default"}"#)
            #expect(suspended.status == 200)
            #expect(suspended.json["spec"]?["suspend"] == true)
            #expect(try await s.cluster.get(.workflow, namespace: "default", name: "w")["spec"]?["suspend"] == true)
            let resumed = try await s.put("/api/v1/workflows/default/w/resume")
            #expect(resumed.status == 200)
            #expect(resumed.json["spec"]?["suspend"] == nil)
        }
    }

    @Test func completedWorkflowsCannotBeSuspendedOrStopped() async throws {
        try await ServerHarness.with { s in
            try await s.store(.workflow, stored("done", phase: "Succeeded"))
            #expect(try await s.put("/api/v1/workflows/default/done/suspend").text == #"{"code":3,"message":"cannot suspend completed workflows"}"#)
            #expect(try await s.put("/api/v1/workflows/default/done/stop").text == #"{"code":3,"message":"cannot shutdown a completed workflow: workflow: \"done\", namespace: \"default\""}"#)
            #expect(try await s.put("/api/v1/workflows/default/missing/terminate").status == 404)
        }
    }

    @Test func stopAndTerminateSetShutdown() async throws {
        try await ServerHarness.with { s in
            try await s.store(.workflow, stored("a", phase: "Running"))
            try await s.store(.workflow, stored("b", phase: "Running"))
            #expect(try await s.put("/api/v1/workflows/default/a/stop").json["spec"]?["shutdown"] == "Stop")
            #expect(try await s.put("/api/v1/workflows/default/b/terminate").json["spec"]?["shutdown"] == "Terminate")
        }
    }

    @Test func resumeAndSetByNodeFieldSelector() async throws {
        try await ServerHarness.with { s in
            try await s.store(.workflow, stored("w", phase: "Running", nodes: waitingNode))
            let none = try await s.put("/api/v1/workflows/default/w/resume", #"{"nodeFieldSelector": "displayName=other"}"#)
            #expect(none.text == #"{"code":3,"message":"currently, set only targets suspend nodes: no suspend nodes matching nodeFieldSelector: displayName=other"}"#)
            let set = try await s.put("/api/v1/workflows/default/w/set", #"""
                {"nodeFieldSelector": "displayName=approve", "phase": "Succeeded", "outputParameters": "{\"answer\": \"yes\"}"}
                """#)
            #expect(set.status == 200, "\(set.text)")
            let node = try #require(set.json["status"]?["nodes"]?["w-1"])
            #expect(node["phase"] == "Succeeded")
            #expect(node["outputs"]?["parameters"] == [["name": "answer", "value": "yes"]])
        }
    }

    @Test func setFailedAndStopBySelectorFailTheNode() async throws {
        try await ServerHarness.with { s in
            try await s.store(.workflow, stored("w", phase: "Running", nodes: waitingNode))
            let set = try await s.put("/api/v1/workflows/default/w/set", #"{"nodeFieldSelector": "displayName=approve", "phase": "Failed", "message": "no"}"#)
            #expect(set.json["status"]?["nodes"]?["w-1"]?["phase"] == "Failed")
            #expect(set.json["status"]?["nodes"]?["w-1"]?["message"] == "no")
            let bad = try await s.put("/api/v1/workflows/default/w/set", #"{"nodeFieldSelector": "displayName=approve", "phase": "Running"}"#)
            #expect(bad.text == #"{"code":3,"message":"phase \"Running\": argo-lite sets Suspend nodes to Succeeded or Failed"}"#)
        }
    }

    @Test func retryRemovesFailedWorkAndResubmitMakesANewWorkflow() async throws {
        try await ServerHarness.with { s in
            let nodes = #"{"r": {"id": "r", "name": "r", "displayName": "r", "type": "Pod", "phase": "Failed", "templateName": "main", "message": "boom"}}"#
            try await s.store(.workflow, stored("r", phase: "Failed", nodes: nodes))
            let retried = try await s.put("/api/v1/workflows/default/r/retry", #"{"name": "r", "namespace": "default"}"#)
            #expect(retried.status == 200, "\(retried.text)")
            #expect(retried.json["status"]?["phase"] == "Running")
            #expect(retried.json["status"]?["nodes"]?["r"] == nil)
            let again = try await s.put("/api/v1/workflows/default/r/retry")
            #expect(again.text == #"{"code":3,"message":"Cannot retry a workflow in phase Running"}"#)

            let resubmitted = try await s.put("/api/v1/workflows/default/r/resubmit", #"{"parameters": ["x=1"]}"#)
            #expect(resubmitted.status == 200, "\(resubmitted.text)")
            #expect(resubmitted.json["metadata"]?["generateName"] == "r-")
            #expect(resubmitted.json["metadata"]?["labels"] == ["team": "x", "workflows.argoproj.io/resubmitted-from-workflow": "r"])
            #expect(resubmitted.json["spec"]?["arguments"]?["parameters"] == [["name": "x", "value": "1"]])
            #expect(resubmitted.json["status"] == [:])
            let memoized = try await s.put("/api/v1/workflows/default/r/resubmit", #"{"memoized": true}"#)
            #expect(memoized.status == 400)
        }
    }
}
