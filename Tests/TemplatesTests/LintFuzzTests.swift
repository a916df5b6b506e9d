import Testing
@testable import Templates

/// Mutated examples (the same seeded inputs as the YAML fuzz test) through the whole linter: every input gives
/// findings or none, never a trap, and every finding says something.
@Suite struct LintFuzzTests {
    @Test(.needsSharedData) func mutatedExamplesGiveFindingsNeverATrap() {
        let inputs = YAMLFuzzTests.mutatedInputs()
        #expect(inputs.count == 480)
        var withFindings = 0
        for (i, bytes) in inputs.enumerated() {
            let findings = Linter.lint(text: String(decoding: bytes, as: UTF8.self), file: "fuzz-\(i).yaml")
            for f in findings { #expect(!f.message.isEmpty) }
            if !findings.isEmpty { withFindings += 1 }
        }
        #expect(withFindings > 0)
    }
}
