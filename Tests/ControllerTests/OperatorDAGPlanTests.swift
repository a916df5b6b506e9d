import Foundation
import Testing
import Templates
@testable import Controller
@testable import Operator

/// DAG plans (task indices, dependencies, node names and IDs, targets) are kept across passes: a plan is reused
/// only for an equal template under the same DAG node and workflow names.
@Suite struct OperatorDAGPlanTests {
    static func dag(_ tasks: String) throws -> Template {
        let json = #"{"name": "main", "dag": {"tasks": [\#(tasks)]}}"#
        return try JSONDecoder().decode(Template.self, from: Data(json.utf8))
    }

    @Test func aPlanResolvesDependenciesNamesAndTargets() throws {
        let t = try Self.dag(#"{"name": "a", "template": "x"}, {"name": "b", "template": "x", "dependencies": ["a", "gone"]}, {"name": "c", "template": "x", "depends": "a.Succeeded || b"}"#)
        let plan = DAGPlan(template: t, boundaryName: "wf", workflowName: "wf")
        #expect(plan.order == ["a", "b", "c"])
        #expect(plan.depIndex == [[], [0, -1], [0, 1]])
        #expect(plan.nodeNames == ["wf.a", "wf.b", "wf.c"])
        #expect(plan.nodeIDs == ["wf.a", "wf.b", "wf.c"].map { NodeNames.nodeID(workflow: "wf", nodeName: $0) })
        #expect(plan.targets == ["c"])
    }

    @Test func aPlanParsesEachDependsOnce() throws {
        let t = try Self.dag(#"{"name": "a", "template": "x"}, {"name": "b", "template": "x", "dependencies": ["a"]}, {"name": "c", "template": "x", "depends": "a.Succeeded || !b.Failed"}, {"name": "d", "template": "x", "dependencies": ["1a"]}, {"name": "e", "template": "x", "depends": "a &&"}"#)
        let plan = DAGPlan(template: t, boundaryName: "wf", workflowName: "wf")
        // Plain `dependencies` take the gate's fast path: no expression.
        #expect(plan.gates[0] == nil && plan.gates[1] == nil)
        #expect(plan.gates[2]?.text == "a.Succeeded || !b.Failed")
        #expect(try plan.gates[2]?.expression.get() == .or(.result("a", .succeeded), .not(.result("b", .failed))))
        // A dependency name the fast path does not read as a task name is joined into an expression.
        #expect(plan.gates[3]?.text == "1a")
        #expect(try plan.gates[3]?.expression.get() == .task("1a"))
        // A `depends` that does not parse waits for nothing and fails with the parser's message when evaluated.
        #expect(plan.depNames[4] == [])
        #expect(throws: Diagnostic.self) { try plan.gates[4]?.expression.get() }
    }

    @Test func aChangedTemplateOrAnotherNameGetsItsOwnPlan() throws {
        let first = try Self.dag(#"{"name": "a", "template": "x"}, {"name": "b", "template": "x", "dependencies": ["a"]}"#)
        let second = try Self.dag(#"{"name": "a", "template": "x"}, {"name": "b", "template": "x"}"#)
        let p1 = DAGPlans.plan(for: first, boundaryName: "plan-test", workflowName: "plan-test")
        #expect(p1.targets == ["b"])
        let p2 = DAGPlans.plan(for: second, boundaryName: "plan-test", workflowName: "plan-test")
        #expect(p2.targets == ["a", "b"])
        let p3 = DAGPlans.plan(for: first, boundaryName: "plan-test.inner", workflowName: "plan-test")
        #expect(p3.nodeNames == ["plan-test.inner.a", "plan-test.inner.b"])
        // The same template decoded again (other storage, equal value) gives what a fresh build gives.
        let again = try Self.dag(#"{"name": "a", "template": "x"}, {"name": "b", "template": "x", "dependencies": ["a"]}"#)
        #expect(!again.isIdentical(to: first))
        let p4 = DAGPlans.plan(for: again, boundaryName: "plan-test", workflowName: "plan-test")
        #expect(p4.targets == ["b"])
        #expect(p4.depIndex == [[], [0]])
    }

    /// Two workflows of the same name whose DAGs differ, operated one after the other, each get their own tree.
    @Test func sameNamedWorkflowsWithDifferentDAGsDoNotShareAPlan() throws {
        func workflow(_ tasks: String) -> String {
            #"{"metadata": {"name": "twin"}, "spec": {"entrypoint": "main", "templates": [{"name": "main", "dag": {"tasks": [\#(tasks)]}}, {"name": "x", "container": {"image": "alpine"}}]}}"#
        }
        var chain = try FakeKubelet(json: workflow(#"{"name": "a", "template": "x"}, {"name": "b", "template": "x", "dependencies": ["a"]}"#))
        chain.pass()
        #expect(chain.node("twin.a")?.phase == .pending)
        #expect(chain.node("twin.b") == nil)
        var pair = try FakeKubelet(json: workflow(#"{"name": "a", "template": "x"}, {"name": "b", "template": "x"}"#))
        pair.pass()
        #expect(pair.node("twin.a")?.phase == .pending)
        #expect(pair.node("twin.b")?.phase == .pending)
        chain.finishPods { _ in .succeed() }
        chain.pass()
        #expect(chain.node("twin.b")?.phase == .pending)
        #expect(chain.node("twin.a")?.children == [chain.id("twin.b")])
    }
}
