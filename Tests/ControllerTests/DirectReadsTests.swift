import Testing
import Templates
@testable import Controller
@testable import Reconciler

/// The watch event of a sync's own status write starts no pass, whether it arrives after the write returned or
/// while it was still returning; an event of someone else's change during the write still needs one.
@Suite struct DirectReadsTests {
    static func workflow(_ version: String) -> JSONValue {
        ["metadata": ["namespace": "argo", "name": "wf", "resourceVersion": .string(version)]]
    }

    @Test func theOwnWritesEventAfterTheWriteReturnedIsConsumed() {
        let reads = DirectReads()
        reads.expect(.workflow, key: "argo/wf")
        #expect(!reads.settle(.workflow, key: "argo/wf", version: "7"))
        #expect(reads.consume(.workflow, Self.workflow("7")))
        #expect(!reads.consume(.workflow, Self.workflow("8")), "a later change starts a pass")
    }

    @Test func theOwnWritesEventWhileTheWriteReturnsIsConsumed() {
        let reads = DirectReads()
        reads.expect(.workflow, key: "argo/wf")
        #expect(reads.consume(.workflow, Self.workflow("7")))
        #expect(!reads.settle(.workflow, key: "argo/wf", version: "7"), "nothing else arrived")
        #expect(!reads.consume(.workflow, Self.workflow("8")), "nothing left recorded: the next event starts a pass")
    }

    @Test func anotherChangeDuringTheWriteNeedsAPass() {
        let reads = DirectReads()
        reads.expect(.workflow, key: "argo/wf")
        #expect(reads.consume(.workflow, Self.workflow("6")))
        #expect(reads.consume(.workflow, Self.workflow("7")))
        #expect(reads.settle(.workflow, key: "argo/wf", version: "7"))
    }

    @Test func aFailedWriteWithEventsMeanwhileNeedsAPass() {
        let reads = DirectReads()
        reads.expect(.workflow, key: "argo/wf")
        #expect(!reads.settle(.workflow, key: "argo/wf", version: nil), "nothing arrived")
        reads.expect(.workflow, key: "argo/wf")
        _ = reads.consume(.workflow, Self.workflow("9"))
        #expect(reads.settle(.workflow, key: "argo/wf", version: nil))
    }
}
