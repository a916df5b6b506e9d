import Foundation
import Testing
import Templates
@testable import Controller
@testable import Operator

/// Node progress as Argo's `progress.UpdateProgress` computes it: a non-pod node sums the distinct pods reachable
/// through `children` (each once), a pod is `1/1` once done, else its own progress or `0/1`.
@Suite struct OperatorProgressTests {
    static let echo = #"{"name": "echo", "container": {"image": "alpine", "command": ["true"]}}"#

    @Test func aChainCountsEveryLaterStepFromEachGroup() throws {
        var k = try FakeKubelet(json: """
        {"metadata": {"name": "ch"}, "spec": {"entrypoint": "main", "templates": [
          {"name": "main", "steps": [[{"name": "s0", "template": "echo"}], [{"name": "s1", "template": "echo"}],
                                     [{"name": "s2", "template": "echo"}]]}, \(Self.echo)]}}
        """)
        k.pass()
        #expect(k.node("ch")?.progress == "0/1")
        #expect(k.node("ch[0]")?.progress == "0/1")
        #expect(k.node("ch[0].s0")?.progress == "0/1")
        #expect(k.status.progress == "0/1")
        k.finishPods { _ in .succeed() }
        k.pass()
        #expect(k.node("ch")?.progress == "1/2")
        #expect(k.node("ch[0]")?.progress == "1/2")
        #expect(k.node("ch[0].s0")?.progress == "1/1")
        #expect(k.node("ch[1]")?.progress == "0/1")
        #expect(k.status.progress == "1/2")
        k.run()
        #expect(k.status.phase == .succeeded)
        #expect(k.node("ch")?.progress == "3/3")
        #expect(k.node("ch[0]")?.progress == "3/3")
        #expect(k.node("ch[1]")?.progress == "2/2")
        #expect(k.node("ch[2]")?.progress == "1/1")
        #expect(k.node("ch[2].s2")?.progress == "1/1")
        #expect(k.status.progress == "3/3")
    }

    @Test func aDiamondCountsItsJoinOnce() throws {
        var k = try FakeKubelet(json: """
        {"metadata": {"name": "dia"}, "spec": {"entrypoint": "main", "templates": [
          {"name": "main", "dag": {"tasks": [
            {"name": "A", "template": "echo"},
            {"name": "B", "template": "echo", "dependencies": ["A"]},
            {"name": "C", "template": "echo", "dependencies": ["A"]},
            {"name": "D", "template": "echo", "dependencies": ["B", "C"]}]}}, \(Self.echo)]}}
        """)
        k.pass()
        #expect(k.node("dia")?.progress == "0/1")
        k.finishPods { _ in .succeed() }
        k.pass()
        #expect(k.node("dia")?.progress == "1/3")
        #expect(k.status.progress == "1/3")
        k.finishPods { _ in .succeed() }
        k.pass()
        #expect(k.node("dia")?.progress == "3/4")
        #expect(k.node("dia.B")?.progress == "1/1")
        #expect(k.node("dia.D")?.progress == "0/1")
        k.run()
        #expect(k.node("dia")?.progress == "4/4")
        #expect(k.status.progress == "4/4")
    }

    /// Pods with a progress other than 0/1 or 1/1 are summed by value; a diamond still counts its join once.
    @Test func podsWithTheirOwnProgressAreSummedByValue() throws {
        func node(_ name: String, _ type: NodeType, _ progress: String? = nil, _ children: [String] = []) -> (String, NodeStatus) {
            (name, NodeStatus(id: name, name: name, type: type, progress: progress, children: children))
        }
        let nodes = Dictionary(uniqueKeysWithValues: [
            node("root", .dag, nil, ["a"]),
            node("a", .pod, "2/5", ["b", "c"]),
            node("b", .pod, "1/1", ["d"]),
            node("c", .stepGroup, nil, ["d"]),
            node("d", .pod, "0/1"),
        ])
        let sums = try #require(ReachablePods(nodes)).sums()
        let byID = Dictionary(uniqueKeysWithValues: sums.map { ($0.0, "\($0.1.0)/\($0.1.1)") })
        #expect(byID == ["root": "3/7", "c": "0/1"])
    }

    /// Without shared children (a tree, as steps make) the sums are plain additions, own progress included.
    @Test func aTreeSumsPodsByValueWithoutSets() throws {
        func node(_ name: String, _ type: NodeType, _ progress: String? = nil, _ children: [String] = []) -> (String, NodeStatus) {
            (name, NodeStatus(id: name, name: name, type: type, progress: progress, children: children))
        }
        let nodes = Dictionary(uniqueKeysWithValues: [
            node("root", .steps, nil, ["a"]),
            node("a", .pod, "2/5", ["b", "c"]),
            node("b", .pod, "1/1"),
            node("c", .stepGroup, nil, ["d", "e"]),
            node("d", .pod, "0/1"),
            node("e", .stepGroup),
        ])
        let reach = try #require(ReachablePods(nodes))
        #expect(reach.isForest)
        let byID = Dictionary(uniqueKeysWithValues: reach.sums().map { ($0.0, "\($0.1.0)/\($0.1.1)") })
        #expect(byID == ["root": "3/7", "c": "0/1", "e": "0/0"])
    }

    @Test func aSharedChildIsNotATree() throws {
        let nodes = [
            "p": NodeStatus(id: "p", name: "p", type: .dag, children: ["x", "y"]),
            "x": NodeStatus(id: "x", name: "x", type: .pod, progress: "1/1", children: ["z"]),
            "y": NodeStatus(id: "y", name: "y", type: .pod, progress: "1/1", children: ["z"]),
            "z": NodeStatus(id: "z", name: "z", type: .pod, progress: "0/1"),
        ]
        let reach = try #require(ReachablePods(nodes))
        #expect(!reach.isForest)
        #expect(reach.sums().map { "\($0.0)=\($0.1.0)/\($0.1.1)" } == ["p=2/3"])
    }

    @Test func aCycleInChildrenTakesTheWalk() {
        let nodes = [
            "x": NodeStatus(id: "x", name: "x", type: .stepGroup, children: ["y"]),
            "y": NodeStatus(id: "y", name: "y", type: .pod, progress: "0/1", children: ["x"]),
        ]
        #expect(ReachablePods(nodes) == nil)
    }

    /// A node's progress is rewritten only when its text differs from `done/total`: the comparison reads the
    /// digits in place and must agree with comparing the formatted string.
    @Test(arguments: [
        ("3/7", 3, 7, true), ("10/12", 10, 12, true), ("0/0", 0, 0, true), ("1/1", 1, 1, true),
        ("03/7", 3, 7, false), ("3/7 ", 3, 7, false), ("3/70", 3, 7, false), ("3/", 3, 7, false),
        ("37", 3, 7, false), ("", 0, 0, false), ("4/7", 3, 7, false),
    ])
    func progressTextIsComparedExactly(text: String, done: Int, total: Int, equal: Bool) {
        #expect(OperationContext.progress(text, is: done, total) == equal)
        #expect(OperationContext.progress(text, is: done, total) == (text == "\(done)/\(total)"))
    }

    @Test func noProgressTextIsNeverEqual() {
        #expect(!OperationContext.progress(nil, is: 0, 0))
    }
}
