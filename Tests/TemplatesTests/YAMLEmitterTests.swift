import Testing
import TestSupport
@testable import Templates

@Suite struct YAMLEmitterTests {
    @Test func kubectlShape() {
        let value: JSONValue = [
            "metadata": ["name": "wf", "labels": ["a": "true"]],
            "spec": ["templates": [["name": "main", "args": ["echo", "hi"]], ["name": "b"]], "empty": [], "obj": [:]],
            "script": "line one\nline two\n",
        ]
        #expect(YAMLEmitter.emit(value) == """
            metadata:
              name: wf
              labels:
                a: "true"
            spec:
              templates:
              - name: main
                args:
                - echo
                - hi
              - name: b
              empty: []
              obj: {}
            script: |
              line one
              line two

            """)
    }

    @Test(arguments: [
        "true", "yes", "y", "N", "off", "123", "0x1F", "1.0", "1e3", "1e+3", ".inf", "null", "~", "", " lead", "trail ",
        "a: b", "a #b", "#x", "- x", "-", "? x", "[x]", "{x}", "*a", "&a", "!x", "|x", ">x", "'q'", "\"dq\"", "%x", "@x",
        "`x", "key:", "---", "...", "2001-12-14", "tab\there", "cr\rhere", "é ünïcödé", "\u{7}bell", "multi\nline",
        "multi\nline\n", "multi\nline\n\n\n", "  indented\nfirst\n", "\nleading newline", "trailing space \nx",
        "\n", "\n\n", "it's", "a\\b", "<<", "=", "1:20", "08", "+", "emoji 🎉",
    ])
    func trickyStringsRoundTrip(text: String) throws {
        var object: JSONObject = ["k": .string(text), "list": [.string(text)]]
        object[text] = 1  // the same text as a key
        let value = JSONValue.object(object)
        let yaml = YAMLEmitter.emit(value)
        #expect(try YAML.loadFirst(yaml).toJSONValue() == value, "\(yaml)")
    }

    @Test(arguments: [
        1 as JSONValue, -5, 0, 1.5, 2.0, -0.25, 1e21, 1e-7, .double(.infinity), true, false, nil, [], [:], [[1, 2], [3]],
        [[:], []], [["a": [["b": nil]]]],
    ])
    func otherValuesRoundTrip(value: JSONValue) throws {
        let wrapped: JSONValue = ["v": value, "l": [value]]
        let yaml = YAMLEmitter.emit(wrapped)
        #expect(try YAML.loadFirst(yaml).toJSONValue() == wrapped, "\(yaml)")
        #expect(try YAML.loadFirst(YAMLEmitter.emit(value)).toJSONValue() == value)
    }

    @Test(.needsSharedData, arguments: SharedData.exampleFiles())
    func upstreamExamplesRoundTrip(file: String) throws {
        for doc in try YAML.load(try SharedData.read(example: file), file: file) {
            let json = try doc.toJSONValue()
            let yaml = YAMLEmitter.emit(json)
            #expect(try YAML.loadFirst(yaml).toJSONValue() == json, "\(file)")
        }
    }
}
