import Foundation
import Testing
import Templates
@testable import Controller
@testable import Operator

/// `containerSet`: one Pod node with a `Container` node per container, linked as the set's graph, and one pod
/// whose containers are the set's; container nodes follow their containers' states.
@Suite struct OperatorContainerSetTests {
    static let graph = """
    {"metadata": {"name": "graph"}, "spec": {"entrypoint": "main", "templates": [
      {"name": "main", "containerSet": {"containers": [
        {"name": "a", "image": "argoproj/argosay:v2"},
        {"name": "b", "image": "argoproj/argosay:v2", "dependencies": ["a"]},
        {"name": "c", "image": "argoproj/argosay:v2", "dependencies": ["a"]},
        {"name": "d", "image": "argoproj/argosay:v2", "dependencies": ["b", "c"]}]}}]}}
    """

    static func ended(_ name: String, _ code: Int) -> ContainerObservation {
        ContainerObservation(name: name, state: .terminated(exitCode: code, reason: code == 0 ? "Completed" : "Error",
                                                            message: nil, finishedAt: nil))
    }

    @Test func onePodWhoseContainersAreTheSet() throws {
        var k = try FakeKubelet(json: Self.graph)
        let result = k.pass()
        #expect(k.createdPods == ["graph"])
        let pod = try #require(result.actions.compactMap { a -> JSONValue? in
            if case .createPod(let p) = a { return p.json } else { return nil }
        }.first)
        let containers = pod["spec"]?["containers"]?.arrayValue ?? []
        #expect(containers.map { $0["name"]?.stringValue } == ["a", "b", "c", "d"])
        let env = containers[1]["env"]?.arrayValue ?? []
        #expect(env.contains { $0["name"] == "ARGO_CONTAINER_NAME" && $0["value"] == "b" })
        #expect(k.tree() == [
            "graph Pod Pending display=graph boundary=- children=[graph.a] template=main",
            "graph.a Container Pending display=a boundary=graph children=[graph.b,graph.c] template=main",
            "graph.b Container Pending display=b boundary=graph children=[graph.d] template=main",
            "graph.c Container Pending display=c boundary=graph children=[graph.d] template=main",
            "graph.d Container Pending display=d boundary=graph children=[] template=main",
        ])
    }

    @Test func containerNodesFollowTheirContainers() throws {
        var k = try FakeKubelet(json: Self.graph)
        k.pass()
        k.snapshot.pods["graph"] = PodObservation(phase: .running, containers: [
            Self.ended("a", 0), ContainerObservation(name: "b", state: .running),
            ContainerObservation(name: "c", state: .running), ContainerObservation(name: "d", state: .waiting(reason: nil, message: nil)),
        ])
        k.pass()
        #expect(k.tree() == [
            "graph Pod Running display=graph boundary=- children=[graph.a] template=main",
            "graph.a Container Succeeded display=a boundary=graph children=[graph.b,graph.c] template=main",
            "graph.b Container Running display=b boundary=graph children=[graph.d] template=main",
            "graph.c Container Running display=c boundary=graph children=[graph.d] template=main",
            "graph.d Container Pending display=d boundary=graph children=[] template=main",
        ])
        k.snapshot.pods["graph"] = PodObservation(phase: .failed, containers: [
            Self.ended("a", 0), Self.ended("b", 0), Self.ended("c", 3), Self.ended("d", 64),
        ])
        k.pass()
        #expect(k.status.phase == .failed)
        #expect(k.tree() == [
            "graph Pod Failed display=graph boundary=- children=[graph.a] template=main message=Error (exit code 3)",
            "graph.a Container Succeeded display=a boundary=graph children=[graph.b,graph.c] template=main",
            "graph.b Container Succeeded display=b boundary=graph children=[graph.d] template=main",
            "graph.c Container Failed display=c boundary=graph children=[graph.d] template=main message=Error (exit code 3): ",
            "graph.d Container Error display=d boundary=graph children=[] template=main message=Error (exit code 64): ",
        ])
    }

    @Test func theSetsResultComesFromMainInADAG() throws {
        var k = try FakeKubelet(json: """
        {"metadata": {"name": "res"}, "spec": {"entrypoint": "main", "templates": [
          {"name": "main", "dag": {"tasks": [
            {"name": "a", "template": "group"},
            {"name": "b", "template": "echo", "dependencies": ["a"],
             "arguments": {"parameters": [{"name": "msg", "value": "{{tasks.a.outputs.result}}"}]}}]}},
          {"name": "group", "containerSet": {"containers": [{"name": "main", "image": "python:alpine3.23"}]}},
          \(OperatorTreeTests.echo)]}}
        """)
        k.run { name in name == "res.a" ? .succeed(result: "hi") : .succeed() }
        #expect(k.status.phase == .succeeded)
        #expect(k.node("res.b")?.inputs?.parameters?.first?.value == "hi")
        #expect(k.node("res.a")?.children == [k.id("res.a.main"), k.id("res.b")])
        #expect(k.node("res.a.main")?.phase == .succeeded)
        #expect(k.node("res.a.main")?.boundaryID == k.id("res.a"))
    }
}
