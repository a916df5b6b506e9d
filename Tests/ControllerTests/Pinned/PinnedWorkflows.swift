import Foundation
import Templates
@testable import Controller
@testable import Operator

/// Workflows whose pods and statuses are pinned byte for byte (`OperatorPodPinTests`, `OperatorStatusPinTests`):
/// a DAG running one task of every pod-making template kind, and a small fan-out/fan-in.
enum PinnedWorkflows {
    /// Every pod kind (container with every pod-level field the builder copies, script, resource, container set),
    /// and three tasks of one untagged template (the per-pass template cache).
    static let podKinds = """
    {"metadata": {"name": "pin", "namespace": "ns", "uid": "u-9"},
     "spec": {"entrypoint": "main", "serviceAccountName": "wf-sa",
      "volumes": [{"name": "work", "emptyDir": {}}],
      "templates": [
       {"name": "main", "dag": {"tasks": [
         {"name": "c", "template": "ctr", "arguments": {"parameters": [{"name": "msg", "value": "hello \\"you\\""}]}},
         {"name": "s", "template": "scr"},
         {"name": "r", "template": "res"},
         {"name": "cs", "template": "set"},
         {"name": "b1", "template": "plain", "dependencies": ["s"]},
         {"name": "b2", "template": "plain", "dependencies": ["s"]},
         {"name": "b3", "template": "plain", "dependencies": ["s"]}]}},
       {"name": "ctr", "inputs": {"parameters": [{"name": "msg"}]},
        "serviceAccountName": "tmpl-sa", "activeDeadlineSeconds": 30,
        "nodeSelector": {"zone": "b", "arch": "amd64"},
        "initContainers": [{"name": "init", "image": "busybox", "command": ["true"]}],
        "volumes": [{"name": "extra", "emptyDir": {"medium": "Memory"}}],
        "sidecars": [{"name": "side", "image": "nginx"}],
        "container": {"name": "ignored", "image": "alpine:3", "command": ["sh", "-c"],
          "args": ["echo {{inputs.parameters.msg}} {{pod.name}}"],
          "env": [{"name": "X", "value": "1"}], "workingDir": "/w",
          "volumeMounts": [{"name": "work", "mountPath": "/w"}]}},
       {"name": "scr", "script": {"image": "python:3", "command": ["python"], "args": ["-u"], "source": "print(1)\\n"}},
       {"name": "res", "resource": {"action": "create", "manifest": "apiVersion: v1\\nkind: ConfigMap\\n"}},
       {"name": "set", "containerSet": {"containers": [
         {"name": "a", "image": "alpine", "command": ["echo", "a"]},
         {"name": "b", "image": "alpine", "command": ["echo", "b"], "dependencies": ["a"]}]}},
       {"name": "plain", "container": {"image": "alpine", "command": ["true"]}}]}}
    """

    /// A → B0..B19 → Z (more than 16 children: the parent's children go through the set path).
    static func fan(_ n: Int) -> String {
        var tasks = [#"{"name": "A", "template": "t"}"#]
        for i in 0..<n { tasks.append(#"{"name": "B\#(i)", "template": "t", "dependencies": ["A"]}"#) }
        tasks.append(#"{"name": "Z", "template": "t", "dependencies": [\#((0..<n).map { "\"B\($0)\"" }.joined(separator: ","))]}"#)
        return """
        {"metadata": {"name": "fan", "namespace": "bench", "uid": "u-f"},
         "spec": {"entrypoint": "main", "templates": [
          {"name": "main", "dag": {"tasks": [\(tasks.joined(separator: ","))]}},
          {"name": "t", "container": {"image": "alpine", "command": ["true"]}}]}}
        """
    }

    /// The pods a pass creates, as compact JSON, by pod name. `ARGO_TEMPLATE` is re-encoded with sorted keys: the
    /// template's map-typed fields (`nodeSelector`) come out of `JSONValue(encoding:)` in a Swift dictionary's order,
    /// which differs between runs; everything else is compared byte for byte.
    static func createdPods(_ result: OperateResult) -> [(name: String, json: String)] {
        var out: [(String, String)] = []
        for case .createPod(let pod) in result.actions {
            out.append((pod.name, sortingTemplates(pod.json).compactJSON))
        }
        return out.sorted { $0.0 < $1.0 }
    }

    static func sortingTemplates(_ value: JSONValue) -> JSONValue {
        switch value {
        case .array(let items): return .array(items.map(sortingTemplates))
        case .object(let obj):
            if obj["name"]?.stringValue == "ARGO_TEMPLATE", let text = obj["value"]?.stringValue,
               let parsed = try? JSONDecoder().decode(JSONValue.self, from: Data(text.utf8)) {
                return .object(["name": "ARGO_TEMPLATE", "value": .string(sortedKeys(parsed).compactJSON)])
            }
            return .object(obj.mapValues(sortingTemplates))
        default: return value
        }
    }

    static func sortedKeys(_ value: JSONValue) -> JSONValue {
        switch value {
        case .array(let items): return .array(items.map(sortedKeys))
        case .object(let obj):
            var out = JSONObject()
            for k in obj.keys.sorted() { out[k] = sortedKeys(obj[k]!) }
            return .object(out)
        default: return value
        }
    }

    /// The status with its nodes in ID order, as compact JSON (a Swift dictionary's order differs between runs).
    static func statusJSON(_ status: WorkflowStatus) -> String {
        var s = status
        let nodes = s.nodes ?? [:]
        s.nodes = nil
        var obj = (try? JSONValue(encoding: s))?.objectValue ?? [:]
        var nodeObj = JSONObject()
        for id in nodes.keys.sorted() { nodeObj[id] = (try? JSONValue(encoding: nodes[id]!)) ?? .null }
        obj["nodes"] = .object(nodeObj)
        return JSONValue.object(obj).compactJSON
    }
}
