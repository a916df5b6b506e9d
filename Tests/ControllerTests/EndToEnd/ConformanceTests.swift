import Foundation
import Testing
import Templates
import TestSupport
@testable import Controller

/// Argo's own examples on the local default, chosen by `../shared/conformance/examples.tsv`: every one that
/// upstream's end-to-end suite requires to succeed and that needs only the host (and argo-lite's built-in
/// tools), and every `expected-failure` one that needs only the host.
@Suite(.serialized, .needsSharedData) struct ConformanceTests {
    static func rows(_ predicate: ([String: String]) -> Bool) -> [String] {
        ((try? SharedData.conformanceRows()) ?? []).filter(predicate).compactMap { $0["example"] }
    }

    static let mustSucceed = rows { $0["upstream_expectation"] == "Succeeded" && ["host", "host+tools"].contains($0["needs"] ?? "") }
    static let mustFail = rows { $0["upstream_expectation"] == "no-test:expected-failure" && $0["needs"] == "host" }
    static let mustSucceedWithTemplates = rows { $0["upstream_expectation"] == "Succeeded" && $0["needs"] == "host+templates" }
    static let mustSucceedWithArtifacts = rows { $0["upstream_expectation"] == "Succeeded" && $0["needs"] == "host+local-artifacts" }

    /// One engine for the whole table: examples run side by side, as they would on one cluster.
    static let engine = Task { try await LocalEngine.start(maxPods: 8) }

    @Test func theTableSelectsTheExpectedExamples() {
        #expect(Self.mustSucceed.count == 45)
        #expect(Self.mustFail.count == 4)
        #expect(Self.mustSucceedWithTemplates.count == 9)
        #expect(Self.mustSucceedWithArtifacts.sorted() == [
            "archive-location.yaml", "artifact-path-placeholders.yaml", "conditional-artifacts.yaml",
            "dag-conditional-artifacts.yaml", "global-outputs.yaml",
        ])
    }

    /// Examples whose container exits 1 with probability 2/3 under `retryStrategy.limit: 10`: upstream too fails
    /// them about once in 90 runs. For these, failing is accepted only as Argo fails them: 11 attempts, all failed.
    static let randomRetries: Set<String> = ["retry-script.yaml", "retry-container.yaml"]

    @Test(arguments: mustSucceed)
    func succeeds(example: String) async throws {
        let wf = try await run(example)
        if Self.randomRetries.contains(example), wf.status?.phase == .failed {
            let retry = wf.status?.nodes?.values.first { $0.type == .retry }
            let attempts = (retry?.children ?? []).compactMap { wf.status?.nodes?[$0] }
            #expect(attempts.count == 11 && attempts.allSatisfy { $0.phase == .failed }, "\(example): \(failedNodes(wf))")
            return
        }
        #expect(wf.status?.phase == .succeeded, "\(example): \(wf.status?.phase?.rawValue ?? "-") \(wf.status?.message ?? "") \(failedNodes(wf))")
    }

    @Test(arguments: mustFail)
    func fails(example: String) async throws {
        let wf = try await run(example)
        #expect(wf.status?.phase == .failed, "\(example): \(wf.status?.phase?.rawValue ?? "-") \(wf.status?.message ?? "")")
    }

    /// Run after the templates they use are stored, as upstream's suite stores them first.
    @Test(arguments: mustSucceedWithTemplates)
    func succeedsWithStoredTemplates(example: String) async throws {
        try await Self.templatesStored.value
        let wf = try await run(example)
        #expect(wf.status?.phase == .succeeded, "\(example): \(wf.status?.phase?.rawValue ?? "-") \(wf.status?.message ?? "") \(failedNodes(wf))")
    }

    /// Run on the local default artifact repository (`artifacts/` in the state directory); each checks that the
    /// artifacts really moved: the repository holds what the producer wrote and consumers saw it.
    @Test(arguments: mustSucceedWithArtifacts)
    func succeedsWithLocalArtifacts(example: String) async throws {
        let wf = try await run(example)
        #expect(wf.status?.phase == .succeeded, "\(example): \(wf.status?.phase?.rawValue ?? "-") \(wf.status?.message ?? "") \(failedNodes(wf))")
        let engine = try await Self.engine.value
        try await ArtifactChecks(engine: engine, workflow: wf).check(example)
    }

    /// Upstream stores `cluster-workflow-template/clustertemplates.yaml` and `workflow-template/templates.yaml`.
    /// The shared examples hold only the first; the second is its namespaced twin (the same templates, named
    /// `workflow-template-*`, referring to each other without `clusterScope`), made here from it.
    static let templatesStored = Task {
        let engine = try await Self.engine.value
        let cluster = try SharedData.read(example: "cluster-workflow-template/clustertemplates.yaml")
        let namespaced = cluster.replacingOccurrences(of: "kind: ClusterWorkflowTemplate", with: "kind: WorkflowTemplate")
            .replacingOccurrences(of: "cluster-workflow-template-", with: "workflow-template-")
            .split(separator: "\n", omittingEmptySubsequences: false).filter { !$0.contains("clusterScope: true") }
            .joined(separator: "\n")
        for node in try YAML.load(cluster, file: "clustertemplates.yaml") {
            _ = try await engine.cluster.create(.clusterWorkflowTemplate, try node.toJSONValue())
        }
        for node in try YAML.load(namespaced, file: "templates.yaml") {
            var object = try node.toJSONValue()
            object["metadata"]?["namespace"] = "argo"
            _ = try await engine.cluster.create(.workflowTemplate, object)
        }
    }

    func run(_ example: String) async throws -> Workflow {
        let engine = try await Self.engine.value
        let name = try await engine.submit(try SharedData.read(example: example), file: example)
        return try await engine.waitForCompletion(name, seconds: 120)
    }

    func failedNodes(_ wf: Workflow) -> String {
        (wf.status?.nodes?.values ?? [:].values)
            .filter { [.failed, .error].contains($0.phase) }
            .map { "[\($0.name): \($0.message ?? "")]" }.sorted().joined(separator: " ")
    }
}
