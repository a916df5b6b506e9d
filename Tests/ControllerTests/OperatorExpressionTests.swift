import Foundation
import Testing
import Templates
@testable import Controller

/// `{{=expr}}` tags, output `valueFrom.expression`, `??` over a skipped task's outputs, retry expressions and
/// inline templates, through the operator.
@Suite struct OperatorExpressionTests {
    static let echo = OperatorTreeTests.echo

    @Test(arguments: ["heads", "tails"])
    func outputExpressionPicksTheBranchThatRan(_ coin: String) throws {
        var k = try FakeKubelet(json: """
        {"metadata": {"name": "cond"}, "spec": {"entrypoint": "main", "templates": [
          {"name": "main", "dag": {"tasks": [
             {"name": "flip-coin", "template": "echo"},
             {"name": "heads", "depends": "flip-coin", "template": "echo", "when": "{{tasks.flip-coin.outputs.result}} == heads"},
             {"name": "tails", "depends": "flip-coin", "template": "echo", "when": "{{tasks.flip-coin.outputs.result}} == tails"}]},
           "outputs": {"parameters": [{"name": "stepresult", "valueFrom": {"expression":
             "tasks['flip-coin'].outputs.result == 'heads' ? tasks.heads.outputs.result : tasks.tails.outputs.result"}}]}},
          \(Self.echo)]}}
        """)
        k.run { name in
            if name.hasSuffix("flip-coin") { return .succeed(result: coin) }
            return .succeed(result: "ran \(name.split(separator: ".").last!)")
        }
        #expect(k.status.phase == .succeeded)
        #expect(k.node("cond")?.outputs?.parameters?.first?.value == AnyString("ran \(coin)"))
    }

    @Test func expressionFallbackCoversASkippedTasksMissingOutput() throws {
        var k = try FakeKubelet(json: """
        {"metadata": {"name": "fb"}, "spec": {"entrypoint": "main", "templates": [
          {"name": "main", "dag": {"tasks": [{"name": "producer", "template": "produce", "when": "false"}]},
           "outputs": {"parameters": [
             {"name": "result", "valueFrom": {"expression": "tasks.producer.outputs.parameters.msg ?? 'expr-fallback'"}}]}},
          {"name": "produce", "outputs": {"parameters": [{"name": "msg", "valueFrom": {"path": "/tmp/out.txt"}}]},
           "container": {"image": "alpine"}}]}}
        """)
        k.run()
        #expect(k.status.phase == .succeeded)
        #expect(k.node("fb.producer")?.phase == .skipped)
        #expect(k.node("fb")?.outputs?.parameters?.first?.value == "expr-fallback")
    }

    @Test func anOutputExpressionThatYieldsNilFailsUnlessADefaultIsGiven() throws {
        func run(_ valueFrom: String) throws -> FakeKubelet {
            var k = try FakeKubelet(json: """
            {"metadata": {"name": "nil"}, "spec": {"entrypoint": "main", "templates": [
              {"name": "main", "dag": {"tasks": [{"name": "a", "template": "echo"}]},
               "outputs": {"parameters": [{"name": "x", "valueFrom": \(valueFrom)}]}},
              \(Self.echo)]}}
            """)
            k.run()
            return k
        }
        let failing = try run(#"{"expression": "tasks.a.id == '' ? 'x' : nil"}"#)
        #expect(failing.status.phase == .error || failing.status.phase == .failed)
        #expect(failing.node("nil")?.message?.contains("failed to evaluate expression") == true)
        let unfetchable = try run(#"{"expression": "tasks.a.outputs.parameters.none"}"#)
        #expect(unfetchable.node("nil")?.message?.contains("cannot fetch parameters from <nil>") == true)
        let defaulted = try run(#"{"expression": "tasks.a.outputs.parameters.none", "default": "d"}"#)
        #expect(defaulted.status.phase == .succeeded)
        #expect(defaulted.node("nil")?.outputs?.parameters?.first?.value == "d")
    }

    @Test func expressionTagsInWithParamArgumentsAndContainerArgs() throws {
        var k = try FakeKubelet(json: """
        {"metadata": {"name": "expr", "creationTimestamp": "2024-05-06T07:08:09Z"}, "spec": {"entrypoint": "main", "templates": [
          {"name": "main", "dag": {"tasks": [
             {"name": "task-0", "template": "pod-0", "arguments": {"parameters": [{"name": "foo", "value": "{{=item}}"}]},
              "withParam": "{{=toJson(filter([1, 3], {# > 1}))}}"}]}},
          {"name": "pod-0", "inputs": {"parameters": [{"name": "foo"}]},
           "container": {"image": "alpine", "args": ["hello {{=asInt(inputs.parameters.foo) * 10}} @ {{=workflow.name}}"]}}]}}
        """)
        let first = k.pass()
        #expect(k.node("expr.task-0")?.children == [k.id("expr.task-0(0:3)")])
        #expect(k.node("expr.task-0(0:3)")?.inputs?.parameters?.first?.value == "3")
        let pod = try #require(first.actions.compactMap { action -> JSONValue? in
            if case .createPod(let p) = action { return p.json } else { return nil }
        }.first)
        let args = pod["spec"]?["containers"]?[0]?["args"]
        #expect(args == .array([.string("hello 30 @ expr")]))
        k.run()
        #expect(k.status.phase == .succeeded)
    }

    @Test func retryExpressionIsExprLangOverLastRetry() throws {
        var k = try FakeKubelet(json: """
        {"metadata": {"name": "rx"}, "spec": {"entrypoint": "main", "templates": [
          {"name": "main", "retryStrategy": {"limit": 5, "retryPolicy": "Always", "expression": "asInt(lastRetry.exitCode) > 1"},
           "container": {"image": "alpine"}}]}}
        """)
        var attempt = 0
        k.run { _ in
            attempt += 1
            return .fail(exitCode: attempt == 1 ? 2 : 1)
        }
        #expect(k.status.phase == .failed)
        #expect(k.node("rx")?.children?.count == 2)
        #expect(k.node("rx")?.message == "retryStrategy.expression evaluated to false")
    }

    @Test func inlineStepTemplateRunsWithoutATemplateName() throws {
        var k = try FakeKubelet(json: """
        {"metadata": {"name": "inl"}, "spec": {"entrypoint": "main", "templates": [
          {"name": "main", "steps": [[{"name": "a", "inline": {"container": {"image": "alpine"}}}]]},
          {"name": "main2", "dag": {"tasks": [{"name": "b", "inline": {"container": {"image": "alpine"}}}]}}]}}
        """)
        k.pass()
        #expect(k.createdPods == ["inl-\(NodeNames.fnv32a("inl[0].a"))"])
        k.run()
        #expect(k.status.phase == .succeeded)
        #expect(k.tree() == [
            "inl Steps Succeeded display=inl boundary=- children=[inl[0]] outbound=[inl[0].a] template=main",
            "inl[0] StepGroup Succeeded display=[0] boundary=inl children=[inl[0].a] template=-",
            "inl[0].a Pod Succeeded display=a boundary=inl children=[] template=-",
        ])
    }
}
