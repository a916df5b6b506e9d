import Testing
import TestSupport
@testable import Templates

@Suite struct YAMLLoaderTests {
    @Test(.needsSharedData, arguments: SharedData.exampleFiles())
    func everyUpstreamExampleLoadsAndConverts(file: String) throws {
        let docs = try YAML.load(try SharedData.read(example: file), file: file)
        #expect(!docs.isEmpty)
        for doc in docs where !(doc.scalar?.isPlainNull ?? false) {
            let json = try doc.toJSONValue()
            #expect(json["apiVersion"] != nil || json["kind"] != nil, "\(file) has a manifest without apiVersion/kind")
        }
    }

    @Test(.needsSharedData) func helloWorldValues() throws {
        let doc = try YAML.loadFirst(try SharedData.read(example: "hello-world.yaml"), file: "hello-world.yaml")
        let json = try doc.toJSONValue()
        let container = json["spec"]?["templates"]?[0]?["container"]
        #expect(container?["image"] == "busybox")
        #expect(container?["command"] == ["echo"])
        #expect(container?["args"] == ["hello world"])
        #expect(json["metadata"]?["labels"]?["workflows.argoproj.io/archive-strategy"] == "false")
        #expect(json["metadata"]?["annotations"]?["workflows.argoproj.io/description"]
            == "This is a simple hello world example.\n")
        #expect(Array(json.objectValue?.keys ?? []) == ["apiVersion", "kind", "metadata", "spec"])
        let image = doc["spec"]?["templates"]?[0]?["container"]?["image"]
        #expect(image?.location == SourceLocation(file: "hello-world.yaml", line: image?.location.line ?? 0, column: 14))
        #expect(doc.location.file == "hello-world.yaml")
    }

    @Test func locationsAreOneBased() throws {
        let doc = try YAML.loadFirst("a: 1\nb:\n  c: [x, y]\n", file: "f.yaml")
        #expect(doc.location == SourceLocation(file: "f.yaml", line: 1, column: 1))
        #expect(doc["b"]?["c"]?.location == SourceLocation(file: "f.yaml", line: 3, column: 6))
        #expect(doc["b"]?["c"]?[1]?.location == SourceLocation(file: "f.yaml", line: 3, column: 10))
        #expect(doc.pairs?[1].key.location == SourceLocation(file: "f.yaml", line: 2, column: 1))
    }

    @Test func scalarsKeepStyleAndTag() throws {
        let doc = try YAML.loadFirst("a: x\nb: 'x'\nc: \"x\"\nd: |\n  x\ne: >\n  x\nf: !!str 1\n")
        #expect(doc["a"]?.scalar?.style == .plain)
        #expect(doc["b"]?.scalar?.style == .singleQuoted)
        #expect(doc["c"]?.scalar?.style == .doubleQuoted)
        #expect(doc["d"]?.scalar?.style == .literal)
        #expect(doc["e"]?.scalar?.style == .folded)
        #expect(doc["f"]?.tag == "tag:yaml.org,2002:str")
        #expect(try doc["f"]?.toJSONValue() == "1")
    }

    @Test func anchorsAndAliasesExpand() throws {
        let json = try YAML.loadFirst("base: &b {p: 1, q: [a, b]}\ncopy: *b\nlist: [&n 5, *n]\n").toJSONValue()
        #expect(json["copy"] == ["p": 1, "q": ["a", "b"]])
        #expect(json["list"] == [5, 5])
    }

    @Test func unknownAnchorIsAnError() {
        #expect(throws: Diagnostic.self) { try YAML.load("a: *nope\n") }
    }

    @Test(arguments: [
        // single merge; explicit keys win wherever they are written
        ("base: &b {p: 1, q: 2}\nm:\n  q: 9\n  <<: *b\n", ["q": 9, "p": 1] as JSONValue),
        ("base: &b {p: 1, q: 2}\nm:\n  <<: *b\n  q: 9\n", ["p": 1, "q": 9] as JSONValue),
        // list: earlier mappings win over later ones
        ("a: &a {k: a, only_a: 1}\nb: &b {k: b, only_b: 2}\nm:\n  <<: [*a, *b]\n", ["k": "a", "only_a": 1, "only_b": 2] as JSONValue),
        ("a: &a {k: a}\nb: &b {k: b}\nm:\n  <<: [*b, *a]\n  z: 0\n", ["k": "b", "z": 0] as JSONValue),
        // a quoted "<<" is an ordinary key
        ("m:\n  '<<': 1\n", ["<<": 1] as JSONValue),
    ])
    func mergeKeys(yaml: String, merged: JSONValue) throws {
        #expect(try YAML.loadFirst(yaml).toJSONValue()["m"] == merged)
    }

    @Test func mergeOfAScalarIsAnError() {
        #expect(throws: Diagnostic.self) { try YAML.load("m:\n  <<: 3\n") }
    }

    @Test func multiDocumentStreams() throws {
        let docs = try YAML.load("---\na: 1\n---\nb: 2\n...\n---\n")
        #expect(docs.count == 3)
        #expect(try docs[0].toJSONValue() == ["a": 1])
        #expect(try docs[1].toJSONValue() == ["b": 2])
        #expect(try docs[2].toJSONValue() == nil)
        #expect(try YAML.load("").isEmpty)
        #expect(try YAML.load("# only a comment\n").isEmpty)
    }

    @Test(arguments: [
        ("k: |\n  a\n  b\n\n", "a\nb\n"),
        ("k: |-\n  a\n  b\n\n", "a\nb"),
        ("k: |+\n  a\n  b\n\n", "a\nb\n\n"),
        ("k: >\n  a\n  b\n\n  c\n", "a b\nc\n"),
        ("k: >-\n  a\n  b\n", "a b"),
        ("k: |2\n   indented\n", " indented\n"),
        ("k: \"a\\tb\\u00e9\"\n", "a\tbé"),
        ("k: 'it''s' # comment\n", "it's"),
        ("k: plain text # comment\n", "plain text"),
    ])
    func blockAndQuotedScalars(yaml: String, text: String) throws {
        #expect(try YAML.loadFirst(yaml).toJSONValue()["k"] == .string(text))
    }

    @Test func flowCollections() throws {
        let json = try YAML.loadFirst("{a: [1, 'two', {b: null}], c: {}}").toJSONValue()
        #expect(json == ["a": [1, "two", ["b": nil]], "c": [:]])
    }

    @Test(arguments: [
        ("a: b: c\n", 1, 5, "mapping values are not allowed in this context"),
        ("a:\n\t- b\n", 2, 1, "found character that cannot start any token"),
        ("a: [1, 2\n", 2, 1, "did not find expected ',' or ']'"),
        ("a: 'x\n", 2, 1, "found unexpected end of stream"),
    ])
    func libyamlErrorsCarryPositions(yaml: String, line: Int, column: Int, message: String) {
        #expect {
            try YAML.load(yaml, file: "F.yaml")
        } throws: { error in
            guard let d = error as? Diagnostic else { return false }
            return d.location == SourceLocation(file: "F.yaml", line: line, column: column) && d.message == message
        }
    }

    @Test func depthLimitIsAClearError() {
        let deep = String(repeating: "[", count: 600) + String(repeating: "]", count: 600)
        #expect {
            try YAML.load(deep)
        } throws: { ($0 as? Diagnostic)?.message.contains("deeper than 512") ?? false }
        #expect(throws: Never.self) { try YAML.load(String(repeating: "[", count: 100) + String(repeating: "]", count: 100)) }
    }

    @Test func aliasBombIsAnError() {
        var lines = ["a: &a [x, x, x, x, x, x, x, x, x, x]"]
        for i in 1...9 {
            let prev = Character(UnicodeScalar(UInt8(96 + i)))
            let name = Character(UnicodeScalar(UInt8(97 + i)))
            lines.append("\(name): &\(name) [" + Array(repeating: "*\(prev)", count: 10).joined(separator: ", ") + "]")
        }
        #expect {
            try YAML.load(lines.joined(separator: "\n"))
        } throws: { ($0 as? Diagnostic)?.message.contains("nodes") ?? false }
    }

    @Test func invalidUTF8IsADiagnostic() {
        #expect(throws: Diagnostic.self) { try YAML.load(bytes: Array("a: ".utf8) + [0xFF, 0xFE, 0x80] + [10]) }
    }

    @Test func duplicateKeysAreAnErrorInJSON() {
        #expect {
            try YAML.loadFirst("a: 1\nb:\n  x: 1\n  x: 2\n").toJSONValue()
        } throws: { ($0 as? Diagnostic)?.description == "<input>:4:3: b.x: duplicate field \"x\"" }
    }
}
