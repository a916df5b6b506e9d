import Foundation
import Synchronization
#if canImport(Glibc)
import Glibc
import ClusterAPI
#endif

/// Wakes waiting watchers when the store (or a log file) changes, without polling.
///
/// Writers in this process call `signal(resources:)` after each commit: it bumps the generation of each resource
/// the commit changed (resuming only the watchers of those) and writes one byte into this notifier's own file in
/// `<state dir>/notify.d`. Writers in other processes do the same with theirs, and a dedicated thread (started
/// with the first waiter) blocks in `poll` on an inotify descriptor watching that folder and the log
/// directories being followed, and bumps the generation of everything when something changed that this
/// notifier did not write itself, or every `recheckSeconds` as a safety net. Waiting costs no CPU: a waiter is
/// a suspended continuation.
final class LocalNotifier: Sendable {
    /// Where a waiter's view of the world stood: the generation of everything, and of its resource.
    struct Stamp: Equatable, Sendable {
        var all: UInt64
        var resource: UInt64
    }

    private struct Waiter {
        var resource: String?
        var continuation: CheckedContinuation<Void, Never>
    }

    private struct State {
        var generation: UInt64 = 0
        var resourceGenerations: [String: UInt64] = [:]
        var waiters: [UInt64: Waiter] = [:]
        var cancelled: Set<UInt64> = []
        var nextID: UInt64 = 0
        var threadStarted = false
        /// The inotify descriptor and its watch on `folder`, made with the thread: a cluster that never waits (most
        /// CLI commands) holds no inotify instance, of which a user has few (`max_user_instances`, 128 here).
        var inotifyFD: Int32 = -1
        var folderWatch: Int32 = -1
        var watches: [String: (wd: Int32, count: Int)] = [:]
    }

    private let state = Locked(State())
    private let file: String
    private let fileName: String
    private let fileFD: Int32
    private let folder: String
    private let stopPipe: (read: Int32, write: Int32)
    private let recheckMilliseconds: Int32

    /// `folder` holds one file per notifier (`<state dir>/notify.d`); this one writes a file of its own there.
    init(folder: String, recheckSeconds: Double) throws(ClusterError) {
        if mkdir(folder, 0o755) != 0 && errno != EEXIST {
            throw .unavailable("cannot create \(folder): \(String(cString: strerror(errno)))")
        }
        LocalNotifier.removeStaleFiles(in: folder)
        fileName = "\(getpid())-\(UInt64.random(in: 0...UInt64.max))"
        file = folder + "/" + fileName
        fileFD = open(file, O_WRONLY | O_CREAT | O_CLOEXEC, 0o644)
        guard fileFD >= 0 else { throw .unavailable("cannot open \(file): \(String(cString: strerror(errno)))") }
        self.folder = folder
        var fds: [Int32] = [-1, -1]
        if pipe(&fds) != 0 { fds = [-1, -1] }
        stopPipe = (fds[0], fds[1])
        recheckMilliseconds = Int32(max(0.05, recheckSeconds) * 1000)
    }

    /// The current stamp for a waiter on `resource` (nil: a waiter woken only when everything is).
    func stamp(_ resource: String?) -> Stamp {
        state.withLock { s in Stamp(all: s.generation, resource: resource.flatMap { s.resourceGenerations[$0] } ?? 0) }
    }

    private static func changed(_ s: State, _ seen: Stamp, _ resource: String?) -> Bool {
        s.generation != seen.all || (resource.map { s.resourceGenerations[$0] ?? 0 } ?? 0) != seen.resource
    }

    /// Called after a commit that changed objects of `resources`: wakes their waiters in this process and,
    /// through this notifier's file, everything in other processes.
    func signal(resources: Set<String>) {
        guard !resources.isEmpty else { return }
        var byte: UInt8 = 1
        _ = pwrite(fileFD, &byte, 1, 0)
        let woken = state.withLock { s -> [CheckedContinuation<Void, Never>] in
            for r in resources { s.resourceGenerations[r, default: 0] &+= 1 }
            var out: [CheckedContinuation<Void, Never>] = []
            for (id, w) in s.waiters where w.resource.map(resources.contains) ?? false {
                out.append(w.continuation)
                s.waiters[id] = nil
            }
            return out
        }
        for c in woken { c.resume() }
    }

    /// Wakes every waiter: something changed that this process did not write (or the safety recheck).
    func bump() {
        let woken = state.withLock { s -> [CheckedContinuation<Void, Never>] in
            s.generation &+= 1
            let all = s.waiters.values.map(\.continuation)
            s.waiters.removeAll()
            return all
        }
        for c in woken { c.resume() }
    }

    /// Suspends until the stamp of `resource` differs from `seen` (or the task is cancelled).
    func wait(changedFrom seen: Stamp, resource: String?) async {
        startThreadIfNeeded()
        let id = state.withLock { s -> UInt64 in
            s.nextID &+= 1
            return s.nextID
        }
        await withTaskCancellationHandler {
            await withCheckedContinuation { (c: CheckedContinuation<Void, Never>) in
                let resumeNow = state.withLock { s -> Bool in
                    if Self.changed(s, seen, resource) || s.cancelled.remove(id) != nil { return true }
                    s.waiters[id] = Waiter(resource: resource, continuation: c)
                    return false
                }
                if resumeNow { c.resume() }
            }
        } onCancel: {
            let c = state.withLock { s -> CheckedContinuation<Void, Never>? in
                if let w = s.waiters.removeValue(forKey: id) { return w.continuation }
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
            } else if s.inotifyFD >= 0 {
                let wd = inotify_add_watch(s.inotifyFD, directory, UInt32(IN_MODIFY | IN_CREATE | IN_CLOSE_WRITE | IN_MOVED_TO))
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
                _ = inotify_rm_watch(s.inotifyFD, w.wd)
            }
        }
        #endif
    }

    private func startThreadIfNeeded() {
        let started = state.withLock { s -> (fd: Int32, folderWatch: Int32)? in
            if s.threadStarted { return nil }
            s.threadStarted = true
            #if canImport(Glibc)
            s.inotifyFD = inotify_init1(Int32(IN_NONBLOCK | IN_CLOEXEC))
            if s.inotifyFD >= 0 {
                s.folderWatch = inotify_add_watch(s.inotifyFD, folder, UInt32(IN_MODIFY | IN_ATTRIB | IN_CREATE))
            }
            #endif
            // Another process may have committed before the watch existed: a waiter's older stamp now differs, so
            // it reads the store once more, after which inotify reports every commit.
            s.generation &+= 1
            return (s.inotifyFD, s.folderWatch)
        }
        guard let started else { return }
        let thread = Thread { [self] in self.run(inotifyFD: started.fd, folderWatch: started.folderWatch) }
        thread.name = "argo-lite-notify"
        thread.start()
    }

    /// The notification thread: blocks in `poll` until inotify reports a change, the safety timeout passes, or
    /// `stop()` writes to the stop pipe.
    private func run(inotifyFD: Int32, folderWatch: Int32) {
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
            var foreign = n == 0  // the safety recheck
            if fds[0].revents != 0 {
                while true {
                    let count = read(inotifyFD, &buffer, buffer.count)
                    if count <= 0 { break }
                    if !foreign { foreign = containsForeignEvent(buffer, count: count, folderWatch: folderWatch) }
                }
            }
            if foreign { bump() }
        }
    }

    /// Removes the files of notifiers whose process is gone (killed before it could remove its own).
    private static func removeStaleFiles(in folder: String) {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder) else { return }
        for name in names {
            guard let pid = name.split(separator: "-").first.flatMap({ Int32($0) }), pid > 0 else { continue }
            if kill(pid, 0) != 0 && errno == ESRCH { unlink(folder + "/" + name) }
        }
    }

    /// Whether the inotify events in `buffer` include one that is not this notifier's own write to its file.
    private func containsForeignEvent(_ buffer: [UInt8], count: Int, folderWatch: Int32) -> Bool {
        // struct inotify_event { int wd; uint32_t mask; uint32_t cookie; uint32_t len; char name[len]; }
        var offset = 0
        while offset + 16 <= count {
            let wd = buffer.withUnsafeBytes { $0.loadUnaligned(fromByteOffset: offset, as: Int32.self) }
            let len = Int(buffer.withUnsafeBytes { $0.loadUnaligned(fromByteOffset: offset + 12, as: UInt32.self) })
            guard wd == folderWatch else { return true }  // a followed log directory
            let nameBytes = buffer[(offset + 16)..<min(count, offset + 16 + len)].prefix { $0 != 0 }
            if String(decoding: nameBytes, as: UTF8.self) != fileName { return true }
            offset += 16 + len
        }
        return false
    }

    /// Ends the notification thread and closes descriptors once it is gone.
    func stop() {
        unlink(file)
        var byte: UInt8 = 1
        let started = state.withLock { $0.threadStarted }
        if started {
            _ = write(stopPipe.write, &byte, 1)  // the thread closes the inotify and pipe descriptors
            close(fileFD)
        } else {
            close(fileFD)
            close(stopPipe.read)
            close(stopPipe.write)
        }
    }
}
