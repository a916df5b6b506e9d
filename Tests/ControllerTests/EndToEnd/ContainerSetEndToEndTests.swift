import Foundation
import Testing
import Templates
import TestSupport
@testable import Controller

/// Container sets, many at once and repeatedly: the release build of Swift 6.3.1 crashed the node agent (or ended a
/// container `Error (exit code 64)`) when a container's result crossed back from its child task
/// (docs/swift-release-crash.md). It crashed on the first or second run, so 20 runs fail on such a build; the
/// debug build never crashed. Run against the release binary with `ARGO_LITE_E2E_BINARY` (`.ci/run` does).
@Suite(.serialized, .needsSharedData) struct ContainerSetEndToEndTests {
    static let examples = [
        "container-set-template/graph-workflow.yaml",
        "container-set-template/outputs-result-workflow.yaml",
        "container-set-template/parallel-workflow.yaml",
        "container-set-template/sequence-workflow.yaml",
    ]

    @Test
    func containerSetsRunRepeatedlyToSucceeded() async throws {
        let engine = try await LocalEngine.start(maxPods: 8)
        defer { Task { await engine.stop() } }
        var names: [(example: String, name: String)] = []
        for round in 0..<5 {
            for example in Self.examples {
                let name = try await engine.submit(try SharedData.read(example: example), file: "\(round)-\(example)")
                names.append((example, name))
            }
        }
        for (example, name) in names {
            let wf = try await engine.waitForCompletion(name, seconds: 120)
            let failed = (wf.status?.nodes?.values.map { $0 } ?? []).filter { $0.phase != .succeeded }
                .map { "[\($0.displayName ?? $0.name): \($0.phase?.rawValue ?? "-") \($0.message ?? "")]" }
            #expect(wf.status?.phase == .succeeded, "\(example) \(name): \(wf.status?.phase?.rawValue ?? "-") \(failed)")
        }
        try engine.checkControllerRuns()
    }
}
