import Foundation
import Testing
import Templates
@testable import Controller

/// The pods and statuses `operate` produces, byte for byte, for a workflow with every pod kind and for a small
/// fan-out/fan-in: the contract any rework of the pod builder, node bookkeeping or progress must keep.
@Suite struct OperatorPinTests {
    @Test func podsOfEveryKindAreByteForByteThePinnedOnes() throws {
        var k = try FakeKubelet(json: PinnedWorkflows.podKinds)
        var pods: [(name: String, json: String)] = []
        for _ in 0..<3 {
            pods += PinnedWorkflows.createdPods(k.pass())
            k.finishPods { _ in .succeed() }
        }
        #expect(pods.map(\.name) == PinnedGoldens.podKinds.map(\.name))
        for (got, want) in zip(pods, PinnedGoldens.podKinds) {
            #expect(got.json == want.json, "pod \(got.name)")
        }
    }

    @Test func fanOutFanInStatusesAreByteForByteThePinnedOnes() throws {
        var k = try FakeKubelet(json: PinnedWorkflows.fan(20))
        var statuses: [String] = []
        for i in 0..<PinnedGoldens.fanStatuses.count {
            statuses.append(PinnedWorkflows.statusJSON(k.pass().status))
            if i == 0 || i == 3 || i == 5 { k.finishPods { _ in .succeed() } }
        }
        #expect(statuses.count == PinnedGoldens.fanStatuses.count)
        for (i, (got, want)) in zip(statuses, PinnedGoldens.fanStatuses).enumerated() {
            #expect(got == want, "status after pass \(i)")
        }
    }
}
