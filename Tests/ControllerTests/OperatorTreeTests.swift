import Foundation
import Testing
import Templates
@testable import Controller

/// Exact node trees for steps, DAGs, loops and conditionals, driven to completion by the fake kubelet.
@Suite struct OperatorTreeTests {
    static let echo = #"{"name": "echo", "inputs": {"parameters": [{"name": "msg", "default": "hi"}]}, "container": {"image": "alpine", "args": ["{{inputs.parameters.msg}}"]}}"#

    @Test func stepsWithTwoGroupsOneParallel() throws {
        var k = try FakeKubelet(json: """
        {"metadata": {"name": "steps-x"}, "spec": {"entrypoint": "main", "templates": [
          {"name": "main", "steps": [[{"name": "hello1", "template": "echo"}],
                                     [{"name": "hello2a", "template": "echo"}, {"name": "hello2b", "template": "echo"}]]},
          \(Self.echo)]}}
        """)
        k.pass()
        #expect(k.createdPods == ["steps-x-echo-\(NodeNames.fnv32a("steps-x[0].hello1"))"])
        k.run()
        #expect(k.status.phase == .succeeded)
        #expect(k.tree() == [
            "steps-x Steps Succeeded display=steps-x boundary=- children=[steps-x[0]] outbound=[steps-x[1].hello2a,steps-x[1].hello2b] template=main",
            "steps-x[0] StepGroup Succeeded display=[0] boundary=steps-x children=[steps-x[0].hello1] template=-",
            "steps-x[0].hello1 Pod Succeeded display=hello1 boundary=steps-x children=[steps-x[1]] template=echo",
            "steps-x[1] StepGroup Succeeded display=[1] boundary=steps-x children=[steps-x[1].hello2a,steps-x[1].hello2b] template=-",
            "steps-x[1].hello2a Pod Succeeded display=hello2a boundary=steps-x children=[] template=echo",
            "steps-x[1].hello2b Pod Succeeded display=hello2b boundary=steps-x children=[] template=echo",
        ])
        #expect(k.createdPods.count == 3)
        #expect(k.node("steps-x")?.progress == "3/3")
        #expect(k.status.progress == "3/3")
    }

    @Test func aFailingStepFailsItsGroupAndTheWorkflow() throws {
        var k = try FakeKubelet(json: """
        {"metadata": {"name": "sf"}, "spec": {"entrypoint": "main", "templates": [
          {"name": "main", "steps": [[{"name": "a", "template": "echo"}], [{"name": "b", "template": "echo"}]]}, \(Self.echo)]}}
        """)
        k.run { $0.hasSuffix(".a") ? .fail(exitCode: 2) : .succeed() }
        let failedID = k.id("sf[0].a")
        #expect(k.node("sf[0]")?.message == "child '\(failedID)' failed")
        #expect(k.status.phase == .failed)
        #expect(k.status.message == "child '\(failedID)' failed")
        #expect(k.node("sf[1]") == nil)
    }

    @Test func dagDiamond() throws {
        var k = try FakeKubelet(json: """
        {"metadata": {"name": "dag"}, "spec": {"entrypoint": "diamond", "templates": [
          {"name": "diamond", "dag": {"tasks": [
            {"name": "A", "template": "echo"},
            {"name": "B", "template": "echo", "dependencies": ["A"]},
            {"name": "C", "template": "echo", "dependencies": ["A"]},
            {"name": "D", "template": "echo", "dependencies": ["B", "C"]}]}},
          \(Self.echo)]}}
        """)
        k.pass()
        #expect(k.createdPods.count == 1)
        k.finishPods { _ in .succeed() }
        k.pass()
        #expect(k.createdPods.count == 3, "B and C start together once A is done")
        k.run()
        #expect(k.status.phase == .succeeded)
        #expect(k.tree() == [
            "dag DAG Succeeded display=dag boundary=- children=[dag.A] outbound=[dag.D] template=diamond",
            "dag.A Pod Succeeded display=A boundary=dag children=[dag.B,dag.C] template=echo",
            "dag.B Pod Succeeded display=B boundary=dag children=[dag.D] template=echo",
            "dag.C Pod Succeeded display=C boundary=dag children=[dag.D] template=echo",
            "dag.D Pod Succeeded display=D boundary=dag children=[] template=echo",
        ])
    }

    @Test func dependsWithFailurePathsOmitsTasksWhoseConditionFails() throws {
        var k = try FakeKubelet(json: """
        {"metadata": {"name": "dep"}, "spec": {"entrypoint": "main", "templates": [
          {"name": "main", "dag": {"tasks": [
            {"name": "A", "template": "echo"},
            {"name": "onSuccess", "template": "echo", "depends": "A"},
            {"name": "onFailure", "template": "echo", "depends": "A.Failed"},
            {"name": "after", "template": "echo", "depends": "onSuccess || onFailure"}]}},
          \(Self.echo)]}}
        """)
        k.run { $0 == "dep.A" ? .fail(exitCode: 1) : .succeed() }
        #expect(k.node("dep.onSuccess")?.phase == .omitted)
        #expect(k.node("dep.onSuccess")?.type == .skipped)
        #expect(k.node("dep.onSuccess")?.message == "omitted: depends condition not met")
        #expect(k.node("dep.onFailure")?.phase == .succeeded)
        #expect(k.node("dep.after")?.phase == .succeeded)
        #expect(k.node("dep.A")?.children == [k.id("dep.onSuccess"), k.id("dep.onFailure")])
        // The only target succeeded, so the DAG did although A failed.
        #expect(k.status.phase == .succeeded)
    }

    @Test func aFailedTargetFailsTheDAGOnceEveryBranchIsDone() throws {
        var k = try FakeKubelet(json: """
        {"metadata": {"name": "ff"}, "spec": {"entrypoint": "main", "templates": [
          {"name": "main", "dag": {"tasks": [
            {"name": "A", "template": "echo"},
            {"name": "B", "template": "echo"},
            {"name": "C", "template": "echo", "dependencies": ["B"]}]}},
          \(Self.echo)]}}
        """)
        k.pass()
        k.finishPods { $0 == "ff.A" ? .fail(exitCode: 1) : .keepRunning }
        k.now += 1
        k.pass()
        #expect(k.node("ff")?.phase == .running, "B is still running")
        k.run()
        #expect(k.node("ff.C")?.phase == .succeeded, "independent branches still run")
        #expect(k.node("ff")?.phase == .failed)
        #expect(k.status.phase == .failed)
        #expect(k.node("ff")?.outboundNodes == [k.id("ff.A"), k.id("ff.C")])
    }

    @Test func whenFalseSkipsAStepWithArgosMessage() throws {
        var k = try FakeKubelet(json: """
        {"metadata": {"name": "cond"}, "spec": {"entrypoint": "main",
          "arguments": {"parameters": [{"name": "flip", "value": "heads"}]},
          "templates": [
          {"name": "main", "steps": [[
            {"name": "heads", "template": "echo", "when": "{{workflow.parameters.flip}} == heads"},
            {"name": "tails", "template": "echo", "when": "{{workflow.parameters.flip}} == tails"}]]},
          \(Self.echo)]}}
        """)
        k.run()
        #expect(k.status.phase == .succeeded)
        let tails = try #require(k.node("cond[0].tails"))
        #expect(tails.type == .skipped && tails.phase == .skipped)
        #expect(tails.message == "when 'heads == tails' evaluated false")
        #expect(k.node("cond[0].heads")?.phase == .succeeded)
        #expect(k.createdPods.count == 1)
    }
}
