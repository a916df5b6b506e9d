import Foundation
import Testing
import Templates
@testable import Controller
@testable import Operator

/// Artifact references between steps and tasks, template outputs from `from` / `fromExpression`, and
/// `globalName` artifacts, as Argo's operator resolves them.
@Suite struct OperatorArtifactTests {
    static let produce = #"""
    {"name": "produce", "container": {"image": "alpine", "command": ["true"]},
     "outputs": {"artifacts": [{"name": "art", "path": "/tmp/a.txt", "globalName": "shared"}]}}
    """#
    static let consume = #"""
    {"name": "consume", "inputs": {"artifacts": [{"name": "in", "path": "/in/a"}]},
     "container": {"image": "alpine", "command": ["cat", "/in/a"]}}
    """#

    /// What the executor reports for `produce` in pod `pod`.
    static func saved(_ pod: String) -> Artifact {
        Artifact(name: "art", path: "/tmp/a.txt", s3: S3Artifact(key: "wf/\(pod)/art.tgz"), globalName: "shared")
    }

    static func decide(_ k: FakeKubelet) -> (String) -> FakeKubelet.Outcome {
        { nodeName in
            guard nodeName.hasSuffix(".gen") else { return .succeed() }
            return .succeed(artifacts: [saved(NodeNames.podName(workflow: "wf", nodeName: nodeName, templateName: "produce"))])
        }
    }

    @Test func stepsFromPassesTheKeyToTheConsumerAtItsOwnPath() throws {
        var k = try FakeKubelet(json: """
        {"metadata": {"name": "wf"}, "spec": {"entrypoint": "main", "templates": [
          {"name": "main", "steps": [
            [{"name": "gen", "template": "produce"}],
            [{"name": "use", "template": "consume",
              "arguments": {"artifacts": [{"name": "in", "from": "{{steps.gen.outputs.artifacts.art}}"}]}}],
            [{"name": "again", "template": "consume",
              "arguments": {"artifacts": [{"name": "in", "from": "{{workflow.outputs.artifacts.shared}}"}]}}]]},
          \(Self.produce), \(Self.consume)]}}
        """)
        k.run(Self.decide(k))
        #expect(k.status.phase == .succeeded)
        let pod = NodeNames.podName(workflow: "wf", nodeName: "wf[0].gen", templateName: "produce")
        let key = "wf/\(pod)/art.tgz"
        #expect(k.node("wf[1].use")?.inputs?.artifacts == [Artifact(name: "in", path: "/in/a", s3: S3Artifact(key: key))])
        #expect(k.node("wf[2].again")?.inputs?.artifacts == [Artifact(name: "in", path: "/in/a", s3: S3Artifact(key: key))])
        // The global artifact: named by its globalName, without the producer's path.
        #expect(k.status.outputs?.artifacts == [Artifact(name: "shared", s3: S3Artifact(key: key))])
    }

    @Test func dagFromAndATemplateOutputFromAnInput() throws {
        var k = try FakeKubelet(json: """
        {"metadata": {"name": "wf"}, "spec": {"entrypoint": "main", "templates": [
          {"name": "main", "dag": {"tasks": [
            {"name": "gen", "template": "produce"},
            {"name": "pass", "template": "relay", "dependencies": ["gen"],
             "arguments": {"artifacts": [{"name": "x", "from": "{{tasks.gen.outputs.artifacts.art}}"}]}}]},
           "outputs": {"artifacts": [{"name": "final", "from": "{{tasks.pass.outputs.artifacts.relayed}}"}]}},
          {"name": "relay", "inputs": {"artifacts": [{"name": "x"}]},
           "steps": [[{"name": "use", "template": "consume",
                       "arguments": {"artifacts": [{"name": "in", "from": "{{inputs.artifacts.x}}"}]}}]],
           "outputs": {"artifacts": [{"name": "relayed", "from": "{{inputs.artifacts.x}}"}]}},
          \(Self.produce), \(Self.consume)]}}
        """)
        k.run(Self.decide(k))
        #expect(k.status.phase == .succeeded, "\(k.status.message ?? "") \(k.nodes.values.map { "\($0.name) \($0.phase?.rawValue ?? "") \($0.message ?? "")" })")
        let pod = NodeNames.podName(workflow: "wf", nodeName: "wf.gen", templateName: "produce")
        let key = S3Artifact(key: "wf/\(pod)/art.tgz")
        #expect(k.node("wf.pass")?.inputs?.artifacts == [Artifact(name: "x", s3: key)])
        #expect(k.node("wf.pass[0].use")?.inputs?.artifacts == [Artifact(name: "in", path: "/in/a", s3: key)])
        #expect(k.node("wf.pass")?.outputs?.artifacts == [Artifact(name: "relayed", s3: key)])
        #expect(k.node("wf")?.outputs?.artifacts == [Artifact(name: "final", s3: key)])
    }

    @Test(arguments: ["heads", "tails"])
    func fromExpressionPicksTheBranchThatRan(side: String) throws {
        let branch = { (name: String) in #"""
            {"name": "\#(name)", "container": {"image": "alpine", "command": ["true"]},
             "outputs": {"artifacts": [{"name": "result", "path": "/result.txt"}]}}
            """# }
        var k = try FakeKubelet(json: """
        {"metadata": {"name": "wf"}, "spec": {"entrypoint": "main", "templates": [
          {"name": "main", "steps": [
            [{"name": "flip-coin", "template": "flip"}],
            [{"name": "heads", "template": "heads", "when": "{{steps.flip-coin.outputs.result}} == heads"},
             {"name": "tails", "template": "tails", "when": "{{steps.flip-coin.outputs.result}} == tails"}]],
           "outputs": {"artifacts": [{"name": "result", "globalName": "winner",
             "fromExpression": "steps['flip-coin'].outputs.result == 'heads' ? steps.heads.outputs.artifacts.result : steps.tails.outputs.artifacts.result"}]}},
          {"name": "flip", "container": {"image": "alpine", "command": ["true"]}},
          \(branch("heads")), \(branch("tails"))]}}
        """)
        k.run { name in
            if name.hasSuffix(".flip-coin") { return .succeed(result: side) }
            if name.hasSuffix(".\(side)") {
                return .succeed(artifacts: [Artifact(name: "result", path: "/result.txt", s3: S3Artifact(key: "wf/\(side)-pod/result.tgz"))])
            }
            return .succeed()
        }
        #expect(k.status.phase == .succeeded, "\(k.status.message ?? "")")
        let key = S3Artifact(key: "wf/\(side)-pod/result.tgz")
        #expect(k.node("wf")?.outputs?.artifacts == [Artifact(name: "result", path: "/result.txt", s3: key, globalName: "winner")])
        #expect(k.status.outputs?.artifacts == [Artifact(name: "winner", s3: key)])
    }

    @Test func anUnresolvableFromErrorsTheStep() throws {
        var k = try FakeKubelet(json: """
        {"metadata": {"name": "wf"}, "spec": {"entrypoint": "main", "templates": [
          {"name": "main", "steps": [[{"name": "use", "template": "consume",
            "arguments": {"artifacts": [{"name": "in", "from": "{{steps.nope.outputs.artifacts.art}}"}]}}]]},
          \(Self.consume)]}}
        """)
        k.run()
        #expect(k.status.phase == .error || k.status.phase == .failed)
        #expect(k.node("wf[0].use")?.phase == .error)
        #expect(k.node("wf[0].use")?.message == "Unable to resolve: {{steps.nope.outputs.artifacts.art}}")
    }

    @Test func aRequiredInputArtifactWithoutArgumentErrors() throws {
        var k = try FakeKubelet(json: """
        {"metadata": {"name": "wf"}, "spec": {"entrypoint": "main", "templates": [
          {"name": "main", "steps": [[{"name": "use", "template": "consume"}]]}, \(Self.consume)]}}
        """)
        k.run()
        #expect(k.node("wf[0].use")?.message == "inputs.artifacts.in was not supplied")
        #expect(k.createdPods.isEmpty)
    }

    /// `spec.archiveLogs` reaches the executor as the template's `archiveLocation.archiveLogs`, unless the template
    /// says otherwise.
    @Test(arguments: [(nil as Bool?, true), (false, false)])
    func workflowArchiveLogsIsTheTemplatesDefault(template: Bool?, expected: Bool) throws {
        let location = template.map { #", "archiveLocation": {"archiveLogs": \#($0)}"# } ?? ""
        var k = try FakeKubelet(json: """
        {"metadata": {"name": "wf"}, "spec": {"entrypoint": "main", "archiveLogs": true, "templates": [
          {"name": "main", "container": {"image": "alpine", "command": ["true"]}\(location)}]}}
        """)
        let result = k.pass()
        let pods = result.actions.compactMap { action -> JSONValue? in
            if case .createPod(let pod) = action { return pod.json } else { return nil }
        }
        let env = pods.first?["spec"]?["containers"]?[0]?["env"]?.arrayValue ?? []
        let text = try #require(env.first { $0["name"] == "ARGO_TEMPLATE" }?["value"]?.stringValue)
        let executorTemplate = try #require(Placeholders.parseJSON(text))
        #expect(executorTemplate["archiveLocation"]?["archiveLogs"]?.boolValue == expected)
    }
}
