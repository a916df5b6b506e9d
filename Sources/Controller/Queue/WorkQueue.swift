import DequeModule

/// A work queue with client-go's contract, as an actor:
/// - a key added several times before a worker takes it is processed once (dedupe);
/// - a key is never handed to two workers at once; a key added while it is being processed is queued again
///   when the worker calls `done`, so no change is lost;
/// - `addRateLimited` re-adds with per-key exponential backoff until `forget`;
/// - `addAfter` re-adds after a delay measured on the injected clock (a manual clock in tests).
public actor WorkQueue<Key: Hashable & Sendable, C: Clock> where C.Duration == Duration {
    private var queue: Deque<Key> = []
    private var dirty: Set<Key> = []
    private var processing: Set<Key> = []
    private var waiters: [CheckedContinuation<Key?, Never>] = []
    private var failures: [Key: Int] = [:]
    private var delayed: [Key: C.Instant] = [:]
    private var shuttingDown = false
    private let clock: C
    private let backoff: Backoff

    public struct Backoff: Sendable {
        public var base: Duration
        public var max: Duration
        public init(base: Duration = .milliseconds(5), max: Duration = .seconds(1000)) {
            self.base = base
            self.max = max
        }

        func delay(afterFailures n: Int) -> Duration {
            let exponent = Swift.min(n, 40)
            let d = base * (1 << exponent)
            return d > max || d < .zero ? max : d
        }
    }

    public init(clock: C, backoff: Backoff = Backoff()) {
        self.clock = clock
        self.backoff = backoff
    }

    public var count: Int { queue.count }
    public var isShuttingDown: Bool { shuttingDown }

    public func add(_ key: Key) {
        guard !shuttingDown, !dirty.contains(key) else { return }
        dirty.insert(key)
        if processing.contains(key) { return }
        if !waiters.isEmpty {
            dirty.remove(key)
            processing.insert(key)
            waiters.removeFirst().resume(returning: key)
        } else {
            queue.append(key)
        }
    }

    /// The next key to process, waiting while the queue is empty; nil once the queue is shut down and drained.
    public func get() async -> Key? {
        if let key = queue.popFirst() {
            dirty.remove(key)
            processing.insert(key)
            return key
        }
        if shuttingDown { return nil }
        return await withCheckedContinuation { waiters.append($0) }
    }

    /// Marks the key processed; if it was added again meanwhile, it goes back in the queue.
    public func done(_ key: Key) {
        processing.remove(key)
        if dirty.contains(key) {
            dirty.remove(key)
            add(key)
        }
    }

    /// Adds the key once `delay` has passed on the queue's clock. A later call with an earlier deadline wins.
    public func addAfter(_ key: Key, _ delay: Duration) {
        guard !shuttingDown else { return }
        if delay <= .zero {
            add(key)
            return
        }
        let deadline = clock.now.advanced(by: delay)
        if let existing = delayed[key], existing <= deadline { return }
        delayed[key] = deadline
        Task { [clock] in
            try? await clock.sleep(until: deadline, tolerance: nil)
            self.fireDelayed(key, deadline)
        }
    }

    private func fireDelayed(_ key: Key, _ deadline: C.Instant) {
        guard delayed[key] == deadline else { return }
        delayed[key] = nil
        add(key)
    }

    /// Re-adds the key after its backoff; each call doubles the key's delay until `forget`.
    public func addRateLimited(_ key: Key) {
        let n = failures[key, default: 0]
        failures[key] = n + 1
        addAfter(key, backoff.delay(afterFailures: n))
    }

    public func forget(_ key: Key) { failures[key] = nil }
    public func numRequeues(_ key: Key) -> Int { failures[key, default: 0] }

    /// Stops accepting keys; workers drain what is queued, then `get` returns nil.
    public func shutDown() {
        shuttingDown = true
        delayed.removeAll()
        let w = waiters
        waiters.removeAll()
        for c in w { c.resume(returning: nil) }
    }
}
