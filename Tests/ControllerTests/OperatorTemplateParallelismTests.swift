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
