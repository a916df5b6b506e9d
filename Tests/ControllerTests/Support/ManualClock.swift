import Synchronization

/// A clock that only moves when a test calls `advance(by:)`: time-based behaviour is tested without sleeping.
final class ManualClock: Clock, @unchecked Sendable {
    struct Instant: InstantProtocol {
        var offset: Duration
        func advanced(by d: Duration) -> Instant { Instant(offset: offset + d) }
        func duration(to other: Instant) -> Duration { other.offset - offset }
        static func < (a: Instant, b: Instant) -> Bool { a.offset < b.offset }
    }

    private struct State {
        var now = Instant(offset: .zero)
        var sleepers: [(deadline: Instant, resume: CheckedContinuation<Void, Never>)] = []
    }
    private let state = Mutex(State())

    var now: Instant { state.withLock { $0.now } }
    var minimumResolution: Duration { .zero }

    /// How many tasks are currently sleeping on this clock.
    var sleeperCount: Int { state.withLock { $0.sleepers.count } }

    func sleep(until deadline: Instant, tolerance: Duration?) async throws {
        await withCheckedContinuation { (c: CheckedContinuation<Void, Never>) in
            let resumeNow: Bool = state.withLock { s in
                if deadline <= s.now { return true }
                s.sleepers.append((deadline, c))
                return false
            }
            if resumeNow { c.resume() }
        }
    }

    func advance(by d: Duration) {
        let due: [CheckedContinuation<Void, Never>] = state.withLock { s in
            s.now = s.now.advanced(by: d)
            let now = s.now
            let ready = s.sleepers.filter { $0.deadline <= now }.map(\.resume)
            s.sleepers.removeAll { $0.deadline <= now }
            return ready
        }
        for c in due { c.resume() }
    }
}
