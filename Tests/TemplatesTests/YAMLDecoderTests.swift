import Testing
import TestSupport
@testable import Templates

struct YDTask: Codable, Equatable {
    var name: String
    var depends: String?
    var retries: Int?
}

struct YDDAG: Codable, Equatable { var tasks: [YDTask] }

struct YDTemplate: Codable, Equatable {
    var name: String
    var dag: YDDAG?
    var container: JSONValue?
}

struct YDSpec: Codable, Equatable {
    var entrypoint: String?
    var templates: [YDTemplate]
    var parallelism: Int?
    var suspend: Bool?
}

struct YDMetadata: Codable, Equatable {
    var name: String?
    var generateName: String?
    var labels: [String: String]?
    var annotations: [String: String]?
}

struct YDManifest: Codable, Equatable {
    var apiVersion: String
    var kind: String
    var metadata: YDMetadata
    var spec: YDSpec
}

struct YDScalars: Codable, Equatable {
    var s: String?
    var i: Int?
    var d: Double?
    var b: Bool?
    var any: AnyString?
    var ios: IntOrString?
}

@Suite struct YAMLDecoderTests {
    private func decode<T: Decodable>(_ t: T.Type, _ yaml: String, options: YAMLDecoder.StringScalars = .sourceText)
        throws(Diagnostics) -> YAMLDecoder.DecodeResult<T>
    {
        try YAMLDecoder(file: "wf.yaml", stringScalars: options).decode(t, from: yaml)
    }

    private func firstError<T: Decodable>(_ t: T.Type, _ yaml: String) -> Diagnostic? {
        do {
            _ = try decode(t, yaml)
            return nil
        } catch {
            return error.items.first
        }
    }

    @Test(arguments: [
        ("s: 123", YDScalars(s: "123")), ("s: 1.0", YDScalars(s: "1.0")), ("s: yes", YDScalars(s: "yes")),
        ("s: '007'", YDScalars(s: "007")), ("s: 0x10", YDScalars(s: "0x10")), ("s: ~", YDScalars()), ("s:", YDScalars()),
        ("i: 0x10", YDScalars(i: 16)), ("i: 1_000", YDScalars(i: 1000)), ("i: 1e+3", YDScalars(i: 1000)),
        ("d: 1", YDScalars(d: 1)), ("d: 2.5", YDScalars(d: 2.5)), ("b: on", YDScalars(b: true)), ("b: N", YDScalars(b: false)),
        ("any: 1.0", YDScalars(any: "1.0")), ("any: true", YDScalars(any: "true")), ("any: '3'", YDScalars(any: "3")),
        ("ios: 3", YDScalars(ios: .int(3))), ("ios: '3'", YDScalars(ios: .string("3"))), ("ios: 50%", YDScalars(ios: "50%")),
    ])
    func targetTypedScalars(yaml: String, expected: YDScalars) throws {
        #expect(try decode(YDScalars.self, yaml).value == expected)
    }

    @Test func defaultStringScalarsAreKubernetes() throws {
        // Argo reads YAML through sigs.k8s.io/yaml: a plain 1.0 landing in a string field becomes "1".
        #expect(try YAMLDecoder(file: "wf.yaml").decode(YDScalars.self, from: "s: 1.0").value.s == "1")
        #expect(try YAMLDecoder(file: "wf.yaml").decode(YDScalars.self, from: "s: yes").value.s == "true")
        #expect(try YAMLDecoder(file: "wf.yaml").decode(YDScalars.self, from: "s: \"1.0\"").value.s == "1.0")
    }

    @Test(arguments: [
        ("s: 1.0", "1"), ("s: yes", "true"), ("s: 0x10", "16"), ("s: 'yes'", "yes"), ("s: abc", "abc"),
    ])
    func kubernetesStringCoercionOnRequest(yaml: String, text: String) throws {
        #expect(try decode(YDScalars.self, yaml, options: .kubernetes).value.s == text)
    }

    @Test(arguments: [
        ("i: '3'", "wf.yaml:1:4: i: expected an integer, got \"3\""),
        ("i: abc", "wf.yaml:1:4: i: expected an integer, got \"abc\""),
        ("i: 1.5", "wf.yaml:1:4: i: expected an integer, got \"1.5\""),
        ("b: 'true'", "wf.yaml:1:4: b: expected a boolean, got \"true\""),
        ("d: [1]", "wf.yaml:1:4: d: expected a number, got a sequence"),
        ("s: {a: 1}", "wf.yaml:1:4: s: expected a string, got a mapping"),
    ])
    func typeMismatchesNameTheFieldAndPlace(yaml: String, message: String) {
        #expect(firstError(YDScalars.self, yaml)?.description == message)
    }

    private let workflow = """
        apiVersion: argoproj.io/v1alpha1
        kind: Workflow
        metadata:
          generateName: dag-
        spec:
          entrypoint: main
          templates:
          - name: main
            dag:
              tasks:
              - name: a
              - name: b
                depends: a
                retries: "2"
        """

    @Test func mismatchDeepInsideHasTheArgoPath() {
        let d = firstError(YDManifest.self, workflow)
        #expect(d?.path == "spec.templates[0].dag.tasks[1].retries")
        #expect(d?.location == SourceLocation(file: "wf.yaml", line: 14, column: 18))
        #expect(d?.message == "expected an integer, got \"2\"")
    }

    @Test func missingRequiredField() {
        let d = firstError(YDManifest.self, "apiVersion: v1\nkind: Workflow\nmetadata: {}\nspec:\n  templates:\n  - dag: {tasks: []}\n")
        #expect(d?.message == "missing required field \"name\"")
        #expect(d?.path == "spec.templates[0]")
        #expect(d?.location?.line == 6)
    }

    @Test func unknownFieldsAreReportedWithPathAndKeyPosition() throws {
        let yaml = """
            apiVersion: v1
            kind: Workflow
            metadata: {name: x, nmae: y}
            spec:
              entrypoints: main
              templates:
              - name: main
                container: {image: busybox, whatever: {deep: 1}}
                dag:
                  tasks:
                  - {name: a, dependz: b}
            """
        let result = try decode(YDManifest.self, yaml)
        #expect(result.unknownFields.map(\.description) == [
            "wf.yaml:3:21: metadata.nmae: unknown field \"metadata.nmae\"",
            "wf.yaml:5:3: spec.entrypoints: unknown field \"spec.entrypoints\"",
            "wf.yaml:11:19: spec.templates[0].dag.tasks[0].dependz: unknown field \"spec.templates[0].dag.tasks[0].dependz\"",
        ])
        #expect(result.value.spec.templates[0].container == ["image": "busybox", "whatever": ["deep": 1]])
    }

    @Test func mapsConsumeAllTheirKeys() throws {
        let result = try decode(YDManifest.self, "apiVersion: v1\nkind: W\nmetadata:\n  labels: {a: '1', b: yes}\nspec: {templates: []}\n")
        #expect(result.unknownFields.isEmpty)
        #expect(result.value.metadata.labels == ["a": "1", "b": "yes"])
    }

    @Test func duplicateFieldIsAnError() {
        let d = firstError(YDTask.self, "name: a\nretries: 1\nname: b\n")
        #expect(d?.description == "wf.yaml:3:1: name: duplicate field \"name\"")
    }

    @Test func jsonValueSubtreeKeepsOrderAndYAMLResolution() throws {
        let result = try decode(YDTemplate.self, "name: t\ncontainer:\n  z: yes\n  a: '1'\n  m: 1.5\n  q: ~\n")
        let c = try #require(result.value.container?.objectValue)
        #expect(Array(c.keys) == ["z", "a", "m", "q"])
        #expect(result.value.container == ["z": true, "a": "1", "m": 1.5, "q": nil])
    }

    @Test func mergedKeysDecodeLikeWrittenOnes() throws {
        let yaml = "base: &b {retries: 3, depends: x}\ntask:\n  <<: *b\n  name: a\n  depends: b-c\n"
        struct Holder: Decodable { var base: JSONValue?; var task: YDTask }
        let r = try YAMLDecoder().decode(Holder.self, from: yaml)
        #expect(r.value.task == YDTask(name: "a", depends: "b-c", retries: 3))
    }

    /// Speed is measured by the benchmark command (bench/), not asserted here.
    @Test(.needsSharedData) func everyExampleDocumentDecodes() throws {
        struct Loose: Decodable { var apiVersion: String; var kind: String; var metadata: JSONValue; var spec: JSONValue? }
        var docs: [YAMLNode] = []
        for file in SharedData.exampleFiles() {
            docs += try YAML.load(try SharedData.read(example: file), file: file).filter { $0.pairs != nil }
        }
        for doc in docs { _ = try YAMLDecoder().decode(Loose.self, from: doc) }
        #expect(docs.count >= 174)
    }
}
