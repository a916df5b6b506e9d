import Testing
@testable import Controller
@testable import ClusterAPI

@Suite struct WorkQueueTests {
    func makeQueue() -> (WorkQueue<String, ManualClock>, ManualClock) {
        let clock = ManualClock()
        return (WorkQueue(clock: clock), clock)
    }

    @Test func aKeyAddedTwiceBeforeProcessingIsProcessedOnce() async {
        let (q, _) = makeQueue()
        await q.add("ns/a")
        await q.add("ns/b")
        await q.add("ns/a")
        #expect(await q.count == 2)
        #expect(await q.get() == "ns/a")
        #expect(await q.get() == "ns/b")
        #expect(await q.count == 0)
    }

    @Test func aKeyAddedWhileProcessingIsQueuedAgainOnDone() async {
        let (q, _) = makeQueue()
        await q.add("ns/a")
        let key = await q.get()
        await q.add("ns/a")  // an event arrives while a worker holds the key
        #expect(await q.count == 0, "never handed to a second worker while the first holds it")
        await q.done(key!)
        #expect(await q.count == 1)
        #expect(await q.get() == "ns/a")
    }

    @Test func aWaitingWorkerIsWokenByAdd() async {
        let (q, _) = makeQueue()
        async let next = q.get()
        await q.add("ns/x")
        #expect(await next == "ns/x")
    }

    @Test func addAfterWaitsForTheClock() async throws {
        let (q, clock) = makeQueue()
        await q.addAfter("ns/a", .seconds(10))
        try await waitForSleepers(clock, 1)
        clock.advance(by: .seconds(9))
        #expect(await q.count == 0)
        clock.advance(by: .seconds(1))
        #expect(await q.get() == "ns/a")
    }

    @Test func rateLimitedBackoffDoublesUntilForget() async throws {
        let clock = ManualClock()
        let q = WorkQueue<String, ManualClock>(clock: clock, backoff: .init(base: .milliseconds(5), max: .seconds(1)))
        await q.addRateLimited("k")
        #expect(await q.numRequeues("k") == 1)
        try await waitForSleepers(clock, 1)
        clock.advance(by: .milliseconds(5))
        #expect(await q.get() == "k")
        await q.done("k")
        await q.addRateLimited("k")  // second failure: 10 ms
        try await waitForSleepers(clock, 1)
        clock.advance(by: .milliseconds(9))
        #expect(await q.count == 0)
        clock.advance(by: .milliseconds(1))
        #expect(await q.get() == "k")
        await q.forget("k")
        #expect(await q.numRequeues("k") == 0)
    }

    @Test func addWithinAddsTheKeyOnceTheDelayHasPassed() async throws {
        let (q, clock) = makeQueue()
        await q.addWithin("ns/a", .milliseconds(100))
        try await waitForSleepers(clock, 1)
        clock.advance(by: .milliseconds(99))
        #expect(await q.count == 0)
        clock.advance(by: .milliseconds(1))
        #expect(await q.get() == "ns/a")
    }

    @Test func addWithinIsMetByAnyPassThatStartsBeforeTheDeadline() async throws {
        let (q, clock) = makeQueue()
        await q.addWithin("ns/a", .milliseconds(100))
        try await waitForSleepers(clock, 1)
        await q.add("ns/a")  // the pod finished: a pass of its own
        let key = await q.get()
        await q.done(key!)
        clock.advance(by: .milliseconds(200))
        await Task.yield()
        try await Task.sleep(for: .milliseconds(20))
        #expect(await q.count == 0, "the pass that already ran covered the change")
    }

    @Test func aPassAlreadyRunningDoesNotMeetAnAddWithin() async throws {
        let (q, clock) = makeQueue()
        await q.add("ns/a")
        let key = await q.get()
        await q.addWithin("ns/a", .milliseconds(100))  // the running pass may have read the world before this
        await q.done(key!)
        #expect(await q.count == 0, "not queued at once")
        try await waitForSleepers(clock, 1)
        clock.advance(by: .milliseconds(100))
        #expect(await q.get() == "ns/a")
    }

    @Test func anEventQueuedBeforeThePassReadTheWorldNeedsNoSecondPass() async {
        let (q, _) = makeQueue()
        await q.addEvent("ns/a")  // the pod's new status
        let key = await q.get()
        await q.addEvent("ns/a")  // its task result, from the same store write, arrives as the pass starts
        await q.snapshot(key!)  // ... and before the pass reads the caches, which hold both
        await q.done(key!)
        #expect(await q.count == 0)
    }

    @Test func anEventQueuedAfterThePassReadTheWorldGetsAnotherPass() async {
        let (q, _) = makeQueue()
        await q.addEvent("ns/a")
        let key = await q.get()
        await q.snapshot(key!)
        await q.addEvent("ns/a")
        await q.done(key!)
        #expect(await q.get() == "ns/a")
    }

    @Test func aPlainAddWhileProcessingAlwaysGetsAnotherPass() async {
        let (q, _) = makeQueue()
        await q.addEvent("ns/a")
        let key = await q.get()
        await q.add("ns/a")  // a timer or a retry: nothing says the pass saw what it is for
        await q.snapshot(key!)
        await q.done(key!)
        #expect(await q.get() == "ns/a")
    }

    @Test func withoutASnapshotAnEventWhileProcessingGetsAnotherPass() async {
        let (q, _) = makeQueue()
        await q.addEvent("ns/a")
        let key = await q.get()
        await q.addEvent("ns/a")
        await q.done(key!)
        #expect(await q.get() == "ns/a")
    }

    @Test func aHeldKeyCollectsChangesIntoOnePassWhenTheHoldEnds() async throws {
        let (q, clock) = makeQueue()
        await q.addEvent("ns/big")
        let key = await q.get()
        await q.done(key!, holdFor: .milliseconds(30))  // its pass computed for 30 ms
        try await waitForSleepers(clock, 1)
        await q.addEvent("ns/big")  // pods end during the hold
        await q.addEvent("ns/big")
        await q.add("ns/other")
        #expect(await q.get() == "ns/other", "other keys are not held")
        #expect(await q.count == 0, "the held key waits")
        clock.advance(by: .milliseconds(30))
        #expect(await q.get() == "ns/big")
        #expect(await q.count == 0, "one pass for everything that happened during the hold")
    }

    @Test func aHoldWithNothingAddedQueuesNothing() async throws {
        let (q, clock) = makeQueue()
        await q.add("ns/big")
        await q.done(await q.get()!, holdFor: .milliseconds(30))
        try await waitForSleepers(clock, 1)
        clock.advance(by: .milliseconds(30))
        try await Task.sleep(for: .milliseconds(20))
        #expect(await q.count == 0)
        await q.add("ns/big")
        #expect(await q.count == 1, "after the hold, a change queues the key at once")
    }

    @Test func shutDownReleasesWaitingWorkers() async {
        let (q, _) = makeQueue()
        async let next = q.get()
        await Task.yield()
        await q.shutDown()
        #expect(await next == nil)
    }

    /// The delayed add runs in a task; wait (on real time, briefly) until it is asleep on the manual clock.
    func waitForSleepers(_ clock: ManualClock, _ n: Int) async throws {
        for _ in 0..<1000 where clock.sleeperCount < n { try await Task.sleep(for: .milliseconds(1)) }
        #expect(clock.sleeperCount >= n)
    }
}
