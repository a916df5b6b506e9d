import DequeModule

/// A work queue with client-go's contract, as an actor:
/// - a key added several times before a worker takes it is processed once (dedupe);
/// - a key is never handed to two workers at once; a key added while it is being processed is queued again
///   when the worker calls `done`, so no change is lost;
/// - `addRateLimited` re-adds with per-key exponential backoff until `forget`;
/// - `addAfter` re-adds after a delay measured on the injected clock (a manual clock in tests);
/// - `addWithin` asks for a pass no later than a delay from now: any pass that starts before then counts;
/// - `addEvent` is `add` for a watch event whose object is already in the informer's cache: a worker that called
///   `snapshot` before it read the caches has seen every such event up to then, and `done` does not queue the
///   key again for those alone (a pass that starts before the second of two related events need not run twice);
/// - `done(_:holdFor:)` keeps a key that was just processed out of workers' hands for a while: changes that
///   arrive meanwhile wait and are handled by one pass when the hold ends.
public actor WorkQueue<Key: Hashable & Sendable, C: Clock> where C.Duration == Duration {
    private var queue: Deque<Key> = []
    private var dirty: Set<Key> = []
    private var processing: Set<Key> = []
    private var waiters: [CheckedContinuation<Key?, Never>] = []
    private var failures: [Key: Int] = [:]
    /// The two kinds of timer a key can have: `addAfter`'s and `addWithin`'s deadline.
    private enum Timer: Hashable, Sendable { case after, within }
    private struct TimerKey: Hashable, Sendable {
        var timer: Timer
        var key: Key
    }
    /// The pending deadline of each timer. A later call with an earlier deadline wins; a timer whose entry is
    /// gone or changed when it fires does nothing. Handing a key out meets its `within` deadline.
    private var deadlines: [TimerKey: C.Instant] = [:]
    /// Per key: `addEvent` calls so far, the count when the running pass called `snapshot`, and keys added
    /// while processing by something other than an event (a timer, a retry), which always need another pass.
    private var events: [Key: UInt64] = [:]
    private var snapshots: [Key: UInt64] = [:]
    private var forced: Set<Key> = []
    /// Keys on hold (`done(_:holdFor:)`) until this instant: added ones stay dirty, not queued, until then.
    private var heldUntil: [Key: C.Instant] = [:]
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
        guard !shuttingDown else { return }
        if processing.contains(key) { forced.insert(key) }
        enqueue(key)
    }

    /// `add` for a watch event (see the type's notes): the object it is about must already be in the cache the
    /// worker reads.
    public func addEvent(_ key: Key) {
        guard !shuttingDown else { return }
        events[key, default: 0] &+= 1
        enqueue(key)
    }

    /// Called by the worker holding `key` just before it reads the world: events added until now are seen.
    public func snapshot(_ key: Key) {
        guard processing.contains(key) else { return }
        snapshots[key] = events[key, default: 0]
        deadlines[TimerKey(timer: .within, key: key)] = nil
    }

    private func enqueue(_ key: Key) {
        guard !dirty.contains(key) else { return }
        dirty.insert(key)
        if processing.contains(key) { return }
        if let until = heldUntil[key], clock.now < until { return }  // `releaseHold` queues it
        if !waiters.isEmpty {
            dirty.remove(key)
            handOut(key)
            waiters.removeFirst().resume(returning: key)
        } else {
            queue.append(key)
        }
    }

    /// The next key to process, waiting while the queue is empty; nil once the queue is shut down and drained.
    public func get() async -> Key? {
        if let key = queue.popFirst() {
            dirty.remove(key)
            handOut(key)
            return key
        }
        if shuttingDown { return nil }
        return await withCheckedContinuation { waiters.append($0) }
    }

    private func handOut(_ key: Key) {
        processing.insert(key)
        // The pass starting now reads the world as it is after every `addWithin` call so far.
        deadlines[TimerKey(timer: .within, key: key)] = nil
    }

    /// Marks the key processed; if it was added again meanwhile, it goes back in the queue — at once, or once
    /// `hold` has passed. A controller holds a workflow whose passes are expensive for about as long as its last
    /// pass computed, so that what happens meanwhile (a large workflow's pods ending one after another) costs one
    /// more pass, not one each.
    public func done(_ key: Key, holdFor hold: Duration = .zero) {
        processing.remove(key)
        if hold > .zero, !shuttingDown {
            let until = clock.now.advanced(by: hold)
            heldUntil[key] = until
            Task { [clock] in
                try? await clock.sleep(until: until, tolerance: nil)
                self.releaseHold(key, until)
            }
        }
        let seenEverything = !forced.contains(key) && snapshots[key] == events[key, default: 0]
        forced.remove(key)
        snapshots[key] = nil
        if dirty.remove(key) != nil, !seenEverything {
            enqueue(key)
        } else {
            events[key] = nil
        }
    }

    private func releaseHold(_ key: Key, _ until: C.Instant) {
        guard heldUntil[key] == until else { return }
        heldUntil[key] = nil
        // A key added during the hold is dirty but in no queue.
        guard !processing.contains(key) else { return }
        if dirty.remove(key) != nil { enqueue(key) }
    }

    /// Adds the key once `delay` has passed on the queue's clock. A later call with an earlier deadline wins.
    public func addAfter(_ key: Key, _ delay: Duration) {
        guard !shuttingDown else { return }
        if delay <= .zero {
            add(key)
            return
        }
        arm(TimerKey(timer: .after, key: key), delay)
    }

    private func arm(_ timer: TimerKey, _ delay: Duration) {
        let deadline = clock.now.advanced(by: delay)
        if let existing = deadlines[timer], existing <= deadline { return }
        deadlines[timer] = deadline
        Task { [clock] in
            try? await clock.sleep(until: deadline, tolerance: nil)
            self.fire(timer, deadline)
        }
    }

    private func fire(_ timer: TimerKey, _ deadline: C.Instant) {
        guard deadlines[timer] == deadline else { return }
        deadlines[timer] = nil
        add(timer.key)
    }

    /// Makes sure a pass of the key starts within `delay`, without adding one if some other add leads to a pass
    /// first: for changes worth showing soon but not worth a pass of their own (a pod that started running,
    /// when it may well have finished by then). A key already queued, or queued again by `done`, needs nothing.
    public func addWithin(_ key: Key, _ delay: Duration) {
        guard !shuttingDown, !dirty.contains(key) else { return }
        arm(TimerKey(timer: .within, key: key), delay)
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
        deadlines.removeAll()
        events.removeAll()
        snapshots.removeAll()
        forced.removeAll()
        heldUntil.removeAll()
        let w = waiters
        waiters.removeAll()
        for c in w { c.resume(returning: nil) }
    }
}
