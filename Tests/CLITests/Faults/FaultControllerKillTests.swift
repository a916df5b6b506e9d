import Foundation
import Templates
import Testing
import TestSupport
@testable import Controller
@testable import LocalStore
#if canImport(Glibc)
import Glibc
#endif

/// The controller SIGKILLed ten times, at random points, while 40 workflows run; then one runs to the end. Every
/// workflow must end Succeeded and no pod may run twice: each pod appends its name to one shared file (a hostPath
/// volume), and no line may appear twice.
@Suite(.serialized, .tags(.fault)) struct FaultControllerKillTests {
    static func workflow(_ i: Int, shared: URL) -> String {
        PodRuns.workflow(name: "killed-\(i)", shared: shared, templates: """
              - name: main
                steps:
                - - {name: one, template: work}
                - - {name: two, template: work}
              - name: work
                container:
                  image: alpine:3.20
                  command: [sh, -c, "\(PodRuns.record); sleep 2"]
                  \(PodRuns.mount)

            """)
    }

    @Test func tenKillsDuringFortyWorkflowsLeaveNoneStuckAndNoPodRunTwice() async throws {
        let dir = ScratchDirectory.url("argo-lite-kills")
        let shared = dir.appendingPathComponent("shared")
        try FileManager.default.createDirectory(at: shared, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let state = dir.appendingPathComponent("state")
        let cluster = try LocalCluster(directory: state)
        for i in 0..<40 {
            _ = try await cluster.create(.workflow, try YAML.loadFirst(Self.workflow(i, shared: shared)).toJSONValue())
        }
        let binary = try ReleaseBinary.path() ?? SharedData.argoLiteExecutable
        var rng = SystemRandomNumberGenerator()
        for kill in 0..<10 {
            let controller = try ChildProcess([binary, "controller", "--state-dir", state.path],
                                              logFile: dir.appendingPathComponent("controller-\(kill).log"))
            try await Task.sleep(for: .milliseconds(Int.random(in: 200...1200, using: &rng)))
            controller.stop(signal: SIGKILL, seconds: 5)
        }
        let last = try ChildProcess([binary, "controller", "--state-dir", state.path],
                                    logFile: dir.appendingPathComponent("controller-last.log"))
        defer { last.stop() }
        func phases() async -> [String] {
            ((try? await cluster.list(.workflow, namespace: "argo", labelSelector: nil).items) ?? [])
                .map { $0["status"]?["phase"]?.stringValue ?? "" }
        }
        let done = try await until(seconds: 120) { await phases().allSatisfy { $0 == "Succeeded" || $0 == "Failed" || $0 == "Error" } }
        let ended = await phases()
        #expect(done, "stuck: \(ended.filter { $0 != "Succeeded" }.count) of 40 not ended")
        #expect(ended.filter { $0 == "Succeeded" }.count == 40, "\(ended)")
        let runs = PodRuns.read(shared)
        #expect(runs.count == 80, "\(runs.count) pod runs for 80 pods")
        #expect(PodRuns.twice(runs).isEmpty, "run twice: \(PodRuns.twice(runs))")
    }
}
