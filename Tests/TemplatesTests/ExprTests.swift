import Testing

@testable import Templates

@Suite struct ExprTests {
    static let env: JSONObject = [
        "inputs": ["parameters": ["n": "3", "week-temps": "{\"avg\":35.8,\"min\":15}", "s": "hello"]],
        "workflow": ["parameters": ["config": "{\"a\": \"1\", \"employees\": [{\"name\": \"Baris\", \"age\": 43}, {\"name\": \"Mo\", \"age\": 42}, {\"name\": \"Jai\", \"age\": 44}]}"]],
        "xs": [1, 2, 3, 4],
        "m": ["k": "v", "n": .null],
    ]

    static func eval(_ source: String) throws -> JSONValue {
        try ExprProgram.parse(source).evaluate(env)
    }

    @Test(arguments: [
        // literals and arithmetic: ints stay ints, `/` is float, mixing gives float
        ("1 + 2 * 3", JSONValue.int(7)),
        ("(1 + 2) * 3", 9),
        ("7 / 2", 3.5),
        ("7 % 3", 1),
        ("2 ** 3", 8.0),
        ("-2 ** 2", -4.0),
        ("1 + 2.5", 3.5),
        ("'a' + \"b\"", "ab"),
        ("\"tab\\tx\"", "tab\tx"),
        ("0x1F", 31),
        ("1_000", 1000),
        // comparisons and logic
        ("1 < 2 && 2 <= 2", true),
        ("1 == 1.0", true),
        ("'a' < 'b'", true),
        ("1 == '1'", false),
        ("true and not false", true),
        ("false or 1 > 0", true),
        ("!(1 > 2)", true),
        ("1 > 2 ? 'yes' : 'no'", "no"),
        ("nil ?? 'fallback'", "fallback"),
        ("m.n ?? 'fallback'", "fallback"),
        ("m.k ?? 'fallback'", "v"),
        // membership and string operators
        ("2 in xs", true),
        ("5 not in xs", true),
        ("'k' in m", true),
        ("'hello' contains 'ell'", true),
        ("'hello' startsWith 'he'", true),
        ("'hello' endsWith 'lo'", true),
        ("'imminent node shutdown' matches 'imminent node shutdown|pod deleted'", true),
        ("'abc' not matches '^b'", true),
        // member access, indexing, slicing, ranges
        ("inputs.parameters.n", "3"),
        ("inputs.parameters['week-temps']", "{\"avg\":35.8,\"min\":15}"),
        ("xs[0] + xs[-1]", 5),
        ("xs[1:3]", [2, 3]),
        ("xs[:2]", [1, 2]),
        ("'hello'[1:3]", "el"),
        ("1..3", [1, 2, 3]),
        ("m?.missing?.deeper", .null),
        ("[1, 'a', true]", [1, "a", true]),
        ("{a: 1, 'b': 2}.b", 2),
    ] as [(String, JSONValue)])
    func operators(source: String, expected: JSONValue) throws {
        #expect(try Self.eval(source) == expected)
    }

    @Test(arguments: [
        ("asInt(inputs.parameters.n) * 10", JSONValue.int(30)),
        ("int('42')", 42),
        ("int(3.9)", 3),
        ("asFloat('2.5') * 2", 5.0),
        ("float(2)", 2.0),
        ("string(1.5)", "1.5"),
        ("len('héllo')", 5),
        ("len(xs)", 4),
        ("abs(-3)", 3),
        ("max(1, 5, 3)", 5),
        ("min(xs)", 1),
        ("upper('a') + lower('B')", "Ab"),
        ("trim('  x ')", "x"),
        ("split('a,b,c', ',')", ["a", "b", "c"]),
        ("join(['a', 'b'], '-')", "a-b"),
        ("filter(xs, {# > 2})", [3, 4]),
        ("filter(xs, # % 2 == 0)", [2, 4]),
        ("map(xs, {# * 2})", [2, 4, 6, 8]),
        ("all(xs, {# > 0})", true),
        ("any(xs, {# > 3})", true),
        ("none(xs, {# > 4})", true),
        ("count(xs, {# > 1})", 3),
        ("map([[1, 2]], {#[0] + #[1]})[0]", 3),
        ("toJson(filter([1, 3], {# > 1}))", "[3]"),
        ("toJson({b: 1, a: [true, nil]})", "{\"a\":[true,null],\"b\":1}"),
        ("toJSON({a: 1})", "{\n  \"a\": 1\n}"),
        ("fromJSON('{\"x\": [1, 2]}').x[1]", 2.0),
        ("fromJson('\"s\"')", "s"),
        ("jsonpath(inputs.parameters['week-temps'], '$.avg')", 35.8),
        ("jsonpath(workflow.parameters.config, '$.a')", "1"),
        ("jsonpath(workflow.parameters.config, '$.employees[*].name')", ["Baris", "Mo", "Jai"]),
        ("jsonpath(workflow.parameters.config, '$.employees[0].age')", 43.0),
        ("jsonpath(workflow.parameters.config, '$.employees[-1].name')", "Jai"),
        ("jsonpath(workflow.parameters.config, '$.employees[?(@.name==\"Baris\")].age')", [43.0]),
        ("jsonpath(workflow.parameters.config, '$.employees[?(@.age>42 && @.age<44)].age')", [43.0]),
        ("jsonpath(workflow.parameters.config, '$.employees[0:1]')", [["name": "Baris", "age": 43.0]]),
        ("jsonpath(workflow.parameters.config, '$..age')", [43.0, 42.0, 44.0]),
    ] as [(String, JSONValue)])
    func builtins(source: String, expected: JSONValue) throws {
        #expect(try Self.eval(source) == expected)
    }

    @Test(arguments: [
        ("sprig.add(1, '2', 3.7)", JSONValue.int(6)),
        ("sprig.sub(10, 4)", 6),
        ("sprig.mul(2, 3)", 6),
        ("sprig.div(7, 2)", 3),
        ("sprig.mod(7, 2)", 1),
        ("sprig.max(3, 9, 2)", 9),
        ("sprig.min(3, 9, 2)", 2),
        ("sprig.add(34.0, 27.0, 15.0, 57.0, 46.0) / 5", 35.8),
        ("sprig.int('12')", 12),
        ("sprig.toString(1.5)", "1.5"),
        ("sprig.toString(1000000.0)", "1e+06"),
        ("sprig.b64enc('hello')", "aGVsbG8="),
        ("sprig.b64dec('aGVsbG8=')", "hello"),
        ("sprig.upper('abc')", "ABC"),
        ("sprig.lower('ABC')", "abc"),
        ("sprig.trim('  x  ')", "x"),
        ("sprig.title('hello world')", "Hello World"),
        ("sprig.default('d', '')", "d"),
        ("sprig.default('d', 'given')", "given"),
        ("sprig.empty('')", true),
        ("sprig.empty(0)", true),
        ("sprig.empty([1])", false),
        ("sprig.quote('a\"b')", "\"a\\\"b\""),
        ("sprig.squote('x')", "'x'"),
        ("sprig.replace('a', 'b', 'banana')", "bbnbnb"),
        ("sprig.contains('an', 'banana')", true),
        ("sprig.hasPrefix('ba', 'banana')", true),
        ("sprig.hasSuffix('na', 'banana')", true),
        ("sprig.trimPrefix('ba', 'banana')", "nana"),
        ("sprig.trimSuffix('na', 'banana')", "bana"),
        ("sprig.list(1, 'a')", [1, "a"]),
        ("sprig.dict('k', 1).k", 1),
        ("sprig.toJson(sprig.dict('b', 1, 'a', 2))", "{\"a\":2,\"b\":1}"),
        ("sprig.fromJson('{\"a\": 1}').a", 1.0),
        ("sprig.join('-', ['a', 'b'])", "a-b"),
        ("sprig.splitList(',', 'a,b')", ["a", "b"]),
        ("sprig.ternary('y', 'n', true)", "y"),
        ("sprig.coalesce('', nil, 'x')", "x"),
        ("sprig.repeat(3, 'ab')", "ababab"),
        ("sprig.regexMatch('^a.c$', 'abc')", true),
        ("sprig.date('2006', '2024-03-05T10:20:30Z')", "2024"),
        ("sprig.date('2006-01-02 15:04:05', '2024-03-05T10:20:30Z')", "2024-03-05 10:20:30"),
        ("sprig.date('Jan 2, 2006', 0)", "Jan 1, 1970"),
    ] as [(String, JSONValue)])
    func sprig(source: String, expected: JSONValue) throws {
        #expect(try Self.eval(source) == expected)
    }

    @Test(arguments: [
        ("1 +", "unexpected end of expression"),
        ("(1 + 2", "expected ')'"),
        ("'abc", "literal not terminated"),
        ("1 @ 2", "unrecognized character '@'"),
        ("[1, 2", "expected ']'"),
    ])
    func syntaxErrors(source: String, message: String) {
        let d = ExprProgram.validate(source)
        #expect(d?.message.contains(message) == true, "\(String(describing: d))")
        #expect(d?.message.contains("expression '\(source)'") == true)
    }

    @Test(arguments: [
        ("inputs.parameters.n * 10", "invalid operation: string * int"),
        ("1 < 'a'", "mismatched types int and string"),
        ("unknownVar + 1", "unknown name unknownVar"),
        ("xs[10]", "index out of range"),
        ("asInt('x1')", "invalid operation: asInt(x1)"),
        ("1 && true", "invalid operation"),
        ("nope(1)", "unknown function nope"),
        ("sprig.nope(1)", "unknown function sprig.nope"),
        ("7 % 0", "integer divide by zero"),
        ("jsonpath('{}', '$.missing')", "key 'missing' not found"),
        ("jsonpath('not json', '$.a')", "invalid JSON"),
        ("nil.a", "cannot fetch a from <nil>"),
    ])
    func evaluationErrors(source: String, message: String) throws {
        #expect {
            try Self.eval(source)
        } throws: { error in
            let d = error as? Diagnostic
            return d?.message.contains(message) == true && d?.message.contains(source) == true
        }
    }

    @Test func variablesListsTopLevelNamesButNotFunctions() throws {
        let p = try ExprProgram.parse("asInt(inputs.parameters['x']) + sprig.add(item, 1) + len(filter(xs, {# > 0}))")
        #expect(p.variables == ["inputs", "item", "xs"])
        #expect(p.variablePaths == ["inputs.parameters.x", "item", "xs"])
    }

    @Test func deepNestingIsAnErrorNotACrash() {
        let source = String(repeating: "(", count: 500) + "1" + String(repeating: ")", count: 500)
        #expect(ExprProgram.validate(source)?.message.contains("nested too deeply") == true)
    }

    @Test(arguments: [(1e6, "1e+06"), (123456.0, "123456"), (35.8, "35.8"), (0.00001, "1e-05"), (-2.5, "-2.5"),
                      (1234567.0, "1.234567e+06"), (0.0001, "0.0001")])
    func goPercentV(value: Double, text: String) {
        #expect(GoText.formatG(value) == text)
    }
}
