#if canImport(Glibc)
import Glibc
#endif

/// What the pod does on its own, without the agent or the controller, as a kubelet's containers would: its
/// command's process tree is stopped (SIGTERM, then SIGKILL after the grace period) when the pod's
/// `activeDeadlineSeconds` passes (`deadline`, an absolute time computed from the pod's start, so that a restart
/// does not extend it), or when the state directory is deleted (`rm -rf ~/.argo-lite` while pods run: nothing
/// would be left that could stop them). The emissary's `poll` loop asks it how long it may sleep and calls
/// `check` on every wake-up.
struct CommandStopper {
    enum Why: Equatable { case deadline, stateDirectoryGone }

    /// Seconds since 1970 (`--deadline`).
    var deadline: Double?
    var grace: Double
    /// A descriptor on the state directory, opened before anything was mounted (`--stop-if-gone`); -1 for none.
    var watched: Int32 = -1
    /// How often the watched directory is checked.
    static let checkInterval = 2.0

    private(set) var why: Why?
    private var killAt: Double?
    private var nextCheck = 0.0
    private var child: pid_t = 0
    /// The command has its own process group (the emissary was not started as one, as in a test).
    private(set) var ownGroup = false

    init(deadline: Double?, grace: Double, watchedDirectory: String?) {
        self.deadline = deadline
        self.grace = grace
        if let watchedDirectory { watched = open(watchedDirectory, O_RDONLY | O_DIRECTORY | O_CLOEXEC) }
    }

    var isActive: Bool { deadline != nil || watched >= 0 }

    /// Whether the command must get a process group of its own: this process is neither process 1 of the pod's
    /// PID namespace nor the leader of the group the agent made for the pod, so signalling "our group" would reach
    /// processes outside the pod.
    static var commandNeedsOwnGroup: Bool { getpid() != 1 && getpgrp() != getpid() }

    mutating func started(_ pid: pid_t, ownGroup: Bool) {
        child = pid
        self.ownGroup = ownGroup
        nextCheck = Self.now() + Self.checkInterval
    }

    static func now() -> Double {
        var ts = timespec()
        clock_gettime(CLOCK_REALTIME, &ts)
        return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
    }

    /// Milliseconds until the next thing to do (for `poll`), -1 for nothing.
    func timeout(now: Double) -> Int32 {
        var next: Double?
        func consider(_ t: Double?) { if let t { next = min(next ?? t, t) } }
        if why == nil { consider(deadline) }
        if why == nil, watched >= 0 { consider(nextCheck) }
        consider(killAt)
        guard let next else { return -1 }
        return Int32(max(0, min(next - now, 3600)) * 1000 + 1)
    }

    /// Sends SIGTERM when the deadline has passed or the state directory is gone, SIGKILL once the grace period
    /// after that has passed.
    mutating func check(now: Double) {
        if let killAt, now >= killAt {
            self.killAt = nil
            signalTree(SIGKILL)
            return
        }
        guard why == nil, child > 0 else { return }
        if let deadline, now >= deadline { why = .deadline }
        if why == nil, watched >= 0, now >= nextCheck {
            nextCheck = now + Self.checkInterval
            var st = stat()
            // A deleted directory has no links left; its descriptor still works, so fstat says so.
            if fstat(watched, &st) != 0 || st.st_nlink == 0 { why = .stateDirectoryGone }
        }
        guard why != nil else { return }
        signalTree(SIGTERM)
        killAt = now + grace
    }

    /// Signals the command's whole tree, never this process: in the pod's PID namespace every process but this
    /// one (it is process 1), else the command's own group, else this process's group (the pod's), with SIGTERM
    /// ignored here and SIGKILL sent to each member but this process.
    private func signalTree(_ signalNumber: Int32) {
        if getpid() == 1 {
            kill(-1, signalNumber)
        } else if ownGroup {
            kill(-child, signalNumber)
        } else if signalNumber == SIGTERM {
            signal(SIGTERM, SIG_IGN)
            kill(0, SIGTERM)
        } else {
            for pid in Self.groupMembers(getpgrp()) where pid != getpid() { kill(pid, signalNumber) }
            kill(child, signalNumber)
        }
    }

    /// The processes of a process group, from `/proc/PID/stat` (field 5).
    static func groupMembers(_ group: pid_t) -> [pid_t] {
        guard let dir = opendir("/proc") else { return [] }
        defer { closedir(dir) }
        var members: [pid_t] = []
        while let entry = readdir(dir) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
            guard let pid = pid_t(name) else { continue }
            let fd = open("/proc/\(name)/stat", O_RDONLY | O_CLOEXEC)
            guard fd >= 0 else { continue }
            var buffer = [UInt8](repeating: 0, count: 512)
            let n = read(fd, &buffer, buffer.count)
            close(fd)
            guard n > 0 else { continue }
            // `pid (comm) state ppid pgrp ...`: comm may hold spaces, so count from the last ')'.
            let text = buffer[0..<n]
            guard let close = text.lastIndex(of: UInt8(ascii: ")")) else { continue }
            let fields = text[(close + 1)...].split(separator: UInt8(ascii: " "))
            if fields.count > 2, pid_t(String(decoding: fields[2], as: UTF8.self)) == group { members.append(pid) }
        }
        return members
    }
}
