import Testing

@testable import Templates

@Suite struct SubstitutionTests {
    static let scope: [String: String] = [
        "inputs.parameters.message": "hello world",
        "inputs.parameters.n": "3",
        "inputs.parameters.week-temps": "{\"avg\":35.8}",
        "steps.flip-coin.outputs.result": "heads",
        "tasks.A.outputs.parameters.x": "ax",
        "item": "{\"evenness\":\"even\",\"n\":2}",
        "item.evenness": "even",
        "workflow.name": "wf-abc",
        "workflow.parameters.config": "{\"a\": \"1\", \"list\": [1, 2]}",
        "workflow.creationTimestamp": "2024-03-05T10:20:30Z",
        "pod.name": "wf-abc-main-123",
        "multiline": "line1\nline2 \"quoted\"",
    ]

    @Test(arguments: [
        ("echo {{inputs.parameters.message}}", "echo hello world"),
        ("{{ inputs.parameters.message }}", "hello world"),
        ("{{steps.flip-coin.outputs.result}} == heads", "heads == heads"),
        ("{{tasks.A.outputs.parameters.x}}-{{workflow.name}}", "ax-wf-abc"),
        ("{{item.evenness}}", "even"),
        ("{{item}}", "{\"evenness\":\"even\",\"n\":2}"),
        ("{{multiline}}", "line1\nline2 \"quoted\""),
        ("no tags at all", "no tags at all"),
        ("{ not a tag }", "{ not a tag }"),
        // expression tags
        ("{{=asInt(inputs.parameters.n) * 10}}", "30"),
        ("{{= inputs.parameters.message }}", "hello world"),
        ("{{=inputs.parameters['week-temps']}}", "{\"avg\":35.8}"),
        ("{{=jsonpath(inputs.parameters['week-temps'], '$.avg')}}", "35.8"),
        ("{{=jsonpath(workflow.parameters.config, '$.a')}}", "1"),
        ("{{=jsonpath(workflow.parameters.config, '$.list')}}", "[1,2]"),
        ("{{=toJson(filter([1, 3], {# > 1}))}}", "[3]"),
        ("{{=item.evenness == 'even'}}", "true"),
        ("{{=steps['flip-coin'].outputs.result}}", "heads"),
        ("{{=sprig.date('2006', workflow.creationTimestamp)}}", "2024"),
        ("n={{=asInt(inputs.parameters.n) + 1}} of {{workflow.name}}", "n=4 of wf-abc"),
        ("{{=\"<tag>\"}}", "<tag>"),
        ("{{=[\"<\"]}}", "[\"\\u003c\"]"),
    ])
    func resolves(text: String, expected: String) throws {
        #expect(try Substitution.replace(text, scope: Self.scope, allowUnresolved: false) == expected)
        #expect(try Substitution.replace(text, scope: Self.scope, allowUnresolved: true) == expected)
    }

    @Test(arguments: [
        "{{inputs.parameters.missing}}",
        "a {{ tasks.B.outputs.result }} b",
        "{{=inputs.parameters.missing + 'x'}}",
        "{{=unknown}}",
        "{{=inputs.parameters.missing}}",
        "{{=1 +}}",
        "{{=retries}}",
        "{{=workflow.status == 'Succeeded'}}",
        "{{=lastRetry.exitCode > 1}}",
    ])
    func unresolvedStaysWhenAllowed(text: String) throws {
        #expect(try Substitution.replace(text, scope: Self.scope, allowUnresolved: true) == text)
    }

    @Test(arguments: [
        ("{{inputs.parameters.missing}}", "failed to resolve {{inputs.parameters.missing}}"),
        ("x {{ tasks.B.outputs.result }}", "failed to resolve {{ tasks.B.outputs.result }}"),
        ("{{=unknown}}", "failed to evaluate expression: expression 'unknown': unknown name unknown"),
        ("{{=inputs.parameters.missing}}", "failed to evaluate expression \"inputs.parameters.missing\""),
        ("{{=1 +}}", "failed to evaluate expression:"),
        ("{{inputs.parameters.n", "cannot find end tag"),
    ])
    func unresolvedIsAnErrorOtherwise(text: String, message: String) {
        #expect {
            try Substitution.replace(text, scope: Self.scope, allowUnresolved: false)
        } throws: { error in
            (error as? Diagnostic)?.message.contains(message) == true
        }
    }

    @Test func lateVariablesResolveOnceInScope() throws {
        var scope = Self.scope
        scope["retries"] = "2"
        scope["workflow.status"] = "Failed"
        #expect(try Substitution.replace("{{=asInt(retries) + 1}}", scope: scope, allowUnresolved: true) == "3")
        #expect(try Substitution.replace("{{=workflow.status == 'Failed'}}", scope: scope, allowUnresolved: true) == "true")
    }

    @Test func nestedTagResolvesTheInnerOne() throws {
        // fasttemplate reads `{{a {{item.evenness}}` as one tag; Argo resolves the inner name and keeps the rest.
        let out = try Substitution.replace("{{a {{item.evenness}} b}}", scope: Self.scope, allowUnresolved: true)
        #expect(out == "{{a even b}}")
    }

    @Test func jsonTreeSubstitutesEveryStringAndKeepsOtherValues() throws {
        let template: JSONValue = [
            "name": "{{workflow.name}}",
            "args": ["echo", "{{inputs.parameters.message}}", "{{=asInt(inputs.parameters.n) + 1}}"],
            "env": [["name": "{{item.evenness}}-key", "value": "{{multiline}}"]],
            "count": 3,
            "flag": true,
            "none": nil,
        ]
        let expected: JSONValue = [
            "name": "wf-abc",
            "args": ["echo", "hello world", "4"],
            "env": [["name": "even-key", "value": "line1\nline2 \"quoted\""]],
            "count": 3,
            "flag": true,
            "none": nil,
        ]
        #expect(try Substitution.replace(in: template, scope: Self.scope, allowUnresolved: false) == expected)
        let partial: JSONValue = ["a": "{{tasks.Z.outputs.result}}", "b": "{{workflow.name}}"]
        #expect(try Substitution.replace(in: partial, scope: Self.scope, allowUnresolved: true)
                == ["a": "{{tasks.Z.outputs.result}}", "b": "wf-abc"])
    }

    @Test func tagsListsNamesAndExpressions() throws {
        let tags = try Substitution.tags(in: "{{ tasks.X.outputs.result }} and {{=asInt(item) + 1}} {{workflow.name}}")
        #expect(tags.map(\.kind) == [.simple, .expression, .simple])
        #expect(tags.map(\.content) == ["tasks.X.outputs.result", "asInt(item) + 1", "workflow.name"])
    }

    @Test func environmentNestsDottedKeysAndPrefersTheMoreSpecific() {
        let env = Substitution.environment(from: ["item": "{\"a\":1}", "item.a": "1", "inputs.parameters.x": "v"])
        #expect(env["item"] == ["a": "1"])
        #expect(env["inputs"] == ["parameters": ["x": "v"]])
    }
}
