import Foundation
import Testing
import Templates
@testable import Controller
@testable import ClusterAPI
@testable import Reconciler

/// The controller's status write: a merge patch that turns the stored status into the new one exactly,
/// including fields a pass cleared.
@Suite struct StatusPatchTests {
    static let diffCases: [(String, String, String?)] = [
        (#"{"a":1}"#, #"{"a":1}"#, nil),
        (#"{"a":1}"#, #"{"a":2}"#, #"{"a":2}"#),
        (#"{"a":1,"m":"x"}"#, #"{"a":1}"#, #"{"m":null}"#),
        (#"{"o":{"r":"x","p":[1]}}"#, #"{"o":{"p":[1]}}"#, #"{"o":{"r":null}}"#),
        (#"{"o":{"p":[1]}}"#, #"{"o":{"p":[2]}}"#, #"{"o":{"p":[2]}}"#),
        (#"{"a":"s"}"#, #"{"a":{"b":1}}"#, #"{"a":{"b":1}}"#),
        (#"{}"#, #"{"n":{"x":null,"y":1}}"#, #"{"n":{"x":null,"y":1}}"#),
    ]

    @Test(arguments: diffCases)
    func diffIsTheMergePatchBetweenTwoValues(old: String, new: String, expected: String?) throws {
        let o = try JSONParser.parse(old), n = try JSONParser.parse(new)
        let patch = MergePatch.diff(from: o, to: n)
        #expect(patch?.compactJSON == expected)
        #expect(MergePatch.apply(patch ?? .object([:]), to: o) == MergePatch.apply(n, to: nil), "applying it gives the new value")
    }

    @Test func aClearedNodeMessageAndOutputAreSentAsNull() throws {
        let wf = try JSONDecoder().decode(Workflow.self, from: Data("""
            {"metadata": {"name": "w", "namespace": "argo", "resourceVersion": "7"},
             "spec": {"entrypoint": "main"},
             "status": {"phase": "Running", "message": "waiting",
               "nodes": {"w": {"id": "w", "name": "w", "type": "Pod", "phase": "Pending", "message": "ContainerCreating",
                               "outputs": {"result": "old", "exitCode": "0"}}}}}
            """.utf8))
        var status = try #require(wf.status)
        var node = try #require(status.nodes?["w"])
        node.phase = .running
        node.message = nil
        node.outputs?.result = nil
        status.nodes?["w"] = node
        status.message = nil
        let patch = StatusPatch.make(workflow: wf, newStatus: status, changedNodeIDs: ["w"])
        #expect(patch["status"]?["nodes"]?["w"] == ["phase": "Running", "message": nil, "outputs": ["result": nil]])
        #expect(patch["status"]?["message"] == .null)
        #expect(patch["metadata"]?["resourceVersion"] == "7")

        var progressed = status
        progressed.nodes?["w"]?.progress = "1/1"
        let progressPatch = StatusPatch.make(workflow: wf, newStatus: progressed, changedNodeIDs: ["w"])
        var moved = wf
        moved.status = status
        #expect(StatusPatch.make(workflow: moved, newStatus: progressed, changedNodeIDs: ["w"])["status"]?["nodes"]?["w"] == ["progress": "1/1"],
                "a change of progress alone is sent alone")
        #expect(progressPatch["status"]?["nodes"]?["w"]?["progress"] == "1/1")

        let stored = try JSONValue(encoding: wf)
        let written = MergePatch.apply(patch, to: stored)
        var expected = wf
        expected.status = status
        #expect(written["status"] == (try JSONValue(encoding: expected))["status"])
    }
}
