import Foundation
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// Wakes waiting watchers when the store (or a log file) changes, without polling.
///
/// Writers in this process call `signal()` after each commit: it bumps `generation` (resuming every waiter) and
/// writes one byte into `<state dir>/notify`. Writers in other processes do the same, and a dedicated thread
/// (started with the first waiter) blocks in `poll` on an inotify descriptor watching that file and the log
/// directories being followed, and bumps `generation` when something changed, or every `recheckSeconds` as a
/// safety net. Waiting costs no CPU: a waiter is a suspended continuation.
final class LocalNotifier: Sendable {
    private struct State {
        var generation: UInt64 = 0
        var waiters: [UInt64: CheckedContinuation<Void, Never>] = [:]
        var cancelled: Set<UInt64> = []
        var nextID: UInt64 = 0
        var threadStarted = false
        var watches: [String: (wd: Int32, count: Int)] = [:]
    }

    private let state = Locked(State())
    private let file: String
    private let fileFD: Int32
    private let inotifyFD: Int32
    private let stopPipe: (read: Int32, write: Int32)
    private let recheckMilliseconds: Int32

    init(file: String, recheckSeconds: Double) throws(ClusterError) {
        self.file = file
        fileFD = open(file, O_WRONLY | O_CREAT | O_CLOEXEC, 0o644)
        guard fileFD >= 0 else { throw .unavailable("cannot open \(file): errno \(errno)") }
        #if canImport(Glibc)
        inotifyFD = inotify_init1(Int32(IN_NONBLOCK | IN_CLOEXEC))
        if inotifyFD >= 0 { _ = inotify_add_watch(inotifyFD, file, UInt32(IN_MODIFY | IN_ATTRIB)) }
        #else
        inotifyFD = -1
        #endif
        var fds: [Int32] = [-1, -1]
        if pipe(&fds) != 0 { fds = [-1, -1] }
        stopPipe = (fds[0], fds[1])
        recheckMilliseconds = Int32(max(0.05, recheckSeconds) * 1000)
    }

    var generation: UInt64 { state.withLock { $0.generation } }

    /// Called after a commit: wakes waiters in this process and, through the notify file, in others.
    func signal() {
        var byte: UInt8 = 1
        _ = pwrite(fileFD, &byte, 1, 0)
        bump()
    }

    func bump() {
        let woken = state.withLock { s -> [CheckedContinuation<Void, Never>] in
            s.generation &+= 1
            let all = Array(s.waiters.values)
            s.waiters.removeAll()
            return all
        }
        for c in woken { c.resume() }
    }

    /// Suspends until `generation` differs from `seen` (or the task is cancelled).
    func wait(changedFrom seen: UInt64) async {
        startThreadIfNeeded()
        let id = state.withLock { s -> UInt64 in
            s.nextID &+= 1
            return s.nextID
        }
        await withTaskCancellationHandler {
            await withCheckedContinuation { (c: CheckedContinuation<Void, Never>) in
                let resumeNow = state.withLock { s -> Bool in
                    if s.generation != seen || s.cancelled.remove(id) != nil { return true }
                    s.waiters[id] = c
                    return false
                }
                if resumeNow { c.resume() }
            }
        } onCancel: {
            let c = state.withLock { s -> CheckedContinuation<Void, Never>? in
                if let c = s.waiters.removeValue(forKey: id) { return c }
                s.cancelled.insert(id)
                return nil
            }
            c?.resume()
        }
        state.withLock { _ = $0.cancelled.remove(id) }
    }

    /// Also wake waiters when files in `directory` change (a followed log). Balanced by `unwatch`.
    func watch(directory: String) {
        startThreadIfNeeded()
        #if canImport(Glibc)
        state.withLock { s in
            if let w = s.watches[directory] {
                s.watches[directory] = (w.wd, w.count + 1)
            } else if inotifyFD >= 0 {
                let wd = inotify_add_watch(inotifyFD, directory, UInt32(IN_MODIFY | IN_CREATE | IN_CLOSE_WRITE | IN_MOVED_TO))
                if wd >= 0 { s.watches[directory] = (wd, 1) }
            }
        }
        #endif
    }

    func unwatch(directory: String) {
        #if canImport(Glibc)
        state.withLock { s in
            guard let w = s.watches[directory] else { return }
            if w.count > 1 {
                s.watches[directory] = (w.wd, w.count - 1)
            } else {
                s.watches.removeValue(forKey: directory)
                _ = inotify_rm_watch(inotifyFD, w.wd)
            }
        }
        #endif
    }

    private func startThreadIfNeeded() {
        let start = state.withLock { s -> Bool in
            if s.threadStarted { return false }
            s.threadStarted = true
            return true
        }
        guard start else { return }
        let thread = Thread { [self] in self.run() }
        thread.name = "argo-lite-notify"
        thread.start()
    }

    /// The notification thread: blocks in `poll` until inotify reports a change, the safety timeout passes, or
    /// `stop()` writes to the stop pipe.
    private func run() {
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            var fds = [pollfd(fd: inotifyFD, events: Int16(POLLIN), revents: 0), pollfd(fd: stopPipe.read, events: Int16(POLLIN), revents: 0)]
            let n = poll(&fds, nfds_t(fds.count), recheckMilliseconds)
            if (n < 0 && errno != EINTR) || fds[1].revents != 0 {
                if inotifyFD >= 0 { close(inotifyFD) }
                close(stopPipe.read)
                close(stopPipe.write)
                return
            }
            if fds[0].revents != 0 {
                while read(inotifyFD, &buffer, buffer.count) > 0 {}
            }
            bump()
        }
    }

    /// Ends the notification thread and closes descriptors once it is gone.
    func stop() {
        var byte: UInt8 = 1
        let started = state.withLock { $0.threadStarted }
        if started {
            _ = write(stopPipe.write, &byte, 1)  // the thread closes the inotify and pipe descriptors
            close(fileFD)
        } else {
            close(fileFD)
            if inotifyFD >= 0 { close(inotifyFD) }
            close(stopPipe.read)
            close(stopPipe.write)
        }
    }
}
