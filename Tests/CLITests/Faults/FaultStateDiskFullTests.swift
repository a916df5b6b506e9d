import Foundation
import Templates
import Testing
import TestSupport
@testable import Controller
@testable import LocalStore
#if canImport(Glibc)
import Glibc
#endif

/// The state directory is a 2 MB tmpfs that eight workflows' pods, two at a time, fill (logs, an output parameter and
/// an artifact each); then it grows to 64 MB, as when someone frees space. Every workflow must end — Succeeded, or
/// Failed/Error with a message that says the disk was full, as Argo's pod on a node out of ephemeral storage is
/// evicted with a message that says so — none may stay Running, and no pod may run twice (each pod appends its
/// name to a file outside the tmpfs). Pods that end while the disk is full lose their result (the emissary's write
/// of it fails), so they fail; those started after it grew succeed.
@Suite(.serialized, .tags(.fault)) struct FaultStateDiskFullTests {
    static let count = 8

    static func workflow(_ i: Int, shared: URL) -> String {
        PodRuns.workflow(name: "disk-\(i)", shared: shared, templates: """
              - name: main
                container:
                  image: alpine:3.20
                  command: [sh, -c, "\(PodRuns.record); \(Self.output)"]
                  \(PodRuns.mount)
                outputs:
                  parameters: [{name: p, valueFrom: {path: /tmp/param}}]
                  artifacts: [{name: a, path: /tmp/out.bin}]

            """)
    }

    /// About 400 kB of log, a 200 kB artifact and an 80 kB output parameter.
    static let output = "head -c 300000 /dev/urandom | base64; head -c 200000 /dev/urandom > /tmp/out.bin; "
        + "head -c 60000 /dev/urandom | base64 -w0 > /tmp/param"

    @Test(.enabled(if: SmallTmpfs.canMount, Comment(rawValue: SmallTmpfs.whyNot)))
    func aFullStateDiskThatGrowsAgainLeavesNoWorkflowRunningAndNoPodRunTwice() async throws {
        let dir = ScratchDirectory.url("argo-lite-small-disk")
        let shared = dir.appendingPathComponent("shared"), state = dir.appendingPathComponent("state")
        try FileManager.default.createDirectory(at: shared, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: state, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        try SmallTmpfs.mount(state.path, size: "2m")
        defer { SmallTmpfs.unmount(state.path) }
        let cluster = try LocalCluster(directory: state)
        for i in 0..<Self.count {
            _ = try await cluster.create(.workflow, try YAML.loadFirst(Self.workflow(i, shared: shared)).toJSONValue())
        }
        let binary = try ReleaseBinary.path() ?? SharedData.argoLiteExecutable
        // Its log goes outside the tmpfs, so that it can say what happened while the disk was full.
        let controller = try ChildProcess([binary, "controller", "--state-dir", state.path, "--max-pods", "2"],
                                          logFile: dir.appendingPathComponent("controller.log"))
        defer { controller.stop() }
        var leastFree = UInt64.max
        let filled = try await until(seconds: 20) {
            leastFree = min(leastFree, SmallTmpfs.freeBytes(state.path))
            return leastFree < 64 * 1024
        }
        #expect(filled, "the pods never filled the 2 MB state directory (least free: \(leastFree) bytes)")
        try await Task.sleep(for: .seconds(2))  // full for a while: the writes the store refuses are retried
        try SmallTmpfs.remount(state.path, size: "64m")

        func workflows() async -> [(name: String, phase: String, message: String)] {
            ((try? await cluster.list(.workflow, namespace: "argo", labelSelector: nil).items) ?? []).map {
                ($0["metadata"]?["name"]?.stringValue ?? "", $0["status"]?["phase"]?.stringValue ?? "",
                 $0["status"]?["message"]?.stringValue ?? "")
            }
        }
        let ended = try await until(seconds: 30) { await workflows().allSatisfy { WorkflowPhase(rawValue: $0.phase)?.isCompleted == true } }
        let end = await workflows()
        #expect(ended, "not ended 30 s after the disk grew: \(end.filter { $0.phase != "Succeeded" })\n\(controller.outputTail())")
        #expect(end.count == Self.count)
        for wf in end where wf.phase != "Succeeded" {
            #expect(wf.message.contains("is full") || wf.message.contains("No space left on device"),
                    "\(wf.name) ended \(wf.phase) without naming the full disk: \(wf.message)")
        }
        let runs = PodRuns.read(shared)
        #expect(runs.count == Self.count, "\(runs.count) pod runs for \(Self.count) pods: \(runs)")
        #expect(PodRuns.twice(runs).isEmpty, "run twice: \(PodRuns.twice(runs))")
    }
}
