import Executor
import Foundation
#if canImport(Glibc)
import Glibc
import ClusterAPI
#endif

/// A host process as a restarted agent can find it again: its PID plus the kernel's start time for it
/// (`/proc/<pid>/stat` field 22), so a reused PID is never mistaken for the pod's process.
struct ProcessIdentity: Sendable, Equatable {
    var pid: Int32
    var startTicks: UInt64

    init(pid: Int32, startTicks: UInt64) {
        self.pid = pid
        self.startTicks = startTicks
    }

    /// The identity of a running process, or nil when there is none with that PID.
    init?(running pid: Int32) {
        guard pid > 0, let ticks = ProcessIdentity.startTicks(of: pid) else { return nil }
        self.init(pid: pid, startTicks: ticks)
    }

    /// The oldest live process whose environment holds every one of `variables` (`NAME=value`): how a restarted
    /// agent finds a pod process it started but had not yet recorded. Reads `/proc/*/environ`; adoption only.
    static func find(environment variables: [String]) -> ProcessIdentity? {
        guard let entries = try? FileManager.default.contentsOfDirectory(atPath: "/proc") else { return nil }
        var found: [ProcessIdentity] = []
        for entry in entries {
            guard let pid = Int32(entry), pid != getpid(),
                let data = FileManager.default.contents(atPath: "/proc/\(pid)/environ")
            else { continue }
            let env = Set(data.split(separator: 0).map { String(decoding: $0, as: UTF8.self) })
            if variables.allSatisfy(env.contains), let identity = ProcessIdentity(running: pid) { found.append(identity) }
        }
        return found.min { $0.startTicks < $1.startTicks }
    }

    var isAlive: Bool { ProcessIdentity.startTicks(of: pid) == startTicks }

    static func startTicks(of pid: Int32) -> UInt64? {
        // Plain open/read: this runs once per pod start (`PodReporter.recordProcess`), where Foundation's file
        // reading cost more than the rest of recording the process.
        guard let bytes = FileBytes.read("/proc/\(pid)/stat") else { return nil }
        let stat = String(decoding: bytes, as: UTF8.self)
        guard let close = stat.lastIndex(of: ")") else { return nil }
        // Fields after the command name (which may hold spaces): state is field 3, starttime field 22.
        let fields = stat[stat.index(after: close)...].split(separator: " ")
        guard fields.count > 19, fields[0] != "Z" else { return nil }
        return UInt64(fields[19])
    }

    /// Returns when the process has exited. It is not our child (its parent was the agent before a restart),
    /// so it cannot be waited for; `/proc` is checked every 50 ms. This runs only for pods adopted after a crash.
    func waitForExit() async {
        while isAlive { try? await Task.sleep(for: .milliseconds(50)) }
    }

    /// Stops the process's whole group: SIGTERM, then SIGKILL after `grace`.
    func stopGroup(grace: Duration = .seconds(10)) async {
        guard isAlive else { return }
        kill(-pid, SIGTERM)
        let deadline = ContinuousClock.now + grace
        while isAlive && ContinuousClock.now < deadline { try? await Task.sleep(for: .milliseconds(50)) }
        if isAlive { kill(-pid, SIGKILL) }
    }
}
