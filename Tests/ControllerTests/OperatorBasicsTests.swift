import Foundation
import Testing
import Templates
@testable import Controller
@testable import Operator

@Suite struct OperatorBasicsTests {
    static let helloWorld = """
    {"metadata": {"name": "hello-world-abc", "namespace": "argo", "uid": "u-1"},
     "spec": {"entrypoint": "whalesay", "templates": [
       {"name": "whalesay", "container": {"image": "docker/whalesay", "command": ["cowsay"], "args": ["hello {{workflow.name}}"]}}]}}
    """

    @Test func helloWorldRunsOnePodAndSucceeds() throws {
        var k = try FakeKubelet(json: Self.helloWorld)
        let first = k.pass()
        #expect(k.status.phase == .running)
        #expect(k.status.startedAt?.time == k.now)
        #expect(k.createdPods == ["hello-world-abc"])
        let root = try #require(k.node("hello-world-abc"))
        #expect(root.id == "hello-world-abc")
        #expect(root.type == .pod && root.phase == .pending && root.displayName == "hello-world-abc")
        #expect(root.templateName == "whalesay" && root.templateScope == "local/hello-world-abc")
        #expect(first.changedNodeIDs == ["hello-world-abc"])

        guard case .createPod(let pod)? = first.actions.first(where: { if case .createPod = $0 { return true } else { return false } }) else {
            Issue.record("no pod created"); return
        }
        #expect(pod["metadata"]?["namespace"] == "argo")
        #expect(pod["metadata"]?["labels"]?["workflows.argoproj.io/workflow"] == "hello-world-abc")
        #expect(pod["metadata"]?["labels"]?["workflows.argoproj.io/completed"] == "false")
        #expect(pod["metadata"]?["annotations"]?["workflows.argoproj.io/node-id"] == "hello-world-abc")
        #expect(pod["metadata"]?["ownerReferences"]?[0]?["uid"] == "u-1")
        let main = try #require(pod["spec"]?["containers"]?[0])
        #expect(main["name"] == "main" && main["image"] == "docker/whalesay")
        #expect(main["args"] == ["hello hello-world-abc"])
        let env = main["env"]?.arrayValue ?? []
        #expect(env.contains(["name": "ARGO_NODE_ID", "value": "hello-world-abc"]))
        #expect(env.contains(["name": "ARGO_POD_NAME", "value": "hello-world-abc"]))

        k.finishPods { _ in .succeed() }
        k.now += 5
        k.pass()
        #expect(k.status.phase == .succeeded)
        #expect(k.status.finishedAt?.time == k.now)
        #expect(k.status.progress == "1/1")
        let done = try #require(k.node("hello-world-abc"))
        #expect(done.phase == .succeeded && done.progress == "1/1" && done.outputs?.exitCode == "0")
    }

    @Test func aSecondPassWithNothingChangedDoesNothing() throws {
        var k = try FakeKubelet(json: Self.helloWorld)
        k.pass()
        #expect(k.pass().changedNodeIDs == ["hello-world-abc"], "the pod was seen Running")
        let second = k.pass()
        #expect(second.actions.isEmpty)
        #expect(second.changedNodeIDs.isEmpty)
        #expect(!second.workflowFieldsChanged)
        k.finishPods { _ in .succeed() }
        k.pass()
        #expect(k.pass().isNoop)
    }

    @Test func aFailedPodFailsTheWorkflowWithArgosMessage() throws {
        var k = try FakeKubelet(json: Self.helloWorld)
        k.run { _ in .fail(exitCode: 1) }
        #expect(k.status.phase == .failed)
        #expect(k.status.message == "Error (exit code 1)")
        #expect(k.node("hello-world-abc")?.message == "Error (exit code 1)")
        #expect(k.node("hello-world-abc")?.outputs?.exitCode == "1")
    }

    @Test func aDeletedPodErrorsItsNode() throws {
        var k = try FakeKubelet(json: Self.helloWorld)
        k.pass()
        k.snapshot.pods["hello-world-abc"] = PodObservation(phase: .running)
        k.pass()
        k.snapshot.pods = [:]
        k.pass()
        #expect(k.node("hello-world-abc")?.phase == .error)
        #expect(k.node("hello-world-abc")?.message == "pod deleted")
        #expect(k.status.phase == .error)
    }

    @Test func anUndefinedTemplateFailsTheWorkflowAsArgosValidatorSaysIt() throws {
        var k = try FakeKubelet(json: """
        {"metadata": {"name": "bad"}, "spec": {"entrypoint": "main", "templates": [
          {"name": "main", "steps": [[{"name": "hello", "template": "nonexist"}]]}]}}
        """)
        k.pass()
        #expect(k.status.phase == .failed)
        #expect(k.status.message == "invalid spec: templates.main.steps[0].hello template name 'nonexist' undefined")
        #expect(k.nodes.isEmpty)
        #expect(k.status.finishedAt != nil)
    }

    @Test func missingInputParameterErrorsTheNode() throws {
        var k = try FakeKubelet(json: """
        {"metadata": {"name": "p"}, "spec": {"entrypoint": "t", "templates": [
          {"name": "t", "inputs": {"parameters": [{"name": "msg"}]}, "container": {"image": "alpine"}}]}}
        """)
        k.pass()
        #expect(k.node("p")?.phase == .error)
        #expect(k.node("p")?.type == .skipped)
        #expect(k.status.phase == .error)
        #expect(k.status.message == "error in entry template execution: inputs.parameters.msg was not supplied")
    }
}
