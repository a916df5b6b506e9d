import Controller
import Foundation
import Templates
import TestSupport
@testable import argo_lite

/// Hand-built workflow objects (Argo's JSON field names) for rendering tests.
enum Fixture {
    static let now = KubeTimeText.parse("2024-03-01T10:05:00Z")!

    /// A LocalCluster whose clock reads 10:00, five minutes before `now`, in `<directory>/state` of a fresh scratch
    /// directory (the test writes its files beside it).
    static func cluster(scratch prefix: String) throws -> (directory: URL, cluster: LocalCluster) {
        let directory = ScratchDirectory.url(prefix)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        var options = LocalCluster.Options()
        options.now = { KubeTimeText.parse("2024-03-01T10:00:00Z")! }
        return (directory, try LocalCluster(directory: directory.appendingPathComponent("state"), options: options))
    }

    static func at(_ seconds: Int) -> JSONValue {
        .string(KubeTimeText.format(KubeTimeText.parse("2024-03-01T10:00:00Z")!.addingTimeInterval(Double(seconds))))
    }

    static func node(_ wf: String, _ name: String, type: String, phase: String? = "Succeeded", display: String? = nil,
                     template: String? = nil, boundary: String? = nil, children: [String] = [], start: Int? = nil,
                     finish: Int? = nil, message: String? = nil) -> (String, JSONValue) {
        let id = NodeNames.nodeID(workflow: wf, nodeName: name)
        var o: JSONObject = ["id": .string(id), "name": .string(name)]
        o["displayName"] = .string(display ?? name)
        o["type"] = .string(type)
        if let template { o["templateName"] = .string(template) }
        if let phase { o["phase"] = .string(phase) }
        if let boundary { o["boundaryID"] = .string(NodeNames.nodeID(workflow: wf, nodeName: boundary)) }
        if let message { o["message"] = .string(message) }
        if let start { o["startedAt"] = at(start) }
        if let finish { o["finishedAt"] = at(finish) }
        if !children.isEmpty { o["children"] = .array(children.map { .string(NodeNames.nodeID(workflow: wf, nodeName: $0)) }) }
        return (id, .object(o))
    }

    static func workflow(_ name: String, phase: String = "Succeeded", start: Int? = 0, finish: Int? = nil,
                         nodes: [(String, JSONValue)] = [], spec: JSONValue = ["entrypoint": "main"],
                         status extra: JSONObject = [:], created: Int = 0) -> JSONValue {
        var status: JSONObject = ["phase": .string(phase)]
        if let start { status["startedAt"] = at(start) }
        if let finish { status["finishedAt"] = at(finish) }
        if !nodes.isEmpty { status["nodes"] = .object(JSONObject(nodes, uniquingKeysWith: { a, _ in a })) }
        for (k, v) in extra { status[k] = v }
        return [
            "apiVersion": "argoproj.io/v1alpha1", "kind": "Workflow",
            "metadata": ["name": .string(name), "namespace": "default", "creationTimestamp": at(created)],
            "spec": spec, "status": .object(status),
        ]
    }

    /// Two step groups: `hello1`, then `hello2a` and `hello2b` in parallel (the second fails), and an exit handler.
    static var steps: JSONValue {
        let wf = "steps-x"
        return workflow(
            wf, finish: 23,
            nodes: [
                node(wf, wf, type: "Steps", template: "hello-hello-hello", children: ["steps-x[0]"], start: 0, finish: 20),
                node(wf, "steps-x[0]", type: "StepGroup", display: "[0]", template: "hello-hello-hello", boundary: wf,
                     children: ["steps-x[0].hello1"], start: 0, finish: 5),
                node(wf, "steps-x[0].hello1", type: "Pod", display: "hello1", template: "whalesay", boundary: wf,
                     start: 0, finish: 5),
                node(wf, "steps-x[1]", type: "StepGroup", phase: "Failed", display: "[1]", template: "hello-hello-hello",
                     boundary: wf, children: ["steps-x[1].hello2b", "steps-x[1].hello2a"], start: 5, finish: 12),
                node(wf, "steps-x[1].hello2b", type: "Pod", phase: "Failed", display: "hello2b", template: "whalesay",
                     boundary: wf, start: 5, finish: 12, message: "Error (exit code 1)"),
                node(wf, "steps-x[1].hello2a", type: "Pod", display: "hello2a", template: "whalesay", boundary: wf,
                     start: 5, finish: 10),
                node(wf, "steps-x.onExit", type: "Pod", template: "exit-handler", start: 20, finish: 23),
            ],
            spec: ["entrypoint": "hello-hello-hello", "arguments": ["parameters": [["name": "message", "value": "hello"]]]],
            status: [
                "progress": "3/3",
                "conditions": [["type": "PodRunning", "status": "False"], ["type": "Completed", "status": "True"]],
            ])
    }
}
