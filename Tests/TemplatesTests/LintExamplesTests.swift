import Foundation
import Testing
import TestSupport
@testable import Templates

/// Every upstream example is valid upstream, so lint finds nothing in it. The examples are linted together,
/// as `argo lint examples/` does, so `templateRef`s between them resolve.
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

    @Test(arguments: SharedData.exampleFiles())
    func exampleLintsClean(_ file: String) {
        let result = Self.report.files.first { $0.file == file }
        #expect(result != nil)
        #expect(result?.findings.map(\.diagnostic.description) ?? [] == [])
    }

    /// As `argo lint --offline examples/` does, refs to templates stored only in a cluster are errors by default,
    /// and they are the only errors.
    @Test func offlineLintReportsOnlyTheTemplatesStoredInTheCluster() {
        let findings = Linter.lint(Self.sources).findings
        #expect(!findings.isEmpty)
        for f in findings {
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
