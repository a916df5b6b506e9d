import Testing
@testable import Templates

/// `podGC.labelSelector` is checked as Kubernetes checks a label selector, with Argo's prefix.
@Suite struct LintLabelSelectorTests {
    static func manifest(_ expression: String) -> String {
        """
        apiVersion: argoproj.io/v1alpha1
        kind: Workflow
        metadata: {generateName: lint-}
        spec:
          entrypoint: main
          podGC:
            strategy: OnPodSuccess
            labelSelector:
              matchExpressions:
              - \(expression)
          templates:
          - name: main
            container: {image: alpine}
        """
    }

    @Test(arguments: [
        ("{key: env, operator: InvalidOperator, values: [dev]}",
         "podGC.labelSelector invalid: \"InvalidOperator\" is not a valid label selector operator"),
        ("{key: env, operator: In, values: []}",
         "podGC.labelSelector invalid: for 'in', 'notin' operators, values set can't be empty"),
        ("{key: env, operator: Exists, values: [dev]}",
         "podGC.labelSelector invalid: values set must be empty for exists and does not exist"),
    ])
    func anInvalidSelectorIsReportedAsArgoDoes(expression: String, message: String) {
        let findings = Linter.lint(text: Self.manifest(expression), file: "gc.yaml")
        #expect(findings.map(\.message) == [message])
        #expect(findings.first?.location.map { "\($0.line)" } == "9", "at the podGC.labelSelector value")
    }

    @Test func aValidSelectorPasses() {
        #expect(Linter.lint(text: Self.manifest("{key: env, operator: NotIn, values: [prod]}"), file: "gc.yaml").isEmpty)
    }
}
