import Foundation
import Testing
import Templates
@testable import Controller
@testable import Operator

/// Loops, parameter passing and aggregation, retries, exit handlers and suspend.
@Suite struct OperatorFeatureTests {
    static let echo = OperatorTreeTests.echo

    @Test func withItemsOfMapsNamesChildrenAsArgoDoes() throws {
        var k = try FakeKubelet(json: """
        {"metadata": {"name": "loop"}, "spec": {"entrypoint": "main", "templates": [
          {"name": "main", "steps": [[{"name": "p", "template": "echo",
             "arguments": {"parameters": [{"name": "msg", "value": "{{item.os}}-{{item.v}}"}]},
             "withItems": [{"os": "debian", "v": 9.1}, {"os": "ubuntu", "v": "x"}]}]]},
          \(Self.echo)]}}
        """)
        k.run()
        #expect(k.status.phase == .succeeded)
        let sg = try #require(k.node("loop[0]"))
        #expect(sg.children == [k.id("loop[0].p(0:os:debian,v:9.1)"), k.id("loop[0].p(1:os:ubuntu,v:x)")])
        let first = try #require(k.node("loop[0].p(0:os:debian,v:9.1)"))
        #expect(first.displayName == "p(0:os:debian,v:9.1)")
        #expect(first.inputs?.parameters?.first?.value == "debian-9.1")
    }

    @Test func withParamFromAPreviousOutputAndAggregatedResults() throws {
        var k = try FakeKubelet(json: """
        {"metadata": {"name": "wp"}, "spec": {"entrypoint": "main", "templates": [
          {"name": "main", "steps": [
             [{"name": "gen", "template": "echo"}],
             [{"name": "each", "template": "echo", "arguments": {"parameters": [{"name": "msg", "value": "{{item}}"}]},
               "withParam": "{{steps.gen.outputs.result}}"}],
             [{"name": "sum", "template": "echo", "arguments": {"parameters": [{"name": "msg", "value": "{{steps.each.outputs.result}}"}]}}]]},
          \(Self.echo)]}}
        """)
        k.run { name in
            if name.hasSuffix(".gen") { return .succeed(result: #"["a","b","c"]"#) }
            if name.contains(".each(") { return .succeed(result: String(name.split(separator: ":").last!.dropLast())) }
            return .succeed()
        }
        #expect(k.status.phase == .succeeded)
        #expect(k.node("wp[1]")?.children?.count == 3)
        #expect(k.node("wp[1].each(2:c)")?.inputs?.parameters?.first?.value == "c")
        #expect(k.node("wp[2].sum")?.inputs?.parameters?.first?.value == #"["a","b","c"]"#)
        #expect(k.node("wp[2]") != nil)
        // The next group hangs off every loop child.
        #expect(k.node("wp[1].each(0:a)")?.children == [k.id("wp[2]")])
    }

    @Test func withSequenceInADAGMakesATaskGroup() throws {
        var k = try FakeKubelet(json: """
        {"metadata": {"name": "seq"}, "spec": {"entrypoint": "main", "templates": [
          {"name": "main", "dag": {"tasks": [
            {"name": "n", "template": "echo", "arguments": {"parameters": [{"name": "msg", "value": "{{item}}"}]},
             "withSequence": {"count": "3", "start": "1", "format": "n%02d"}},
            {"name": "after", "template": "echo", "dependencies": ["n"]}]}},
          \(Self.echo)]}}
        """)
        k.run()
        #expect(k.status.phase == .succeeded)
        #expect(k.tree() == [
            "seq DAG Succeeded display=seq boundary=- children=[seq.n] outbound=[seq.after] template=main",
            "seq.after Pod Succeeded display=after boundary=seq children=[] template=echo",
            "seq.n TaskGroup Succeeded display=n boundary=seq children=[seq.n(0:n01),seq.n(1:n02),seq.n(2:n03)] template=echo",
            "seq.n(0:n01) Pod Succeeded display=n(0:n01) boundary=seq children=[seq.after] template=echo",
            "seq.n(1:n02) Pod Succeeded display=n(1:n02) boundary=seq children=[seq.after] template=echo",
            "seq.n(2:n03) Pod Succeeded display=n(2:n03) boundary=seq children=[seq.after] template=echo",
        ])
    }

    @Test func parameterPassingAndGlobalOutputs() throws {
        var k = try FakeKubelet(json: """
        {"metadata": {"name": "pp"}, "spec": {"entrypoint": "main",
          "arguments": {"parameters": [{"name": "greeting", "value": "hello"}]},
          "templates": [
          {"name": "main", "outputs": {"parameters": [{"name": "final", "valueFrom": {"parameter": "{{steps.make.outputs.parameters.out}}"}}]},
           "steps": [[{"name": "make", "template": "make"}],
                     [{"name": "use", "template": "echo", "arguments": {"parameters": [{"name": "msg", "value": "{{steps.make.outputs.parameters.out}} {{workflow.parameters.greeting}}"}]}}]]},
          {"name": "make", "container": {"image": "alpine"},
           "outputs": {"parameters": [{"name": "out", "globalName": "made", "valueFrom": {"path": "/tmp/out"}}]}},
          \(Self.echo)]}}
        """)
        k.run { $0.hasSuffix(".make") ? .succeed(parameters: ["out": "42"]) : .succeed() }
        #expect(k.status.phase == .succeeded)
        #expect(k.node("pp[1].use")?.inputs?.parameters?.first?.value == "42 hello")
        #expect(k.node("pp")?.outputs?.parameters?.first?.value == "42")
        // Task results name parameters without globalName, so only declared outputs go global via the node.
        #expect(k.node("pp[0].make")?.outputs?.parameters?.first?.value == "42")
    }

    @Test func retriesMakeAttemptNodesAndStopAtTheFirstSuccess() throws {
        var k = try FakeKubelet(json: """
        {"metadata": {"name": "rt"}, "spec": {"entrypoint": "flaky", "templates": [
          {"name": "flaky", "retryStrategy": {"limit": "3"}, "container": {"image": "alpine", "args": ["try {{retries}}"]}}]}}
        """)
        k.run { $0.hasSuffix("(0)") ? .fail(exitCode: 1) : .succeed() }
        #expect(k.status.phase == .succeeded)
        #expect(k.tree() == [
            "rt Retry Succeeded display=rt boundary=- children=[rt(0),rt(1)] template=flaky",
            "rt(0) Pod Failed display=rt(0) boundary=- children=[] template=flaky message=Error (exit code 1)",
            "rt(1) Pod Succeeded display=rt(1) boundary=- children=[] template=flaky",
        ])
        #expect(k.createdPods == [NodeNames.podName(workflow: "rt", nodeName: "rt(0)", templateName: "flaky"),
                                  NodeNames.podName(workflow: "rt", nodeName: "rt(1)", templateName: "flaky")])
    }

    @Test func retriesRunOutWithArgosMessage() throws {
        var k = try FakeKubelet(json: """
        {"metadata": {"name": "rx"}, "spec": {"entrypoint": "main", "templates": [
          {"name": "main", "steps": [[{"name": "s", "template": "flaky"}]]},
          {"name": "flaky", "retryStrategy": {"limit": 2}, "container": {"image": "alpine"}}]}}
        """)
        k.run { _ in .fail(exitCode: 3) }
        let retry = try #require(k.node("rx[0].s"))
        #expect(retry.type == .retry && retry.phase == .failed && retry.message == "No more retries left")
        #expect(retry.children?.count == 3)
        #expect(k.node("rx[0].s(2)")?.displayName == "s(2)")
        #expect(k.status.phase == .failed)
    }

    @Test func retryBackoffWaitsAndRequeues() throws {
        var k = try FakeKubelet(json: """
        {"metadata": {"name": "bo"}, "spec": {"entrypoint": "flaky", "templates": [
          {"name": "flaky", "retryStrategy": {"limit": 1, "backoff": {"duration": "10s"}}, "container": {"image": "alpine"}}]}}
        """)
        k.pass()
        k.finishPods { _ in .fail(exitCode: 1) }
        let waiting = k.pass()
        #expect(k.node("bo")?.message == "Backoff for 10 seconds")
        #expect(waiting.actions.contains(.requeue(after: 10)))
        #expect(k.createdPods.count == 1)
        k.now += 10
        k.pass()
        #expect(k.createdPods.count == 2)
    }

    @Test func exitHandlerRunsAfterFailureAndSeesWorkflowStatus() throws {
        var k = try FakeKubelet(json: """
        {"metadata": {"name": "ex"}, "spec": {"entrypoint": "main", "onExit": "exit", "templates": [
          {"name": "main", "container": {"image": "alpine"}},
          {"name": "exit", "container": {"image": "alpine", "args": ["{{workflow.status}}"]}}]}}
        """)
        k.pass()
        k.finishPods { _ in .fail(exitCode: 1) }
        k.pass()
        #expect(k.status.phase == .running, "the exit handler still runs")
        let exitNode = try #require(k.node("ex.onExit"))
        #expect(exitNode.displayName == "ex.onExit" && exitNode.boundaryID == nil && exitNode.templateName == "exit")
        guard case .createPod(let pod)? = k.lastResult?.actions.first(where: { if case .createPod = $0 { true } else { false } }) else {
            Issue.record("no exit handler pod"); return
        }
        #expect(pod["spec"]?["containers"]?[0]?["args"] == ["Failed"])
        k.finishPods { _ in .succeed() }
        k.pass()
        #expect(k.status.phase == .failed)
        #expect(k.status.message == "Error (exit code 1)")
    }

    @Test func suspendRunsUntilResumedOrItsDurationPasses() throws {
        let json = """
        {"metadata": {"name": "sus"}, "spec": {"entrypoint": "main", "templates": [
          {"name": "main", "steps": [[{"name": "approve", "template": "wait"}], [{"name": "go", "template": "\(Self.echoName)"}]]},
          {"name": "wait", "suspend": {}}, {"name": "timer", "suspend": {"duration": "20"}}, \(Self.echo)]}}
        """
        var k = try FakeKubelet(json: json)
        k.pass()
        k.now += 100
        k.pass()
        #expect(k.node("sus[0].approve")?.phase == .running)
        #expect(k.node("sus[0].approve")?.type == .suspend)
        #expect(k.status.phase == .running)
        var status = k.status
        let resumed = Operator.resume(&status, nodeFieldSelector: "displayName=approve", now: KubeTime(time: k.now))
        #expect(resumed == [k.id("sus[0].approve")])
        k.snapshot.workflow.status = status
        k.run()
        #expect(k.status.phase == .succeeded)

        var t = try FakeKubelet(json: json.replacingOccurrences(of: "\"template\": \"wait\"", with: "\"template\": \"timer\""))
        let first = t.pass()
        #expect(first.actions.contains(.requeue(after: 20)))
        t.now += 19
        t.pass()
        #expect(t.node("sus[0].approve")?.phase == .running)
        t.now += 1
        t.pass()
        #expect(t.node("sus[0].approve")?.phase == .succeeded)
    }

    static let echoName = "echo"

    @Test func specSuspendStopsNewPods() throws {
        var k = try FakeKubelet(json: """
        {"metadata": {"name": "ss"}, "spec": {"entrypoint": "main", "suspend": true, "templates": [
          {"name": "main", "steps": [[{"name": "a", "template": "echo"}]]}, \(Self.echo)]}}
        """)
        k.pass()
        k.pass()
        #expect(k.createdPods.isEmpty)
        #expect(k.status.phase == .running)
        k.snapshot.workflow.spec.suspend = nil
        k.pass()
        #expect(k.createdPods.count == 1)
    }

    @Test func workflowParallelismCapsActivePods() throws {
        var k = try FakeKubelet(json: """
        {"metadata": {"name": "par"}, "spec": {"entrypoint": "main", "parallelism": 2, "templates": [
          {"name": "main", "steps": [[{"name": "p", "template": "echo", "withItems": [1, 2, 3, 4, 5]}]]}, \(Self.echo)]}}
        """)
        k.pass()
        #expect(k.createdPods.count == 2)
        k.finishPods { _ in .succeed() }
        k.pass()
        #expect(k.createdPods.count == 4)
        k.run()
        #expect(k.status.phase == .succeeded)
        #expect(k.createdPods.count == 5)
    }
}
