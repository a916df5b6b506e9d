import Testing
import TestSupport

@testable import Templates

/// Every `{{=...}}` in the upstream examples parses, and the ones that need only parameters evaluate to what
/// the examples expect.
@Suite(.needsSharedData) struct ExprExamplesTests {
    /// Expression tags from the raw YAML text: from `{{=` to the first `}}` (as fasttemplate finds them), with
    /// YAML's `\"` unescaped (the examples use it only inside double-quoted scalars).
    static func expressions() throws -> [(file: String, expression: String)] {
        var out: [(String, String)] = []
        for file in SharedData.exampleFiles() {
            let text = try SharedData.read(example: file)
            var rest = Substring(text)
            while let open = rest.firstRange(of: "{{=") {
                let after = rest[open.upperBound...]
                guard let close = after.firstRange(of: "}}") else { break }
                out.append((file, String(after[..<close.lowerBound]).replacing("\\\"", with: "\"")))
                rest = after[close.upperBound...]
            }
        }
        return out
    }

    @Test func everyExampleExpressionParses() throws {
        let all = try Self.expressions()
        #expect(all.count >= 15)
        for (file, expression) in all {
            #expect(ExprProgram.validate(expression) == nil, "\(file): \(expression)")
        }
    }

    @Test func reusingVerboseSnippetsComputesTheWeekSummary() throws {
        let all = try Self.expressions().filter { $0.file == "expression-reusing-verbose-snippets.yaml" }
        let weekTemps = try #require(all.first { $0.expression.contains("map(") }).expression
        let scope = ["workflow.parameters.weather": "{\"weekWeather\": \"eyJ0ZW1wcyI6IFszNCwgMjcsIDE1LCA1NywgNDZdfQo=\"}"]
        let summary = try Substitution.replace("{{=" + weekTemps + "}}", scope: scope, allowUnresolved: false)
        #expect(summary == "{\"avg\":35.8,\"max\":57,\"min\":15}")
        let inner = ["inputs.parameters.week-temps": summary]
        #expect(try Substitution.replace("{{=jsonpath(inputs.parameters['week-temps'], '$.max')}}", scope: inner,
                                         allowUnresolved: false) == "57")
    }

    @Test func destructureJSONComplexMatchesTheDocumentedOutput() throws {
        let config = "{\"employees\": [{\"name\": \"Baris\", \"age\":43},{\"name\": \"Mo\", \"age\": 42}, {\"name\": \"Jai\", \"age\" :44}]}"
        let scope = ["workflow.parameters.config": config]
        let cases = [
            ("{{=jsonpath(workflow.parameters.config, '$.employees[?(@.name==\"Baris\")].age')}}", "[43]"),
            ("{{=jsonpath(workflow.parameters.config, '$.employees[?(@.age>42 && @.age<44)].age')}}", "[43]"),
            ("{{=jsonpath(workflow.parameters.config, '$.employees[0:1]')}}", "[{\"age\":43,\"name\":\"Baris\"}]"),
            ("{{=jsonpath(workflow.parameters.config, '$.employees[*].name')}}", "[\"Baris\",\"Mo\",\"Jai\"]"),
        ]
        for (tag, expected) in cases {
            #expect(try Substitution.replace(tag, scope: scope, allowUnresolved: false) == expected)
        }
    }

    @Test func expressionTagTemplateWithParam() throws {
        #expect(try Substitution.replace("{{=toJson(filter([1, 3], {# > 1}))}}", scope: [:], allowUnresolved: false) == "[3]")
        #expect(try Substitution.replace("hello {{=asInt(inputs.parameters.foo) * 10}}", scope: ["inputs.parameters.foo": "3"],
                                         allowUnresolved: false) == "hello 30")
    }

    @Test(arguments: [
        ("asInt(inputs.parameters.num) == 1? 1: asInt(inputs.parameters.num) == 2? 1: steps['fibonacci-helper'].outputs.parameters.result",
         ["inputs.parameters.num": "5", "steps.fibonacci-helper.outputs.parameters.result": "5"], "5"),
        ("tasks['flip-coin'].outputs.result == 'heads' ? tasks.heads.outputs.result : tasks.tails.outputs.result",
         ["tasks.flip-coin.outputs.result": "heads", "tasks.heads.outputs.result": "it was heads"], "it was heads"),
        ("tasks.producer.outputs.parameters.msg ?? 'expr-fallback'", ["tasks.producer.id": "x"], "expr-fallback"),
        ("steps[\"step-1\"].status == \"Running\"", ["steps.step-1.status": "Running"], "true"),
        ("workflow.status == \"Running\"", ["workflow.status": "Running"], "true"),
    ])
    func expressionFieldsOfTheExamples(expression: String, scope: [String: String], expected: String) throws {
        #expect(try Substitution.replace("{{=" + expression + "}}", scope: scope, allowUnresolved: false) == expected)
    }

    @Test func filterWithEndsWithOnData() throws {
        let p = try ExprProgram.parse("filter(data, {# endsWith \"main.log\"})")
        #expect(try p.evaluate(["data": ["a/main.log", "b/other.txt"]]) == ["a/main.log"])
    }
}
