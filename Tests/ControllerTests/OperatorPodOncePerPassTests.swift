import Testing
import Templates
@testable import Controller

/// Each pass creates the pod of every pending pod node that has none, once: no pod name twice in one pass, none
/// that is already observed. Walked pass by pass through a wide fan-out and fan-in (children sets), retried
/// tasks (a pod node made under a retry node), a loop, and steps; every pod fails once where retries allow it.
@Suite struct OperatorPodOncePerPassTests {
    static let workflow = """
    {"metadata": {"name": "once", "namespace": "ns", "uid": "u-1"}, "spec": {"entrypoint": "main", "templates": [
      {"name": "main", "dag": {"tasks": [
        {"name": "a", "template": "work"},
    \((0..<40).map { #"{"name": "b\#($0)", "template": "work", "dependencies": ["a"]},"# }.joined(separator: "\n"))
        {"name": "r", "template": "flaky", "dependencies": ["a"]},
        {"name": "each", "template": "work", "dependencies": ["a"], "withItems": [1, 2, 3]},
        {"name": "s", "template": "steps", "dependencies": ["a"]},
        {"name": "z", "template": "work", "dependencies": [\((0..<40).map { "\"b\($0)\"" }.joined(separator: ", ")), "r", "each", "s"]}]}},
      {"name": "steps", "steps": [[{"name": "one", "template": "work"}, {"name": "two", "template": "flaky"}],
                                  [{"name": "three", "template": "work"}]]},
      {"name": "flaky", "retryStrategy": {"limit": 2}, "container": {"image": "alpine", "command": ["false"]}},
      {"name": "work", "container": {"image": "alpine", "command": ["true"]}}]}}
    """

    @Test func everyPassCreatesEachMissingPodOnce() throws {
        var k = try FakeKubelet(json: Self.workflow)
        var failed = Set<String>()
        var passes = 0
        while passes < 40 {
            let observed = Set(k.snapshot.pods.keys)
            let result = k.pass()
            passes += 1
            var names: [String] = []
            for case .createPod(let pod) in result.actions { names.append(pod["metadata"]?["name"]?.stringValue ?? "") }
            #expect(Set(names).count == names.count, "a pod created twice in pass \(passes)")
            #expect(observed.isDisjoint(with: names), "an observed pod created again in pass \(passes)")
            for node in k.nodes.values where node.type == .pod && node.phase == .pending {
                let pod = NodeNames.podName(workflow: k.name, nodeName: node.name, templateName: node.templateName ?? "")
                #expect(k.snapshot.pods[pod] != nil, "pending \(node.name) has no pod after pass \(passes)")
            }
            if let p = k.status.phase, p != .running && p != .pending { break }
            // A `flaky` pod fails the first time its task is tried; its retry succeeds.
            k.finishPods { name in
                if name.contains("(0)"), failed.insert(name).inserted { return .fail(exitCode: 1) }
                return .succeed()
            }
            k.now += 1
        }
        #expect(k.status.phase == .succeeded)
        #expect(!failed.isEmpty)
        #expect(Set(k.createdPods).count == k.createdPods.count)
    }
}
