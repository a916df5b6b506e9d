import Synchronization
import ClusterAPI

/// Client-side rate limiting of requests to the API server.
public protocol KubeRateLimiter: Sendable {
    /// Returns once the caller may send one request.
    func wait() async throws
}

/// client-go's token bucket (`flowcontrol.NewTokenBucketRateLimiter`): `burst` requests at once, then `qps`
/// per second. Argo's controller uses QPS 20, burst 30. Time comes from `clock`, so tests move it by hand.
public final class TokenBucket<C: Clock>: KubeRateLimiter where C.Duration == Duration {
    public let qps: Double
    public let burst: Int
    private let clock: C
    private struct State: Sendable {
        var tokens: Double
        var last: C.Instant
    }
    private let state: Mutex<State>

    public init(qps: Double = 20, burst: Int = 30, clock: C) {
        precondition(qps > 0 && burst > 0, "a token bucket needs qps > 0 and burst > 0")
        self.qps = qps
        self.burst = burst
        self.clock = clock
        state = Mutex(State(tokens: Double(burst), last: clock.now))
    }

    /// Takes a token now, owing it if none is left (as Go's `rate.Limiter.Reserve`): the result is how long the
    /// caller must wait before it sends. Callers that reserve one after another are spaced `1/qps` apart.
    public func reserve() -> Duration {
        let now = clock.now
        return state.withLock { s in
            let elapsed = s.last.duration(to: now)
            if elapsed > .zero {
                let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
                s.tokens = min(Double(burst), s.tokens + seconds * qps)
                s.last = now
            }
            s.tokens -= 1
            return s.tokens >= 0 ? .zero : .nanoseconds(Int64((-s.tokens / qps * 1e9).rounded(.up)))
        }
    }

    public func wait() async throws {
        let delay = reserve()
        if delay > .zero { try await clock.sleep(for: delay) }
    }
}

extension TokenBucket where C == ContinuousClock {
    public convenience init(qps: Double = 20, burst: Int = 30) { self.init(qps: qps, burst: burst, clock: ContinuousClock()) }
}
