import Foundation
import Testing
import Templates
@testable import Controller
@testable import Operator

/// Pods built from the per-pass template cache are the pods the template alone gives when tasks of one template
/// differ in their inputs (a loop) or share them (a fan-out). Compared as JSON values (key order aside, with
/// `ARGO_TEMPLATE` parsed): Foundation's `JSONEncoder` does not keep key order from one encode to the next, so the
/// bytes of an encoded template differ between runs, with or without the cache.
@Suite struct OperatorPodCacheTests {
    @Test func everyPodOfALoopIsBuiltFromItsOwnInputs() throws {
        var k = try FakeKubelet(json: """
        {"metadata": {"name": "lp", "namespace": "ns", "uid": "u-1"}, "spec": {"entrypoint": "main",
         "volumes": [{"name": "v", "emptyDir": {}}], "templates": [
          {"name": "main", "dag": {"tasks": [
            {"name": "each", "template": "say", "arguments": {"parameters": [{"name": "msg", "value": "{{item}}"}]},
             "withItems": ["a", "b", "c", "d", "e", "f"]},
            {"name": "same1", "template": "say", "arguments": {"parameters": [{"name": "msg", "value": "x"}]}},
            {"name": "same2", "template": "say", "arguments": {"parameters": [{"name": "msg", "value": "x"}]}}]}},
          {"name": "say", "inputs": {"parameters": [{"name": "msg"}]},
           "container": {"image": "alpine", "command": ["echo"], "args": ["{{inputs.parameters.msg}}"],
                         "env": [{"name": "M", "value": "{{inputs.parameters.msg}}"}]}}]}}
        """)
        let result = k.pass()
        var pods: [JSONValue] = []
        for case .createPod(let pod) in result.actions { pods.append(pod.json) }
        #expect(pods.count == 8)
        let builder = PodBuilder(workflowName: "lp", namespace: "ns", workflowUID: "u-1", serviceAccountName: nil,
                                 workflowVolumes: [.object(["name": "v", "emptyDir": .object([:])])])
        var args: [String] = []
        for pod in pods {
            let main = try #require(pod["spec"]?["containers"]?[0])
            let env = main["env"]?.arrayValue ?? []
            let templateText = try #require(env.first { $0["name"]?.stringValue == "ARGO_TEMPLATE" }?["value"]?.stringValue)
            let tmpl = try JSONDecoder().decode(Template.self, from: Data(templateText.utf8))
            let meta = try #require(pod["metadata"]?["annotations"])
            let alone = builder.build(podName: pod["metadata"]?["name"]?.stringValue ?? "",
                                      nodeName: meta["workflows.argoproj.io/node-name"]?.stringValue ?? "",
                                      nodeID: meta["workflows.argoproj.io/node-id"]?.stringValue ?? "",
                                      template: tmpl, kind: .container)
            #expect(Self.parsingTemplates(pod) == Self.parsingTemplates(alone))
            #expect(pod.compactJSON.count == alone.compactJSON.count)
            let arg = main["args"]?[0]?.stringValue ?? ""
            #expect(env.first?["value"]?.stringValue == arg)
            #expect(tmpl.inputs?.parameters?.first?.value?.value == arg)
            args.append(arg)
        }
        #expect(args.sorted() == ["a", "b", "c", "d", "e", "f", "x", "x"])
    }

    /// The pod with every `ARGO_TEMPLATE` value parsed, so that templates compare as JSON.
    static func parsingTemplates(_ value: JSONValue) -> JSONValue {
        switch value {
        case .array(let items): return .array(items.map(parsingTemplates))
        case .object(let obj):
            if obj["name"]?.stringValue == "ARGO_TEMPLATE", let text = obj["value"]?.stringValue,
               let parsed = try? JSONDecoder().decode(JSONValue.self, from: Data(text.utf8)) {
                return .object(["name": "ARGO_TEMPLATE", "value": parsed])
            }
            return .object(obj.mapValues(parsingTemplates))
        default: return value
        }
    }
}
