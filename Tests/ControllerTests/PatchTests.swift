import Testing
import Templates
@testable import Controller
@testable import ClusterAPI

/// RFC 7386 appendix A, RFC 6902 appendix A, and the order-keeping parser the store reads bodies with.
@Suite struct PatchTests {
    static let mergeCases: [(String, String, String)] = [
        (#"{"a":"b"}"#, #"{"a":"c"}"#, #"{"a":"c"}"#),
        (#"{"a":"b"}"#, #"{"b":"c"}"#, #"{"a":"b","b":"c"}"#),
        (#"{"a":"b"}"#, #"{"a":null}"#, #"{}"#),
        (#"{"a":"b","b":"c"}"#, #"{"a":null}"#, #"{"b":"c"}"#),
        (#"{"a":["b"]}"#, #"{"a":"c"}"#, #"{"a":"c"}"#),
        (#"{"a":"c"}"#, #"{"a":["b"]}"#, #"{"a":["b"]}"#),
        (#"{"a":{"b":"c"}}"#, #"{"a":{"b":"d","c":null}}"#, #"{"a":{"b":"d"}}"#),
        (#"{"a":[{"b":"c"}]}"#, #"{"a":[1]}"#, #"{"a":[1]}"#),
        (#"["a","b"]"#, #"["c","d"]"#, #"["c","d"]"#),
        (#"{"a":"b"}"#, #"["c"]"#, #"["c"]"#),
        (#"{"a":"foo"}"#, #"null"#, #"null"#),
        (#"{"a":"foo"}"#, #""bar""#, #""bar""#),
        (#"{"e":null}"#, #"{"a":1}"#, #"{"e":null,"a":1}"#),
        (#"[1,2]"#, #"{"a":"b","c":null}"#, #"{"a":"b"}"#),
        (#"{}"#, #"{"a":{"bb":{"ccc":null}}}"#, #"{"a":{"bb":{}}}"#),
    ]

    @Test(arguments: mergeCases)
    func mergePatchFollowsRFC7386(target: String, patch: String, expected: String) {
        #expect(json(target).applyingMergePatch(json(patch)).compactJSON == expected)
    }

    static let jsonPatchCases: [(String, String, String)] = [
        (#"{"foo":"bar"}"#, #"[{"op":"add","path":"/baz","value":"qux"}]"#, #"{"foo":"bar","baz":"qux"}"#),
        (#"{"foo":["bar","baz"]}"#, #"[{"op":"add","path":"/foo/1","value":"qux"}]"#, #"{"foo":["bar","qux","baz"]}"#),
        (#"{"baz":"qux","foo":"bar"}"#, #"[{"op":"remove","path":"/baz"}]"#, #"{"foo":"bar"}"#),
        (#"{"foo":["bar","qux","baz"]}"#, #"[{"op":"remove","path":"/foo/1"}]"#, #"{"foo":["bar","baz"]}"#),
        (#"{"baz":"qux","foo":"bar"}"#, #"[{"op":"replace","path":"/baz","value":"boo"}]"#, #"{"baz":"boo","foo":"bar"}"#),
        (#"{"foo":{"bar":"baz","waldo":"fred"},"qux":{"corge":"grault"}}"#,
         #"[{"op":"move","from":"/foo/waldo","path":"/qux/thud"}]"#,
         #"{"foo":{"bar":"baz"},"qux":{"corge":"grault","thud":"fred"}}"#),
        (#"{"foo":["all","grass","cows","eat"]}"#, #"[{"op":"move","from":"/foo/1","path":"/foo/3"}]"#,
         #"{"foo":["all","cows","eat","grass"]}"#),
        (#"{"baz":"qux","foo":["a",2,"c"]}"#,
         #"[{"op":"test","path":"/baz","value":"qux"},{"op":"test","path":"/foo/1","value":2}]"#,
         #"{"baz":"qux","foo":["a",2,"c"]}"#),
        (#"{"foo":"bar"}"#, #"[{"op":"add","path":"/child","value":{"grandchild":{}}}]"#,
         #"{"foo":"bar","child":{"grandchild":{}}}"#),
        (#"{"a":[1,2,3]}"#, #"[{"op":"replace","path":"/a/1","value":9}]"#, #"{"a":[1,9,3]}"#),
        (#"{"foo":["bar"]}"#, #"[{"op":"add","path":"/foo/-","value":["abc","def"]}]"#, #"{"foo":["bar",["abc","def"]]}"#),
        (#"{"/":9,"~1":10}"#, #"[{"op":"test","path":"/~01","value":10},{"op":"copy","from":"/~1","path":"/c"}]"#,
         #"{"/":9,"~1":10,"c":9}"#),
    ]

    @Test(arguments: jsonPatchCases)
    func jsonPatchFollowsRFC6902(target: String, patch: String, expected: String) throws {
        #expect(try JSONPatch.apply(json(patch), to: json(target)).compactJSON == expected)
    }

    static let jsonPatchErrors: [(String, String)] = [
        (#"{"baz":"qux"}"#, #"[{"op":"test","path":"/baz","value":"bar"}]"#),
        (#"{"foo":"bar"}"#, #"[{"op":"add","path":"/baz/bat","value":"qux"}]"#),
        (#"{"foo":"bar"}"#, #"[{"op":"remove","path":"/nope"}]"#),
        (#"{"foo":[1]}"#, #"[{"op":"add","path":"/foo/5","value":2}]"#),
        (#"{"foo":1}"#, #"[{"op":"jump","path":"/foo"}]"#),
        (#"{"a":{"b":1}}"#, #"[{"op":"move","from":"/a","path":"/a/b/c"}]"#),
    ]

    @Test(arguments: jsonPatchErrors)
    func failingJSONPatchOperationsAreInvalid(target: String, patch: String) {
        #expect(throws: ClusterError.self) { try JSONPatch.apply(json(patch), to: json(target)) }
    }

    @Test func parserKeepsOrderNumbersAndEscapes() throws {
        let text = #"{"z":1,"a":[true,false,null,-2.5e3,9223372036854775807],"m":"\u00e9\ud83d\ude00\n\"x\""}"#
        let v = try JSONBridge.parse(text)
        #expect(Array(v.objectValue?.keys ?? []) == ["z", "a", "m"])
        #expect(v["a"] == [true, false, nil, -2500.0, .int(Int64.max)])
        #expect(v["m"] == "é😀\n\"x\"")
        #expect(try JSONBridge.parse(v.compactJSON).compactJSON == v.compactJSON)
        #expect(throws: ClusterError.self) { try JSONBridge.parse(#"{"a":1"#) }
        #expect(throws: ClusterError.self) { try JSONBridge.parse(String(repeating: "[", count: 10_000)) }
    }
}
