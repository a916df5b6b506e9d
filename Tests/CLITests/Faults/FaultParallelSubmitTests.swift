import Foundation
import Testing
import TestSupport
#if canImport(Glibc)
import Glibc
#endif

/// Several `argo-lite submit --wait` at once on one state directory, with no controller running: the first runs
/// the controller in-process; the others wait on it. When it ends (its own workflow done first), one still waiting
/// must take the controller over, or the rest wait for ever with their workflows stuck Running.
@Suite(.serialized, .tags(.fault)) struct FaultParallelSubmitTests {
    /// Two steps; the second sleeps `{{workflow.parameters.seconds}}`, so the workflows end one after another.
    static let workflow = """
        apiVersion: argoproj.io/v1alpha1
        kind: Workflow
        metadata: {generateName: parallel-wait-}
        spec:
          entrypoint: main
          arguments: {parameters: [{name: seconds, value: "0"}]}
          templates:
          - name: main
            steps:
            - - {name: one, template: work, arguments: {parameters: [{name: s, value: "0"}]}}
            - - {name: two, template: work, arguments: {parameters: [{name: s, value: "{{workflow.parameters.seconds}}"}]}}
          - name: work
            inputs: {parameters: [{name: s}]}
            container: {image: alpine:3.20, command: [sh, -c, "sleep {{inputs.parameters.s}}"]}
        """

    @Test func eightSubmitWaitsOnOneStateDirectoryAllEnd() async throws {
        let dir = ScratchDirectory.url("argo-lite-parallel-wait")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("wf.yaml")
        try Self.workflow.write(to: file, atomically: true, encoding: .utf8)
        let binary = try ReleaseBinary.path() ?? SharedData.argoLiteExecutable
        let state = dir.appendingPathComponent("state").path
        var commands: [ChildProcess] = []
        for i in 0..<8 {
            // The first takes the lease and has the shortest workflow: it ends while the others still run.
            commands.append(try ChildProcess(
                [binary, "submit", "--wait", "--state-dir", state, "-p", "seconds=\(Double(i) * 0.4)", file.path],
                logFile: dir.appendingPathComponent("submit-\(i).log")))
            try await Task.sleep(for: .milliseconds(i == 0 ? 300 : 20))
        }
        let deadline = Date().addingTimeInterval(60)
        while Date() < deadline, commands.contains(where: { $0.ended() == nil }) {
            try await Task.sleep(for: .milliseconds(100))
        }
        for (i, command) in commands.enumerated() {
            let end = command.ended()
            #expect(end == "exited 0", "submit \(i): \(end ?? "still waiting after 60 s"):\n\(command.outputTail())")
            if end == nil { command.stop(signal: SIGKILL) }
        }
    }
}
