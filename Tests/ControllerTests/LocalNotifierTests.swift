import Foundation
import Testing
@testable import Controller
@testable import LocalStore

/// The local store's wake-ups: a commit wakes the watchers of what it changed; a change written by someone
/// else (another process or instance on the same state directory) wakes everyone.
@Suite struct LocalNotifierTests {
    func folder() -> String { makeStateDirectory().appendingPathComponent("notify.d").path }

    /// Whether a waiter on `resource` from `stamp` is woken within `milliseconds`.
    func woken(_ n: LocalNotifier, _ resource: String?, from stamp: LocalNotifier.Stamp, within milliseconds: Int) async -> Bool {
        await withTaskGroup(of: Bool.self) { group in
            group.addTask { await n.wait(changedFrom: stamp, resource: resource); return !Task.isCancelled }
            group.addTask { try? await Task.sleep(for: .milliseconds(milliseconds)); return false }
            let first = await group.next() ?? false
            group.cancelAll()
            return first
        }
    }

    /// The first waiter starts the inotify thread, and that start wakes it once (a commit of another process
    /// could have come before the watch existed): a test of what wakes whom starts from after it.
    func started(_ n: LocalNotifier) async -> LocalNotifier {
        _ = await woken(n, nil, from: n.stamp(nil), within: 50)
        return n
    }

    @Test func aCommitWakesOnlyTheWatchersOfWhatItChanged() async throws {
        let n = await started(try LocalNotifier(folder: folder(), recheckSeconds: 3600))
        defer { n.stop() }
        let pods = n.stamp("pods"), workflows = n.stamp("workflows")
        n.signal(resources: ["pods"])
        #expect(await woken(n, "pods", from: pods, within: 2000))
        // The write to this notifier's own file comes back through inotify too; it must not count as foreign.
        #expect(await !woken(n, "workflows", from: workflows, within: 300))
        n.bump()
        #expect(await woken(n, "workflows", from: workflows, within: 2000))
    }

    @Test func theFirstWaiterIsWokenOnceAsTheWatchStarts() async throws {
        let n = try LocalNotifier(folder: folder(), recheckSeconds: 3600)
        defer { n.stop() }
        let before = n.stamp("workflows")
        #expect(await woken(n, "workflows", from: before, within: 2000))
        #expect(await !woken(n, "workflows", from: n.stamp("workflows"), within: 300))
    }

    @Test func aCommitThroughAnotherNotifierWakesEveryWatcher() async throws {
        let shared = folder()
        let mine = await started(try LocalNotifier(folder: shared, recheckSeconds: 3600))
        let theirs = try LocalNotifier(folder: shared, recheckSeconds: 3600)
        defer { mine.stop(); theirs.stop() }
        let workflows = mine.stamp("workflows")
        theirs.signal(resources: ["pods"])
        #expect(await woken(mine, "workflows", from: workflows, within: 5000))
    }

    @Test func filesOfNotifiersWhoseProcessIsGoneAreRemoved() throws {
        let shared = folder()
        try FileManager.default.createDirectory(atPath: shared, withIntermediateDirectories: true)
        let stale = shared + "/2147483646-1"  // no such process
        let live = shared + "/\(getpid())-7"
        for f in [stale, live] { FileManager.default.createFile(atPath: f, contents: nil) }
        let n = try LocalNotifier(folder: shared, recheckSeconds: 3600)
        defer { n.stop() }
        #expect(!FileManager.default.fileExists(atPath: stale))
        #expect(FileManager.default.fileExists(atPath: live))
    }

    @Test func aTransactionThatChangesNothingWakesNobody() async throws {
        let n = try LocalNotifier(folder: folder(), recheckSeconds: 3600)
        defer { n.stop() }
        let before = n.stamp("pods")
        n.signal(resources: [])
        #expect(n.stamp("pods") == before)
    }
}
