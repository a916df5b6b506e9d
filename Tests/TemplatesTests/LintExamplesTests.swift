import Foundation
import Testing
import TestSupport
@testable import Templates

/// Every upstream example is valid upstream, so lint finds nothing in it, except what argo-lite refuses because it
/// does not run it yet (`Unimplemented`, Sources/Templates/Lint/NotImplemented.swift). The examples are linted
/// together, as `argo lint examples/` does, so `templateRef`s between them resolve.
@Suite(.needsSharedData) struct LintExamplesTests {
    static let sources: [LintSource] = SharedData.exampleFiles().compactMap { file in
        (try? SharedData.read(example: file)).map { LintSource(file: file, text: $0) }
    }

    /// The upstream data lacks `workflow-template/templates.yaml`, which some examples reference (upstream stores
    /// it in the cluster first: "host+templates" in the conformance table), so those refs are assumed to exist.
    static let report = Linter.lint(sources, missingTemplates: .skip)

    @Test func examplesAreThere() {
        #expect(SharedData.exampleFiles().count >= 170)
        #expect(Self.report.files.count == SharedData.exampleFiles().count)
    }

    /// The examples that use a field argo-lite refuses, and the first such field (none of them is a conformance
    /// row that must run on a host).
    static let refused: [String: String] = [
        "artifactory-artifact.yaml": "templates.hello-world-to-file.outputs.artifacts[0].artifactory",
        "artifacts-workflowtemplate.yaml": "templates.main.inputs.artifacts[0].http",
        "container-set-template/workspace-workflow.yaml": "templates.main.containerSet.volumeMounts",
        "init-container.yaml": "templates.init-container-example.initContainers[0].mirrorVolumeMounts",
        "buildkit-template.yaml": "spec.volumeClaimTemplates",
        "ci-output-artifact.yaml": "spec.volumeClaimTemplates",
        "ci-workflowtemplate.yaml": "spec.volumeClaimTemplates",
        "ci.yaml": "spec.volumeClaimTemplates",
        "daemon-nginx.yaml": "templates.nginx-server.daemon",
        "daemon-step.yaml": "templates.influxdb.daemon",
        "dag-daemon-retry-strategy.yaml": "templates.server.daemon",
        "data-transformations.yaml": "templates.list-log-files.data",
        "fun-with-gifs.yaml": "spec.volumeClaimTemplates",
        "hdfs-artifact.yaml": "templates.hello-world-to-file.outputs.artifacts[0].hdfs",
        "http-hello-world.yaml": "templates.http.http",
        "http-success-condition.yaml": "templates.http-status-is-201.http",
        "influxdb-ci.yaml": "templates.checkout.inputs.artifacts[0].git",
        "input-artifact-azure.yaml": "templates.input-artifact-s3-example.inputs.artifacts[0].azure",
        "input-artifact-gcs.yaml": "templates.input-artifact-gcs-example.inputs.artifacts[0].gcs",
        "input-artifact-git.yaml": "templates.git-clone.inputs.artifacts[0].git",
        "input-artifact-http.yaml": "templates.http-artifact-example.inputs.artifacts[0].http",
        "input-artifact-oss.yaml": "templates.input-artifact-oss-example.inputs.artifacts[0].oss",
        "life-cycle-hooks-tmpl-level.yaml": "templates.http.http",
        "life-cycle-hooks-wf-level.yaml": "spec.hooks",
        "output-artifact-azure.yaml": "templates.hello-world-to-file.outputs.artifacts[0].azure",
        "sidecar-dind.yaml": "templates.dind-sidecar-example.sidecars[0].mirrorVolumeMounts",
        "step-level-timeout.yaml": "templates.sleep.timeout",
        "steps-daemon-retry-strategy.yaml": "templates.server.daemon",
        "synchronization-db-mutex-tmpl-level.yaml": "templates.acquire-lock.synchronization",
        "synchronization-db-mutex-wf-level.yaml": "spec.synchronization",
        "synchronization-mutex-tmpl-level.yaml": "templates.acquire-lock.synchronization",
        "synchronization-mutex-wf-level.yaml": "spec.synchronization",
        "synchronization-tmpl-level.yaml": "templates.acquire-lock.synchronization",
        "synchronization-wf-level.yaml": "spec.synchronization",
        "variables-showcase.yaml": "templates.svc-daemon.daemon",
        "webhdfs-input-output-artifacts.yaml": "templates.input-output-artifact-webhdfs-example.inputs.artifacts[0].http",
        "work-avoidance.yaml": "spec.volumeClaimTemplates",
        "workflow-level-executor-plugin.yaml": "templates.main.plugin",
    ]

    @Test(arguments: SharedData.exampleFiles())
    func exampleLintsClean(_ file: String) {
        let result = Self.report.files.first { $0.file == file }
        #expect(result != nil)
        let messages = result?.findings.map(\.message) ?? []
        if let field = Self.refused[file] {
            #expect(messages.count == 1 && messages[0].hasPrefix("\(field) is not implemented yet in argo-lite: "), "\(messages)")
        } else {
            #expect(result?.findings.map(\.diagnostic.description) ?? [] == [])
        }
    }

    @Test func everyRefusedExampleIsThere() {
        #expect(Set(Self.refused.keys).subtracting(SharedData.exampleFiles()).isEmpty)
    }

    /// As `argo lint --offline examples/` does, refs to templates stored only in a cluster are errors by default,
    /// and they are the only errors (besides the refusals above).
    @Test func offlineLintReportsOnlyTheTemplatesStoredInTheCluster() {
        let findings = Linter.lint(Self.sources).findings
        #expect(!findings.isEmpty)
        for f in findings where Self.refused[f.file] == nil {
            #expect(f.message.contains("couldn't find workflow template \"workflow-template-"), "\(f.file): \(f.message)")
        }
    }

    @Test func aBrokenExampleIsReported() throws {
        let text = try SharedData.read(example: "steps.yaml").replacingOccurrences(of: "template: print-message", with: "template: print-mesage")
        let findings = Linter.lint(text: text, file: "steps.yaml")
        #expect(!findings.isEmpty)
        #expect(findings.first?.message.hasSuffix("template name 'print-mesage' undefined") == true)
    }
}
