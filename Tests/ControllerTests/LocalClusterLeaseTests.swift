import Foundation
import Testing
import Templates
@testable import Controller

@Suite struct LocalClusterLeaseTests {
    @Test func oneHolderAtATimeUntilTheLeaseExpires() async throws {
        let dir = makeStateDirectory()
        let a = try makeCluster(dir)
        let b = try makeCluster(dir)
        let t0 = Date(timeIntervalSince1970: 1_800_000_000)
        #expect(try await a.tryAcquireLease(name: "controller", holder: "A", duration: 15, now: t0))
        #expect(try await b.tryAcquireLease(name: "controller", holder: "B", duration: 15, now: t0.addingTimeInterval(5)) == false)
        #expect(try await a.tryAcquireLease(name: "controller", holder: "A", duration: 15, now: t0.addingTimeInterval(10)))
        #expect(try await b.tryAcquireLease(name: "controller", holder: "B", duration: 15, now: t0.addingTimeInterval(20)) == false)
        #expect(try await b.tryAcquireLease(name: "controller", holder: "B", duration: 15, now: t0.addingTimeInterval(26)))
        let lease = try await a.get(.lease, namespace: "default", name: "controller")
        #expect(lease["spec"]?["holderIdentity"] == "B")
        #expect(lease["spec"]?["leaseTransitions"] == 1)
        try await b.releaseLease(name: "controller", holder: "B")
        #expect(try await a.tryAcquireLease(name: "controller", holder: "A", duration: 15, now: t0.addingTimeInterval(27)))
    }

    @Test func racingAcquirersGetExactlyOneWinner() async throws {
        let dir = makeStateDirectory()
        let stores = try (0..<4).map { _ in try makeCluster(dir) }
        let now = Date()
        let wins = try await withThrowingTaskGroup(of: Bool.self) { group in
            for (i, s) in stores.enumerated() {
                group.addTask { try await s.tryAcquireLease(name: "l", holder: "h\(i)", duration: 30, now: now) }
            }
            return try await group.reduce(0) { $0 + ($1 ? 1 : 0) }
        }
        #expect(wins == 1)
    }
}
