import Foundation
import Testing
import Templates
@testable import Controller
@testable import Operator

/// A pod a pass asks to create is kept as its template's prototype plus three values and becomes JSON where it is
/// read: that JSON must be, byte for byte, the pod the builder makes whole, and equality must mean the same JSON.
@Suite struct OperatorPodToCreateTests {
    static let builder = PodBuilder(workflowName: "wf", namespace: "ns", workflowUID: "u-1", serviceAccountName: "sa",
                                    workflowVolumes: [.object(["name": "v", "emptyDir": .object([:])])])

    static func template(_ json: String) throws -> Template {
        try JSONDecoder().decode(Template.self, from: Data(json.utf8))
    }

    static let containerTemplate = #"""
    {"name": "t", "inputs": {"parameters": [{"name": "m", "value": "x"}]},
     "container": {"image": "alpine", "command": ["echo"], "args": ["x"], "env": [{"name": "E", "value": "1"}]}}
    """#
    static let scriptTemplate = #"""
    {"name": "s", "script": {"image": "python", "command": ["python"], "source": "print(1)"}}
    """#

    /// (pod name, node name, node ID): plain, with characters JSON escapes, and non-ASCII.
    static let values: [(String, String, String)] = [
        ("wf-t-1234567890", "wf.B(0:a)", "wf-1234567890"),
        ("wf-t-1", "wf.\"quoted\"\\back\nline", "wf-1"),
        ("wf-t-2", "wf.é✓", ""),
    ]

    @Test(arguments: [containerTemplate, scriptTemplate])
    func aPodKeptAsItsPrototypeIsByteForByteThePodBuiltWhole(templateJSON: String) throws {
        let kind: Controller.TemplateKind = templateJSON.contains("script") ? .script : .container
        let parts = Self.builder.parts(template: try Self.template(templateJSON), kind: kind)
        let prototype = try #require(PodPrototype(builder: Self.builder, parts: parts))
        for (podName, nodeName, nodeID) in Self.values {
            let kept = PodToCreate(prototype: prototype, podName: podName, nodeName: nodeName, nodeID: nodeID)
            let whole = Self.builder.build(podName: podName, nodeName: nodeName, nodeID: nodeID, parts: parts)
            #expect(kept.json.compactJSON == whole.compactJSON)
            #expect(kept.name == podName)
            #expect(kept == PodToCreate(whole))
            #expect(PodToCreate(whole) == kept)
            #expect(kept.hashValue == PodToCreate(whole).hashValue)
        }
    }

    @Test func podsOfOnePrototypeAreEqualExactlyWhenTheirValuesAre() throws {
        let parts = Self.builder.parts(template: try Self.template(Self.containerTemplate), kind: .container)
        let prototype = try #require(PodPrototype(builder: Self.builder, parts: parts))
        let other = try #require(PodPrototype(builder: Self.builder, parts: parts))
        func pod(_ p: PodPrototype, _ v: (String, String, String)) -> PodToCreate {
            PodToCreate(prototype: p, podName: v.0, nodeName: v.1, nodeID: v.2)
        }
        let base = ("wf-t-1", "wf.A", "wf-1")
        #expect(pod(prototype, base) == pod(prototype, base))
        #expect(pod(prototype, base) == pod(other, base))
        #expect(pod(prototype, base) != pod(prototype, ("wf-t-2", "wf.A", "wf-1")))
        #expect(pod(prototype, base) != pod(prototype, ("wf-t-1", "wf.B", "wf-1")))
        #expect(pod(prototype, base) != pod(prototype, ("wf-t-1", "wf.A", "wf-2")))
        #expect(pod(prototype, base) != pod(other, ("wf-t-1", "wf.A", "wf-2")))
        #expect(Set([pod(prototype, base), pod(other, base), PodToCreate(pod(prototype, base).json)]).count == 1)
    }

    /// Through `operate`: the pods of a fan-out are kept as prototypes, and each is the pod its template gives whole.
    @Test func theFanOutPassKeepsItsPodsAsPrototypesOfTheRightPods() throws {
        var k = try FakeKubelet(json: PinnedWorkflows.fan(5))
        k.pass()
        k.finishPods { _ in .succeed() }
        let result = k.pass()
        var pods: [PodToCreate] = []
        for case .createPod(let pod) in result.actions { pods.append(pod) }
        #expect(pods.count == 5)
        let builder = PodBuilder(workflowName: "fan", namespace: "bench", workflowUID: "u-f", serviceAccountName: nil,
                                 workflowVolumes: [])
        let tmpl = try Self.template(#"{"name": "t", "container": {"image": "alpine", "command": ["true"]}}"#)
        for pod in pods {
            guard case .prototype = pod.storage else { Issue.record("pod \(pod.name) kept whole"); continue }
            let meta = try #require(pod["metadata"]?["annotations"])
            let whole = builder.build(podName: pod.name, nodeName: meta["workflows.argoproj.io/node-name"]?.stringValue ?? "",
                                      nodeID: meta["workflows.argoproj.io/node-id"]?.stringValue ?? "",
                                      template: tmpl, kind: .container)
            #expect(OperatorPodCacheTests.parsingTemplates(pod.json) == OperatorPodCacheTests.parsingTemplates(whole))
            #expect(pod.json.compactJSON.count == whole.compactJSON.count)
            #expect(pod.json["metadata"]?["name"]?.stringValue == pod.name)
        }
    }
}
