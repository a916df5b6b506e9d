import Testing
@testable import Templates

/// Plain scalars resolved as go-yaml v2 (under sigs.k8s.io/yaml) resolves them for an untyped target.
@Suite struct YAMLResolverTests {
    @Test(arguments: [
        // null
        ("", nil), ("~", nil), ("null", nil), ("Null", nil), ("NULL", nil), ("nULL", "nULL"),
        // YAML 1.1 booleans, including the one-letter forms
        ("true", true), ("True", true), ("TRUE", true), ("yes", true), ("Yes", true), ("YES", true),
        ("y", true), ("Y", true), ("on", true), ("On", true), ("ON", true),
        ("false", false), ("False", false), ("FALSE", false), ("no", false), ("No", false), ("NO", false),
        ("n", false), ("N", false), ("off", false), ("Off", false), ("OFF", false),
        ("tRUE", "tRUE"), ("yES", "yES"),
        // integers: Go's ParseInt with base 0, underscores removed
        ("0", 0), ("-0", 0), ("42", 42), ("+42", 42), ("-42", -42), ("1_000", 1000), ("0x1F", 31), ("-0x1F", -31),
        ("0o17", 15), ("017", 15), ("0b101", 5), ("9223372036854775807", 9_223_372_036_854_775_807),
        ("-9223372036854775808", .int(Int64.min)),
        // 08 is not octal, but matches the float pattern
        ("08", 8.0), ("0x", "0x"), ("0xG", "0xG"),
        // floats: the exponent must carry a sign
        ("1.5", 1.5), ("-1.5", -1.5), ("+.5", 0.5), (".5", 0.5), ("1.0", 1.0), ("1e+3", 1000.0), ("1.5E-2", 0.015),
        ("1e3", "1e3"), ("1.5e3", "1.5e3"), ("1.", "1."), ("1.2.3", "1.2.3"), (".", "."),
        ("18446744073709551615", 18446744073709551615.0), ("99999999999999999999", 1e20),
        // special floats
        (".inf", .double(.infinity)), ("-.Inf", .double(-.infinity)), ("+.INF", .double(.infinity)),
        // strings
        ("abc", "abc"), ("1:20", "1:20"), ("2001-12-14", "2001-12-14"), ("-", "-"), ("+", "+"), ("_1", "_1"),
        ("0.1.2", "0.1.2"), ("1_0.5", 10.5), ("~x", "~x"), ("<<", "<<"),
    ] as [(String, JSONValue)])
    func plainScalar(text: String, value: JSONValue) {
        #expect(YAMLResolver.resolvePlain(text) == value)
    }

    @Test func nanIsAFloat() {
        guard case .double(let d) = YAMLResolver.resolvePlain(".nan") else {
            Issue.record("`.nan` is not a float")
            return
        }
        #expect(d.isNaN)
    }

    @Test(arguments: [
        ("a: '123'", "123" as JSONValue), ("a: \"true\"", "true"), ("a: |\n  42\n", "42\n"), ("a: !!str 12", "12"),
        ("a: !!int \"12\"", 12), ("a: !!float 1", 1.0), ("a: !!bool yes", true), ("a: !custom 5", "5"),
    ])
    func quotedBlockAndTaggedScalars(yaml: String, value: JSONValue) throws {
        #expect(try YAML.loadFirst(yaml).toJSONValue()["a"] == value)
    }

    @Test func aTagThatDoesNotFitIsAnError() {
        #expect {
            try YAML.loadFirst("a: !!int abc").toJSONValue()
        } throws: { ($0 as? Diagnostic)?.message == "cannot decode !!str `abc` as a !!int" }
    }

    @Test(arguments: [
        ("yes: 1", "true"), ("y: 1", "true"), ("n: 1", "false"), ("1: 1", "1"), ("0x10: 1", "16"), ("1.0: 1", "1"), ("1.5: 1", "1.5"),
        ("1e+06: 1", "1e+06"), ("'yes': 1", "yes"), ("0.0001: 1", "0.0001"), ("0.00001: 1", "1e-05"),
        ("123456.5: 1", "123456.5"),
    ])
    func nonStringKeysBecomeTextAsKubernetesWritesThem(yaml: String, key: String) throws {
        #expect(try YAML.loadFirst(yaml).toJSONValue().objectValue?.keys.first == key)
    }

    @Test func nullKeyIsAnError() {
        #expect(throws: Diagnostic.self) { try YAML.loadFirst("~: 1").toJSONValue() }
    }
}
