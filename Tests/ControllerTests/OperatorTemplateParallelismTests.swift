import Testing
import Templates
@testable import Controller

/// A steps/DAG template's `parallelism` caps its own active children, each boundary by its own limit, when one
/// pass checks two boundaries in turn (the per-pass parallelism cache remembers the last boundary asked).
@Suite struct OperatorTemplateParallelismTests {
    static let workflow = """
    {"metadata": {"name": "tp"}, "spec": {"entrypoint": "main", "templates": [
      {"name": "main", "steps": [[{"name": "two", "template": "cap2"}, {"name": "three", "template": "cap3"},
                                  {"name": "free", "template": "nocap"}]]},
      {"name": "cap2", "parallelism": 2, "dag": {"tasks": [
        {"name": "a", "template": "echo"}, {"name": "b", "template": "echo"},
        {"name": "c", "template": "echo"}, {"name": "d", "template": "echo"}]}},
      {"name": "cap3", "parallelism": 3, "dag": {"tasks": [
        {"name": "a", "template": "echo"}, {"name": "b", "template": "echo"},
        {"name": "c", "template": "echo"}, {"name": "d", "template": "echo"}]}},
      {"name": "nocap", "dag": {"tasks": [
        {"name": "a", "template": "echo"}, {"name": "b", "template": "echo"},
        {"name": "c", "template": "echo"}, {"name": "d", "template": "echo"}]}},
      \(OperatorTreeTests.echo)]}}
    """

    /// Pods created so far under each of the three DAGs.
    static func podsByDAG(_ k: FakeKubelet) -> [String: Int] {
        var out: [String: Int] = [:]
        for pod in k.createdPods {
            guard let node = k.podNodes[pod] else { continue }
            for dag in ["two", "three", "free"] where node.hasPrefix("tp[0].\(dag).") { out[dag, default: 0] += 1 }
        }
        return out
    }

    @Test func eachTemplateCapsItsOwnActiveChildren() throws {
        var k = try FakeKubelet(json: Self.workflow)
        k.pass()
        #expect(Self.podsByDAG(k) == ["two": 2, "three": 3, "free": 4])
        k.finishPods { _ in .succeed() }
        k.pass()
        #expect(Self.podsByDAG(k) == ["two": 4, "three": 4, "free": 4])
        k.run()
        #expect(k.status.phase == .succeeded)
        #expect(k.createdPods.count == 12)
    }
}

/// The workflow's `parallelism` caps the pods running at once across the whole workflow, counting the ones
/// started by earlier passes (Argo's `getActivePods("")`), as `parallelism-limit.yaml` expects.
@Suite struct OperatorWorkflowParallelismTests {
    static let workflow = """
    {"metadata": {"name": "wp"}, "spec": {"entrypoint": "main", "parallelism": 2, "templates": [
      {"name": "main", "steps": [[{"name": "s", "template": "echo", "withSequence": {"count": "5"}}],
                                  [{"name": "d", "template": "fan"}]]},
      {"name": "fan", "dag": {"tasks": [
        {"name": "a", "template": "echo"}, {"name": "b", "template": "echo"}, {"name": "c", "template": "echo"}]}},
      \(OperatorTreeTests.echo)]}}
    """

    static func running(_ k: FakeKubelet) -> Int { k.snapshot.pods.values.filter { $0.phase == .running }.count }

    @Test func podsAcrossTheWorkflowNeverExceedTheLimit() throws {
        var k = try FakeKubelet(json: Self.workflow)
        k.pass()
        #expect(k.createdPods.count == 2)
        // Nothing ended: a second pass starts nothing more.
        k.pass()
        #expect(k.createdPods.count == 2)
        // One ends: exactly one more starts.
        var ended = false
        k.finishPods { _ in
            if ended { return .keepRunning }
            ended = true
            return .succeed()
        }
        k.pass()
        #expect(k.createdPods.count == 3)
        #expect(Self.running(k) == 2)
        var most = 0
        for _ in 0..<20 where k.status.phase == .running {
            k.finishPods { _ in .succeed() }
            k.pass()
            most = max(most, Self.running(k))
        }
        #expect(k.status.phase == .succeeded)
        #expect(k.createdPods.count == 8)
        #expect(most == 2)
    }
}
