import Foundation
import Testing
import Templates
@testable import Controller
@testable import Operator

/// `Operator.converge`: what a sync writes is a fixed point of `operate`, so the controller's own write needs no
/// pass of its own.
@Suite struct OperatorConvergeTests {
    static let diamond = """
    {"metadata": {"name": "held", "namespace": "default", "uid": "u-1"},
     "spec": {"entrypoint": "d", "templates": [
       {"name": "d", "dag": {"tasks": [
         {"name": "A", "template": "t"}, {"name": "B", "template": "t", "dependencies": ["A"]},
         {"name": "C", "template": "t", "dependencies": ["A"]}, {"name": "D", "template": "t", "dependencies": ["B", "C"]}]}},
       {"name": "t", "container": {"image": "alpine", "command": ["true"]}}]}}
    """

    static func podNames(_ actions: [OperatorAction]) -> [String] {
        actions.compactMap { if case .createPod(let p) = $0 { p["metadata"]?["name"]?.stringValue } else { nil } }.sorted()
    }

    /// The status that recorded A's node was lost (its write conflicted with a `suspend`), and A's pod ran to the
    /// end meanwhile. One pass creates A's node again but assesses its pod only on the next one.
    @Test func aNodeWhosePodAlreadyFinishedIsFollowedByItsDependentsInOneSync() throws {
        var k = try FakeKubelet(json: Self.diamond)
        let first = k.pass()
        let podA = try #require(Self.podNames(first.actions).first)
        var lost = k.snapshot
        lost.workflow.status = WorkflowStatus()
        lost.workflow.status?.phase = .running
        lost.workflow.status?.startedAt = KubeTime(time: k.now)
        lost.pods[podA] = PodObservation(
            phase: .succeeded,
            containers: [ContainerObservation(name: "main", state: .terminated(exitCode: 0, reason: "Completed", message: nil, finishedAt: KubeTime(time: k.now)))])

        let once = Operator.operate(lost, now: KubeTime(time: k.now + 1))
        #expect(Self.podNames(once.actions).isEmpty, "one pass alone leaves A Pending and starts nothing")

        let (result, converged) = Operator.converge(lost, now: KubeTime(time: k.now + 1))
        #expect(converged)
        #expect(Self.podNames(result.actions).count == 2, "B and C start in the same sync")
        let phases = Dictionary(uniqueKeysWithValues: (result.status.nodes ?? [:]).values.map { ($0.displayName ?? "", $0.phase) })
        #expect(phases["A"] == .succeeded && phases["B"] == .pending && phases["C"] == .pending && phases["D"] == nil)
        var again = lost
        again.workflow.status = result.status
        for name in Self.podNames(result.actions) { again.pods[name] = PodObservation(phase: .pending) }
        #expect(Operator.operate(again, now: KubeTime(time: k.now + 1)).isNoop, "a pass on what the sync wrote does nothing")
    }

    @Test func aPassThatChangesNothingIsAlreadyConverged() throws {
        var k = try FakeKubelet(json: Self.diamond)
        k.pass()
        k.pass()
        let (result, converged) = Operator.converge(k.snapshot, now: KubeTime(time: k.now))
        #expect(converged && result.isNoop)
    }
}
