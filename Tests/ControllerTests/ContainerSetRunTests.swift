import Foundation
import Testing
import TestSupport
@testable import Controller
@testable import LocalNode

/// The node agent's container-set order: dependencies first, independent containers together, and nothing after a
/// failure.
@Suite struct ContainerSetRunTests {
    func member(_ name: String, _ script: String, after: [String] = [], dir: URL) -> ContainerSetMember {
        ContainerSetMember(name: name, spec: ContainerProcessSpec(
            argv: ["sh", "-c", script], environment: ["PATH": "/usr/bin:/bin"],
            logFile: dir.appendingPathComponent("\(name).log").path), dependencies: after)
    }

    @Test func runsInDependencyOrderAndStopsAfterAFailure() async throws {
        let dir = ScratchDirectory.url("cset")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let trace = dir.appendingPathComponent("trace").path
        let runner = PodProcessRunner(isolation: .processGroup, selfExecutable: "/nonexistent")
        // b and c both wait for a; c fails, so d (after b and c) does not run.
        let members = [
            member("d", "echo d >> \(trace)", after: ["b", "c"], dir: dir),
            member("a", "sleep 0.2; echo a >> \(trace)", dir: dir),
            member("b", "echo b >> \(trace)", after: ["a"], dir: dir),
            member("c", "echo c >> \(trace); exit 3", after: ["a"], dir: dir),
        ]
        let ended = await ContainerSetRun(runner: runner, members: members).run()
        let codes = Dictionary(uniqueKeysWithValues: ended.map { ($0.name, $0.outcome.exitCode) })
        #expect(codes == ["a": 0, "b": 0, "c": 3, "d": 64])
        let lines = try String(contentsOfFile: trace, encoding: .utf8).split(separator: "\n")
        #expect(lines.first == "a")
        #expect(Set(lines.dropFirst()) == ["b", "c"])
        #expect(ended.last?.name == "d")
    }
}
