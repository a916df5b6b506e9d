import Controller
import Foundation
import Templates
import Testing
@testable import argo_lite

/// `WorkflowRetry.formulate` on hand-built node trees, linked as Argo links them (a step group's children are its
/// steps, each step's child the next group; a DAG task's children the tasks that depend on it).
@Suite struct WorkflowRetryTests {
    /// A node named `name` in workflow `wf`, children and boundary given by node name.
    static func node(_ wf: String, _ name: String, _ type: String, _ phase: String, children: [String] = [],
                     boundary: String? = nil, template: String? = "t", retried: Bool = false) -> (String, JSONValue) {
        var n = Fixture.node(wf, name, type: type, phase: phase, template: template, boundary: boundary,
                             children: children, start: 0, finish: 10, message: phase == "Failed" ? "Error (exit code 1)" : nil)
        if retried { n.1["nodeFlag"] = ["retried": true] }
        return n
    }

    static func pod(_ wf: String, _ name: String, template: String = "t") -> String {
        NodeNames.podName(workflow: wf, nodeName: name, templateName: template)
    }

    struct Case: Sendable, CustomTestStringConvertible {
        let testDescription: String
        let workflow: JSONValue
        var restartSuccessful = false
        var selector = ""
        /// Remaining nodes by name, with their phases.
        let nodes: [String: String]
        let pods: [String]
    }

    static let cases: [Case] = [
        {
            let wf = "st"
            return Case(
                testDescription: "steps: the failed step goes, its group and the root run again, the first step stays",
                workflow: Fixture.workflow(wf, phase: "Failed", finish: 10, nodes: [
                    node(wf, wf, "Steps", "Failed", children: ["st[0]"]),
                    node(wf, "st[0]", "StepGroup", "Succeeded", children: ["st[0].a"], boundary: wf),
                    node(wf, "st[0].a", "Pod", "Succeeded", children: ["st[1]"], boundary: wf),
                    node(wf, "st[1]", "StepGroup", "Failed", children: ["st[1].b"], boundary: wf),
                    node(wf, "st[1].b", "Pod", "Failed", boundary: wf),
                ]),
                nodes: ["st": "Running", "st[0]": "Succeeded", "st[0].a": "Succeeded", "st[1]": "Running"],
                pods: [pod(wf, "st[1].b")])
        }(),
        {
            let wf = "dg"
            return Case(
                testDescription: "DAG: the failed task goes, the succeeded ones stay, the DAG runs again",
                workflow: Fixture.workflow(wf, phase: "Failed", finish: 10, nodes: [
                    node(wf, wf, "DAG", "Failed", children: ["dg.A"]),
                    node(wf, "dg.A", "Pod", "Succeeded", children: ["dg.B", "dg.C"], boundary: wf),
                    node(wf, "dg.B", "Pod", "Failed", boundary: wf),
                    node(wf, "dg.C", "Pod", "Succeeded", boundary: wf),
                ]),
                nodes: ["dg": "Running", "dg.A": "Succeeded", "dg.C": "Succeeded"],
                pods: [pod(wf, "dg.B")])
        }(),
        {
            let wf = "rt"
            return Case(
                testDescription: "retry node whose attempts all failed: the attempts go, the retry node runs again",
                workflow: Fixture.workflow(wf, phase: "Failed", finish: 10, nodes: [
                    node(wf, wf, "Steps", "Failed", children: ["rt[0]"]),
                    node(wf, "rt[0]", "StepGroup", "Failed", children: ["rt[0].r"], boundary: wf),
                    node(wf, "rt[0].r", "Retry", "Failed", children: ["rt[0].r(0)", "rt[0].r(1)"], boundary: wf),
                    node(wf, "rt[0].r(0)", "Pod", "Failed", boundary: wf, retried: true),
                    node(wf, "rt[0].r(1)", "Pod", "Failed", boundary: wf, retried: true),
                ]),
                nodes: ["rt": "Running", "rt[0]": "Running", "rt[0].r": "Running"],
                pods: [pod(wf, "rt[0].r(0)"), pod(wf, "rt[0].r(1)")])
        }(),
        {
            let wf = "rs"
            return Case(
                testDescription: "a failed attempt whose retry later succeeded stays; the other failed step goes",
                workflow: Fixture.workflow(wf, phase: "Failed", finish: 10, nodes: [
                    node(wf, wf, "Steps", "Failed", children: ["rs[0]"]),
                    node(wf, "rs[0]", "StepGroup", "Failed", children: ["rs[0].r", "rs[0].x"], boundary: wf),
                    node(wf, "rs[0].r", "Retry", "Succeeded", children: ["rs[0].r(0)", "rs[0].r(1)"], boundary: wf),
                    node(wf, "rs[0].r(0)", "Pod", "Failed", boundary: wf, retried: true),
                    node(wf, "rs[0].r(1)", "Pod", "Succeeded", boundary: wf, retried: true),
                    node(wf, "rs[0].x", "Pod", "Failed", boundary: wf),
                ]),
                nodes: ["rs": "Running", "rs[0]": "Running", "rs[0].r": "Succeeded", "rs[0].r(0)": "Failed",
                        "rs[0].r(1)": "Succeeded"],
                pods: [pod(wf, "rs[0].x")])
        }(),
        {
            let wf = "ex"
            return Case(
                testDescription: "exit handler nodes go with their pods, whatever their phase",
                workflow: Fixture.workflow(wf, phase: "Failed", finish: 10, nodes: [
                    node(wf, wf, "Steps", "Failed", children: ["ex[0]"]),
                    node(wf, "ex[0]", "StepGroup", "Failed", children: ["ex[0].a"], boundary: wf),
                    node(wf, "ex[0].a", "Pod", "Failed", boundary: wf),
                    node(wf, "ex.onExit", "Pod", "Succeeded", template: "cleanup"),
                ]),
                nodes: ["ex": "Running", "ex[0]": "Running"],
                pods: [pod(wf, "ex[0].a"), pod(wf, "ex.onExit", template: "cleanup")])
        }(),
        {
            let wf = "one"
            return Case(
                testDescription: "a single-pod workflow loses its only node and its pod is the workflow's name",
                workflow: Fixture.workflow(wf, phase: "Failed", finish: 10, nodes: [node(wf, wf, "Pod", "Failed")]),
                nodes: [:], pods: ["one"])
        }(),
        {
            let wf = "ok"
            return Case(
                testDescription: "a succeeded workflow with --restart-successful and a selector reruns the picked step",
                workflow: Fixture.workflow(wf, phase: "Succeeded", finish: 10, nodes: [
                    node(wf, wf, "DAG", "Succeeded", children: ["ok.A"]),
                    node(wf, "ok.A", "Pod", "Succeeded", children: ["ok.B"], boundary: wf),
                    node(wf, "ok.B", "Pod", "Succeeded", boundary: wf),
                ]),
                restartSuccessful: true, selector: "displayName=ok.B",
                nodes: ["ok": "Running", "ok.A": "Succeeded"], pods: [pod(wf, "ok.B")])
        }(),
        {
            let wf = "ns"
            return Case(
                testDescription: "a selector without --restart-successful picks nothing",
                workflow: Fixture.workflow(wf, phase: "Failed", finish: 10, nodes: [
                    node(wf, wf, "DAG", "Failed", children: ["ns.A"]),
                    node(wf, "ns.A", "Pod", "Succeeded", children: ["ns.B"], boundary: wf),
                    node(wf, "ns.B", "Pod", "Failed", boundary: wf),
                ]),
                selector: "name=ns.A",
                nodes: ["ns": "Running", "ns.A": "Succeeded"], pods: [pod(wf, "ns.B")])
        }(),
    ]

    static func summary(_ plan: WorkflowRetry.Plan) -> [String: String] {
        var out: [String: String] = [:]
        for (_, n) in plan.workflow["status"]?["nodes"]?.objectValue ?? [:] {
            out[n["name"]?.stringValue ?? "?"] = n["phase"]?.stringValue ?? "?"
        }
        return out
    }

    @Test(arguments: cases) func nodesAndPods(_ c: Case) throws {
        let retry = WorkflowRetry(restartSuccessful: c.restartSuccessful, nodeFieldSelector: c.selector)
        let plan = try retry.formulate(c.workflow, now: Fixture.now)
        #expect(Self.summary(plan) == c.nodes)
        #expect(plan.podsToDelete == c.pods)
        for (_, n) in plan.workflow["status"]?["nodes"]?.objectValue ?? [:] where n["phase"] == "Running" {
            #expect(n["finishedAt"] == nil && n["message"] == nil && n["startedAt"] == "2024-03-01T10:05:00Z")
        }
        // No remaining node links to a removed one.
        let remaining = Set((plan.workflow["status"]?["nodes"]?.objectValue ?? [:]).keys)
        for (_, n) in plan.workflow["status"]?["nodes"]?.objectValue ?? [:] {
            for link in (n["children"]?.arrayValue ?? []) + (n["outboundNodes"]?.arrayValue ?? []) {
                #expect(remaining.contains(link.stringValue ?? ""))
            }
        }
    }
}
