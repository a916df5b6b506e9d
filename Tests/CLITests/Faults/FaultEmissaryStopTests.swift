import Foundation
import Testing
import Templates
import Controller
import TestSupport
#if canImport(Glibc)
import Glibc
#endif

/// The emissary stops its command's whole tree at the pod's deadline, SIGKILL after the grace period for a tree
/// that ignores SIGTERM, however it was started: as a process of someone else's group (its command then gets a
/// group of its own), or as the leader of the pod's group (as the agent starts it without namespaces).
@Suite(.serialized, .tags(.fault)) struct FaultEmissaryStopTests {
    static var executor: String {
        URL(fileURLWithPath: SharedData.argoLiteExecutable).deletingLastPathComponent().appendingPathComponent("argo-lite-executor").path
    }

    @Test(arguments: [false, true])
    func aTreeThatIgnoresSIGTERMIsKilledAfterTheGracePeriodAtTheDeadline(groupLeader: Bool) async throws {
        let dir = ScratchDirectory.url("emissary-deadline")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let result = dir.appendingPathComponent("task-result.json")
        let seconds = groupLeader ? "621" : "620"
        let deadline = String(Date().timeIntervalSince1970 + 1)
        let emissary = [Self.executor, "emissary", "--task-result", result.path, "--deadline", deadline, "--grace", "1",
                        "--", "sh", "-c", "trap '' TERM; sleep \(seconds); echo survived"]
        let child = try ChildProcess((groupLeader ? ["/usr/bin/setsid"] : []) + emissary, logFile: dir.appendingPathComponent("log"))
        defer { child.stop(signal: SIGKILL) }
        let ended = try await until(seconds: 10) { child.ended() != nil }
        #expect(ended, "the emissary still runs 10 s after a 1 s deadline with a 1 s grace period")
        #expect(FaultPodSelfStopTests.processes(["sleep", seconds]).isEmpty, "its command's tree outlived the deadline")
        let report = try JSONBridge.parse(String(decoding: try Data(contentsOf: result), as: UTF8.self))
        #expect(report["reason"]?.stringValue == "DeadlineExceeded")
        #expect(report["phase"]?.stringValue == "Failed")
        #expect(report["message"]?.stringValue == "Pod was active on the node longer than the specified deadline")
        for pid in FaultPodSelfStopTests.processes(["sleep", seconds]) { kill(pid, SIGKILL) }
    }
}
