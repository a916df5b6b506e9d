import Testing
@testable import Templates

/// One failing manifest and the exact error argo lint reports for it.
struct LintCase: CustomTestStringConvertible, Sendable {
    var name: String
    var yaml: String
    var message: String
    /// line:column of the field the error is about, where it matters.
    var at: String? = nil
    var testDescription: String { name }
}

private func workflow(_ spec: String, kind: String = "Workflow", meta: String = "generateName: lint-") -> String {
    "apiVersion: argoproj.io/v1alpha1\nkind: \(kind)\nmetadata:\n  \(meta)\nspec:\n" + spec
}

private let whalesay = """
      - name: whalesay
        inputs:
          parameters:
          - name: message
        container:
          image: docker/whalesay
          args: ["{{inputs.parameters.message}}"]

    """

private let choices = "choose one of: container, containerSet, steps, script, resource, dag, suspend, template, template ref"

let lintCases: [LintCase] = [
    // What the run would refuse (substitution finds a `{{` with no `}}`), lint refuses first.
    LintCase(name: "unterminated tag in a workflow argument", yaml: workflow("""
          entrypoint: main
          arguments: {parameters: [{name: m, value: "hello {{ world"}]}
          templates:
          - name: main
            container: {image: alpine, args: ["{{workflow.parameters.m}}"]}

        """), message: "spec.arguments.m.value: cannot find end tag \"}}\" in \"hello {{ world\" starting from \" world\"", at: "7:45"),
    LintCase(name: "unterminated tag in a container argument", yaml: workflow("""
          entrypoint: main
          templates:
          - name: main
            container: {image: alpine, args: ["echo {{inputs.parameters.x"]}

        """), message: "templates.main: cannot find end tag \"}}\" in \"echo {{inputs.parameters.x\" starting from \"inputs.parameters.x\""),
    LintCase(name: "unterminated tag in a step argument", yaml: workflow("""
          entrypoint: main
          templates:
          - name: main
            steps:
            - - name: s
                template: whalesay
                arguments: {parameters: [{name: message, value: "{{ oops"}]}
        \(whalesay)
        """), message: "templates.main.steps[0].s.arguments.message.value: cannot find end tag \"}}\" in \"{{ oops\" starting from \" oops\""),
    LintCase(name: "entrypoint missing", yaml: workflow("""
          templates:
          - name: main
            container: {image: alpine}

        """), message: "spec.entrypoint is required"),
    LintCase(name: "entrypoint undefined", yaml: workflow("""
          entrypoint: mian
          templates:
          - name: main
            container: {image: alpine}

        """), message: "template name 'mian' undefined", at: "6:15"),
    LintCase(name: "step calls an undefined template", yaml: workflow("""
          entrypoint: main
          templates:
          - name: main
            steps:
            - - name: hello
                template: hell0
          - name: hello
            container: {image: alpine}

        """), message: "templates.main.steps[0].hello template name 'hell0' undefined", at: "11:19"),
    LintCase(name: "template without a type", yaml: workflow("""
          entrypoint: main
          templates:
          - name: main

        """), message: "templates.main template type unspecified. \(choices)"),
    LintCase(name: "template with two types", yaml: workflow("""
          entrypoint: main
          templates:
          - name: main
            container: {image: alpine}
            script: {image: alpine, source: echo}

        """), message: "templates.main multiple template types specified. \(choices)"),
    LintCase(name: "duplicate template names", yaml: workflow("""
          entrypoint: main
          templates:
          - name: main
            container: {image: alpine}
          - name: main
            container: {image: alpine}

        """), message: "spec.templates[1].name 'main' is not unique", at: "10:11"),
    LintCase(name: "invalid template name", yaml: workflow("""
          entrypoint: whalesay_d
          templates:
          - name: whalesay_d
            container: {image: alpine}

        """), message: "spec.templates[0].name: 'whalesay_d' is invalid: name must consist of alpha-numeric characters or '-', and must start with an alpha-numeric character (e.g. My-name1-2, 123-NAME)"),
    LintCase(name: "duplicate step names", yaml: workflow("""
          entrypoint: main
          templates:
          - name: main
            steps:
            - - name: a
                template: c
            - - name: a
                template: c
          - name: c
            container: {image: alpine}

        """), message: "templates.main.steps[1].name 'a' is not unique"),
    LintCase(name: "invalid step name", yaml: workflow("""
          entrypoint: main
          templates:
          - name: main
            steps:
            - - name: hello1.blah
                template: c
          - name: c
            container: {image: alpine}

        """), message: "templates.main.steps[0].name 'hello1.blah' is invalid: name must consist of alpha-numeric characters or '-', and must start with an alpha-numeric character (e.g. My-name1-2, 123-NAME)"),
    LintCase(name: "input parameter not supplied by a task", yaml: workflow("""
          entrypoint: abc
          templates:
          - name: abc
            dag:
              tasks:
              - name: a
                template: whalesay
        \(whalesay)
        """), message: "templates.abc.tasks.a templates.whalesay inputs.parameters.message was not supplied"),
    LintCase(name: "input parameter not supplied to the entrypoint", yaml: workflow("""
          entrypoint: whalesay
          templates:
        \(whalesay)
        """), message: "templates.whalesay inputs.parameters.message was not supplied", at: "11:9"),
    LintCase(name: "DAG cycle", yaml: workflow("""
          entrypoint: main
          templates:
          - name: main
            dag:
              tasks:
              - {name: a, template: c, depends: b}
              - {name: b, template: c, depends: a}
          - name: c
            container: {image: alpine}

        """), message: "templates.main sorting failed: graph with cycle"),
    LintCase(name: "dependency on an unknown task", yaml: workflow("""
          entrypoint: main
          templates:
          - name: main
            dag:
              tasks:
              - {name: a, template: c}
              - {name: b, template: c, dependencies: [nope]}
          - name: c
            container: {image: alpine}

        """), message: "templates.main sorting failed: invalid dependency nope", at: "12:9"),
    LintCase(name: "invalid task result in depends", yaml: workflow("""
          entrypoint: main
          templates:
          - name: main
            dag:
              tasks:
              - {name: a, template: c}
              - {name: b, template: c, depends: a.Succeded}
          - name: c
            container: {image: alpine}

        """), message: "templates.main.tasks.b task result 'Succeded' for task 'a' is invalid"),
    LintCase(name: "depends and dependencies mixed", yaml: workflow("""
          entrypoint: main
          templates:
          - name: main
            dag:
              tasks:
              - {name: a, template: c}
              - {name: b, template: c, depends: a}
              - {name: d, template: c, dependencies: [a]}
          - name: c
            container: {image: alpine}

        """), message: "templates.main cannot use both 'depends' and 'dependencies' in the same DAG template"),
    LintCase(name: "task name starting with a digit", yaml: workflow("""
          entrypoint: main
          templates:
          - name: main
            dag:
              tasks:
              - {name: 1a, template: c}
              - {name: b, template: c, depends: 1a}
          - name: c
            container: {image: alpine}

        """), message: "templates.main.tasks.1a name cannot begin with a digit when using either 'depends' or 'dependencies'"),
    LintCase(name: "reference to a task that does not exist", yaml: workflow("""
          entrypoint: main
          templates:
          - name: main
            dag:
              tasks:
              - name: b
                template: whalesay
                arguments:
                  parameters: [{name: message, value: "{{tasks.nope.outputs.result}}"}]
        \(whalesay)
        """), message: "templates.main.tasks.b failed to resolve {{tasks.nope.outputs.result}}", at: "14:47"),
    LintCase(name: "reference to a task that is not an ancestor", yaml: workflow("""
          entrypoint: main
          templates:
          - name: main
            dag:
              tasks:
              - {name: a, template: gen}
              - name: b
                template: whalesay
                arguments:
                  parameters: [{name: message, value: "{{tasks.a.outputs.result}}"}]
          - name: gen
            script: {image: alpine, source: echo hi}
        \(whalesay)
        """), message: "templates.main.tasks.b missing dependency 'a' for parameter 'message'"),
    LintCase(name: "status of a task that is not an ancestor", yaml: workflow("""
          entrypoint: main
          templates:
          - name: main
            dag:
              tasks:
              - {name: a, template: gen}
              - {name: b, template: gen, when: "{{tasks.a.status}} == Succeeded"}
          - name: gen
            script: {image: alpine, source: echo hi}

        """), message: "templates.main.tasks.b failed to resolve {{tasks.a.status}}"),
    LintCase(name: "reference to a later step", yaml: workflow("""
          entrypoint: main
          templates:
          - name: main
            steps:
            - - name: one
                template: whalesay
                arguments:
                  parameters: [{name: message, value: "{{steps.two.outputs.result}}"}]
            - - name: two
                template: gen
          - name: gen
            script: {image: alpine, source: echo hi}
        \(whalesay)
        """), message: "templates.main.steps failed to resolve {{steps.two.outputs.result}}"),
    LintCase(name: "output parameter of a step that has none", yaml: workflow("""
          entrypoint: main
          templates:
          - name: main
            steps:
            - - name: one
                template: gen
            outputs:
              parameters:
              - name: p
                valueFrom: {parameter: "{{steps.one.outputs.parameters.nope}}"}
          - name: gen
            script: {image: alpine, source: echo hi}

        """), message: "templates.main.outputs failed to resolve {{steps.one.outputs.parameters.nope}}"),
    LintCase(name: "input the template does not declare", yaml: workflow("""
          entrypoint: main
          templates:
          - name: main
            container:
              image: "alpine:{{inputs.parameters.tag}}"

        """), message: "templates.main: failed to resolve {{inputs.parameters.tag}}", at: "10:14"),
    LintCase(name: "workflow parameter that is not declared", yaml: workflow("""
          entrypoint: main
          arguments:
            parameters: [{name: a, value: "1"}]
          templates:
          - name: main
            container:
              image: alpine
              args: ["{{workflow.parameters.b}}"]

        """), message: "templates.main: failed to resolve {{workflow.parameters.b}}"),
    LintCase(name: "withItems and withParam together", yaml: workflow("""
          entrypoint: main
          templates:
          - name: main
            steps:
            - - name: a
                template: c
                withItems: [1, 2]
                withParam: "[1, 2]"
          - name: c
            container: {image: alpine}

        """), message: "templates.main.steps[0].a only one of withItems, withParam, withSequence can be specified"),
    LintCase(name: "unreachable template with an error", yaml: workflow("""
          entrypoint: main
          templates:
          - name: main
            container: {image: alpine}
          - name: other
            steps:
            - - name: x
                template: nope

        """), message: "templates.other templates.other.steps[0].x template name 'nope' undefined"),
    LintCase(name: "onExit undefined", yaml: workflow("""
          entrypoint: main
          onExit: exit-handler
          templates:
          - name: main
            container: {image: alpine}

        """), message: "template name 'exit-handler' undefined"),
    LintCase(name: "unknown podGC strategy", yaml: workflow("""
          entrypoint: main
          podGC: {strategy: Sometimes}
          templates:
          - name: main
            container: {image: alpine}

        """), message: "podGC.strategy unknown strategy 'Sometimes'"),
    LintCase(name: "invalid retry policy", yaml: workflow("""
          entrypoint: main
          templates:
          - name: main
            retryStrategy: {retryPolicy: Sometimes}
            container: {image: alpine}

        """), message: "Sometimes is not a valid RetryPolicy"),
    LintCase(name: "container without image", yaml: workflow("""
          entrypoint: main
          templates:
          - name: main
            container: {command: [echo]}

        """), message: "templates.main.container.image may not be empty"),
    LintCase(name: "timeout that is a bare number", yaml: workflow("""
          entrypoint: main
          templates:
          - name: main
            timeout: "30"
            container: {image: alpine}

        """), message: "main has invalid duration format in timeout."),
    LintCase(name: "invalid argument parameter name", yaml: workflow("""
          entrypoint: main
          arguments:
            parameters: [{name: "param#1", value: v}]
          templates:
          - name: main
            container: {image: alpine}

        """), message: "spec.arguments.parameters[0].name: 'param#1' is invalid: Parameter/Artifact name must consist of alpha-numeric characters, '_' or '-' e.g. my_param_1, MY-PARAM-1"),
    LintCase(name: "output parameter without a value", yaml: workflow("""
          entrypoint: main
          templates:
          - name: main
            container: {image: alpine}
            outputs:
              parameters: [{name: p}]

        """), message: "templates.main.outputs.parameters.p does not have valueFrom or value specified"),
    LintCase(name: "templateRef to a WorkflowTemplate that is not given", yaml: workflow("""
          entrypoint: main
          templates:
          - name: main
            steps:
            - - name: a
                templateRef: {name: nope, template: x}

        """), message: "templates.main.steps[0].a couldn't find workflow template \"nope\" in namespace \"\""),
    LintCase(name: "templateRef to a template the WorkflowTemplate lacks", yaml: workflow("""
          templates:
          - name: x
            container: {image: alpine}
        ---
        apiVersion: argoproj.io/v1alpha1
        kind: Workflow
        metadata:
          generateName: lint-
        spec:
          entrypoint: main
          templates:
          - name: main
            steps:
            - - name: a
                templateRef: {name: lib, template: nope}

        """, kind: "WorkflowTemplate", meta: "name: lib"), message: "templates.main.steps[0].a template reference lib.nope not found"),
    LintCase(name: "unknown field in the spec", yaml: workflow("""
          entrypoints: main
          templates:
          - name: main
            container: {image: alpine}

        """), message: #"strict decoding error: unknown field "spec.entrypoints""#, at: "6:3"),
    LintCase(name: "typo inside a container", yaml: workflow("""
          entrypoint: main
          templates:
          - name: main
            container:
              image: alpine
              comand: [echo, hi]

        """), message: #"strict decoding error: unknown field "spec.templates[0].container.comand""#, at: "11:7"),
    LintCase(name: "several unknown fields in one error", yaml: workflow("""
          entrypoint: main
          templates:
          - name: main
            contianer: {image: alpine}
            container: {image: alpine, imagePullPolicey: Always}

        """), message: #"strict decoding error: unknown field "spec.templates[0].contianer", unknown field "spec.templates[0].container.imagePullPolicey""#, at: "9:5"),
    LintCase(name: "number field given a word", yaml: workflow("""
          entrypoint: main
          parallelism: abc
          templates:
          - name: main
            container: {image: alpine}

        """), message: #"expected an integer, got "abc""#, at: "7:16"),
    LintCase(name: "unbalanced depends", yaml: workflow("""
          entrypoint: main
          templates:
          - name: main
            dag:
              tasks:
              - {name: A, template: c}
              - {name: B, template: c, depends: "A && ("}
          - name: c
            container: {image: alpine}

        """), message: "templates.main.tasks.B depends 'A && (': expected a task name at column 7, found the end", at: "12:41"),
    LintCase(name: "when with a missing operand", yaml: workflow("""
          entrypoint: main
          templates:
          - name: main
            steps:
            - - name: a
                template: gen
            - - name: b
                template: gen
                when: "{{steps.a.outputs.result}} =="
          - name: gen
            script: {image: alpine, source: echo hi}

        """), message: "templates.main.steps[1].b Invalid 'when' expression '{{steps.a.outputs.result}} ==': Unexpected end of expression", at: "14:15"),
    LintCase(name: "when naming a step that does not exist", yaml: workflow("""
          entrypoint: main
          templates:
          - name: main
            steps:
            - - name: a
                template: gen
            - - name: b
                template: gen
                when: "{{steps.nope.outputs.result}} == heads"
          - name: gen
            script: {image: alpine, source: echo hi}

        """), message: "templates.main.steps failed to resolve {{steps.nope.outputs.result}}", at: "14:15"),
    LintCase(name: "invalid expression tag", yaml: workflow("""
          entrypoint: main
          arguments:
            parameters: [{name: n, value: "2"}]
          templates:
          - name: main
            container:
              image: alpine
              args: ["{{=asInt(workflow.parameters.n) +}}"]

        """), message: "failed to evaluate expression: expression 'asInt(workflow.parameters.n) +': unexpected end of expression (at column 31)", at: "13:14"),
    LintCase(name: "malformed cron schedule", yaml: """
        apiVersion: argoproj.io/v1alpha1
        kind: CronWorkflow
        metadata:
          name: cron
        spec:
          schedule: "* * *"
          workflowSpec:
            entrypoint: main
            templates:
            - name: main
              container: {image: alpine}

        """, message: "cron schedule * * * is malformed: expected exactly 5 fields, found 3: [* * *]", at: "6:13"),
    LintCase(name: "cron workflow with an invalid workflow", yaml: """
        apiVersion: argoproj.io/v1alpha1
        kind: CronWorkflow
        metadata:
          name: cron
        spec:
          schedule: "0 * * * *"
          workflowSpec:
            entrypoint: nope
            templates:
            - name: main
              container: {image: alpine}

        """, message: "cannot validate Workflow: template name 'nope' undefined", at: "8:17"),
    LintCase(name: "workflow template with an undefined step template", yaml: workflow("""
          templates:
          - name: main
            steps:
            - - name: a
                template: b

        """, kind: "WorkflowTemplate", meta: "name: lib"),
        message: "templates.main templates.main.steps[0].a template name 'b' undefined"),
]

@Suite struct LintRuleTests {
    @Test(arguments: lintCases)
    func reportsArgosMessage(_ c: LintCase) {
        let findings = Linter.lint(text: c.yaml, file: "case.yaml")
        #expect(findings.map(\.message) == [c.message])
        if let at = c.at, let l = findings.first?.location {
            #expect("\(l.line):\(l.column)" == at)
        } else if c.at != nil {
            Issue.record("no location for \(c.name)")
        }
    }

    @Test func unknownFieldsNameTheirPathAndEveryPlaceInPrettyOutput() {
        let yaml = workflow("""
              entrypoint: main
              templates:
              - name: main
                container: {image: alpine, comand: [echo], argz: [hi]}

            """)
        let report = Linter.lint([LintSource(file: "typo.yaml", text: yaml)])
        #expect(report.findings.map(\.path) == ["spec.templates[0].container.comand"])
        #expect(LintFormat.simple.render(report) == """
            typo.yaml: in "lint-" (Workflow): strict decoding error: unknown field "spec.templates[0].container.comand", \
            unknown field "spec.templates[0].container.argz"

            """)
        #expect(LintFormat.pretty.render(report).contains("""
                   at typo.yaml:9:32 (spec.templates[0].container.comand)
                   at typo.yaml:9:48 (spec.templates[0].container.argz)
            """))
    }

    @Test func unknownFieldsAreAllowedWhenNotStrict() {
        let yaml = workflow("  entrypoint: main\n  templatez: []\n  templates:\n  - name: main\n    container: {image: alpine}\n")
        #expect(Linter.lint(text: yaml, file: "f.yaml", strict: false).isEmpty)
        #expect(Linter.lint(text: yaml, file: "f.yaml").count == 1)
    }

    @Test func aYAMLSyntaxErrorIsAFindingWithItsPlace() {
        let findings = Linter.lint(text: "kind: Workflow\nspec: [a\n", file: "broken.yaml")
        #expect(findings.count == 1)
        #expect(findings.first?.message.hasPrefix("error converting YAML to JSON: ") == true)
        #expect(findings.first?.location?.file == "broken.yaml")
    }

    @Test func namesTheObjectAsArgoDoes() {
        let yaml = workflow("  entrypoint: x\n  templates: []\n")
        let findings = Linter.lint(text: yaml, file: "f.yaml")
        #expect(findings.map(\.description) == [#"in "lint-" (Workflow): template name 'x' undefined"#])
    }

    @Test func workflowTemplatesMayUseWorkflowParametersTheyDoNotDeclare() {
        let yaml = workflow("""
              templates:
              - name: main
                container:
                  image: alpine
                  args: ["{{workflow.parameters.anything}}"]

            """, kind: "WorkflowTemplate", meta: "name: lib")
        #expect(Linter.lint(text: yaml, file: "f.yaml").isEmpty)
    }

    @Test func otherKindsAreIgnored() {
        let report = Linter.lint([LintSource(file: "cm.yaml", text: "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x}\n")])
        #expect(report.findings.isEmpty)
        #expect(!report.anythingLinted)
        #expect(!report.success)
    }

    @Test func templateRefsResolveAcrossFiles() {
        let lib = workflow("  templates:\n  - name: x\n    container: {image: alpine}\n", kind: "WorkflowTemplate", meta: "name: lib")
        let wf = workflow("""
              entrypoint: main
              templates:
              - name: main
                steps:
                - - name: a
                    templateRef: {name: lib, template: x}

            """)
        let report = Linter.lint([LintSource(file: "wf.yaml", text: wf), LintSource(file: "lib.yaml", text: lib)])
        #expect(report.findings.isEmpty)
        #expect(report.success)
    }
}
