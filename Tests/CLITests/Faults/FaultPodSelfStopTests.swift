import Foundation
import Testing
import Templates
import TestSupport
@testable import Controller
@testable import LocalStore
@testable import LocalNode
#if canImport(Glibc)
import Glibc
#endif

/// A pod stops itself, as a kubelet's containers would be stopped, with no argo-lite process running: at its
/// `activeDeadlineSeconds`, and when the state directory is deleted under it.
@Suite(.serialized, .tags(.fault)) struct FaultPodSelfStopTests {
    static func workflow(name: String, seconds: Int, deadline: Int?) -> String {
        """
        apiVersion: argoproj.io/v1alpha1
        kind: Workflow
        metadata: {name: \(name), namespace: argo}
        spec:
          entrypoint: main
          templates:
          - name: main
            \(deadline.map { "activeDeadlineSeconds: \($0)" } ?? "")
            container: {image: alpine:3.20, command: [sleep, "\(seconds)"]}
        """
    }

    /// The processes whose command line is exactly `argv`, from `/proc`.
    static func processes(_ argv: [String]) -> [pid_t] {
        let wanted = Data((argv.joined(separator: "\0") + "\0").utf8)
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
        return entries.compactMap { name in
            guard let pid = pid_t(name), let cmdline = FileManager.default.contents(atPath: "/proc/\(name)/cmdline"),
                cmdline == wanted else { return nil }
            // A zombie has an empty command line; one still listed here runs.
            return pid
        }
    }

    func controller(_ state: URL, log: URL) throws -> ChildProcess {
        let binary = try ReleaseBinary.path() ?? SharedData.argoLiteExecutable
        return try ChildProcess([binary, "controller", "--state-dir", state.path], logFile: log)
    }

    @Test func aPodStopsAtItsDeadlineWithNoControllerAndTheWorkflowShowsArgosMessage() async throws {
        let dir = ScratchDirectory.url("argo-lite-self-deadline")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let state = dir.appendingPathComponent("state")
        let cluster = try LocalCluster(directory: state)
        let name = "self-deadline"
        _ = try await cluster.create(.workflow, try YAML.loadFirst(Self.workflow(name: name, seconds: 617, deadline: 2)).toJSONValue())
        let sleep = ["sleep", "617"]
        let first = try controller(state, log: dir.appendingPathComponent("controller-1.log"))
        let running = try await until(seconds: 30) { !Self.processes(sleep).isEmpty }
        #expect(running, "the pod never started:\n\(first.outputTail())")
        // Nothing of argo-lite runs from here on: the pod must stop itself.
        first.stop(signal: SIGKILL)
        defer { for pid in Self.processes(sleep) { kill(pid, SIGKILL) } }
        let started = Date()
        let gone = try await until(seconds: 10) { Self.processes(sleep).isEmpty }
        #expect(gone, "sleep 617 still runs \(Date().timeIntervalSince(started)) s after the controller died, past its 2 s deadline")

        let second = try controller(state, log: dir.appendingPathComponent("controller-2.log"))
        defer { second.stop() }
        var wf: Workflow?
        let done = try await until(seconds: 30) {
            wf = try? await cluster.get(.workflow, namespace: "argo", name: name).decode(Workflow.self)
            return wf?.status?.phase?.isCompleted == true
        }
        #expect(done, "the workflow did not complete:\n\(second.outputTail())")
        #expect(wf?.status?.phase == .failed)
        let node = wf?.status?.nodes?.values.first { $0.type == .pod }
        #expect(node?.message == "Pod was active on the node longer than the specified deadline",
                "node message: \(node?.message ?? "none")")
        let pod = try await cluster.get(.pod, namespace: "argo", name: name)
        #expect(pod["status"]?["reason"]?.stringValue == "DeadlineExceeded")
    }

    @Test func theEmissarysDeadlineCountsFromThePodsStartNotFromWhenItIsPlanned() throws {
        let now = Date(timeIntervalSince1970: 1_800_000_100)
        let pod: JSONValue = ["spec": ["activeDeadlineSeconds": 30, "terminationGracePeriodSeconds": 5],
                              "status": ["startTime": .string(LocalCluster.timestamp(now.addingTimeInterval(-100)))]]
        let flags = PodLauncher.emissaryStopFlags(pod, stateDirectory: URL(fileURLWithPath: "/state"), now: now)
        let deadline = try #require(flags.firstIndex(of: "--deadline").map { Double(flags[$0 + 1]) } ?? nil)
        #expect(deadline <= now.timeIntervalSince1970 - 69, "a pod started 100 s ago with a 30 s deadline is past it")
        #expect(flags.contains("--stop-if-gone") && flags.contains("/state"))
        #expect(flags.firstIndex(of: "--grace").map { flags[$0 + 1] } == "5")
        let fresh = PodLauncher.emissaryStopFlags(["spec": ["activeDeadlineSeconds": 2]], stateDirectory: URL(fileURLWithPath: "/s"), now: now)
        #expect(fresh.firstIndex(of: "--deadline").map { fresh[$0 + 1] } == String(now.timeIntervalSince1970 + 2))
    }

    @Test func podsStopWhenTheStateDirectoryIsDeleted() async throws {
        let dir = ScratchDirectory.url("argo-lite-state-gone")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let state = dir.appendingPathComponent("state")
        let cluster = try LocalCluster(directory: state)
        _ = try await cluster.create(.workflow, try YAML.loadFirst(Self.workflow(name: "state-gone", seconds: 618, deadline: nil)).toJSONValue())
        let sleep = ["sleep", "618"]
        let engine = try controller(state, log: dir.appendingPathComponent("controller.log"))
        let running = try await until(seconds: 30) { !Self.processes(sleep).isEmpty }
        #expect(running, "the pod never started:\n\(engine.outputTail())")
        engine.stop(signal: SIGKILL)
        defer { for pid in Self.processes(sleep) { kill(pid, SIGKILL) } }
        try FileManager.default.removeItem(at: state)  // rm -rf ~/.argo-lite while the pod runs
        let gone = try await until(seconds: 10) { Self.processes(sleep).isEmpty }
        #expect(gone, "sleep 618 runs on with its state directory deleted")
    }
}
