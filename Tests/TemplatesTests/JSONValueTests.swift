import Testing
@testable import Templates

@Suite struct JSONValueTests {
    @Test func objectsAreEqualWhateverTheirKeyOrder() {
        let a: JSONValue = ["x": 1, "y": ["p": true, "q": nil]]
        let b: JSONValue = ["y": ["q": nil, "p": true], "x": 1]
        #expect(a == b)
        #expect(a.hashValue == b.hashValue)
        #expect(Set([a, b]).count == 1)
    }

    @Test func orderIsKeptForOutput() {
        let a: JSONValue = ["z": 1, "a": 2]
        #expect(a.compactJSON == #"{"z":1,"a":2}"#)
    }

    @Test(arguments: [
        (JSONValue.array([1, 2]), JSONValue.array([2, 1])),
        ((["x": 1] as JSONValue), (["x": 1, "y": 2] as JSONValue)),
        ((["x": 1] as JSONValue), (["x": "1"] as JSONValue)),
        (JSONValue.int(1), JSONValue.double(1.5)),
    ] as [(JSONValue, JSONValue)])
    func differentValuesAreNotEqual(a: JSONValue, b: JSONValue) {
        #expect(a != b)
    }

    @Test(arguments: [
        (JSONValue.string("a<b>&\"c\"\n"), #""a\u003cb\u003e\u0026\"c\"\n""#),
        (JSONValue.string("plain text, no escapes"), #""plain text, no escapes""#),
        (JSONValue.string("tab\there\r\\ \u{1}\u{1f}"), #""tab\there\r\\ \u0001\u001f""#),
        (JSONValue.string("é ✓ 😀 \u{2028}\u{2029}\u{2027}"), #""é ✓ 😀 \u2028\u2029\#u{2027}""#),
        (JSONValue.string(""), #""""#),
        (JSONValue.double(1.0), "1"),
        (JSONValue.double(1.5), "1.5"),
        ((["k": [1, nil, true]] as JSONValue), #"{"k":[1,null,true]}"#),
        ((["n": -42, "m": .int(Int64.max), "e": [:], "l": []] as JSONValue), #"{"n":-42,"m":9223372036854775807,"e":{},"l":[]}"#),
        ((["<k>": ["a\"b"]] as JSONValue), #"{"\u003ck\u003e":["a\"b"]}"#),
    ] as [(JSONValue, String)])
    func compactJSONIsGoStyle(value: JSONValue, text: String) {
        #expect(value.compactJSON == text)
    }
}
