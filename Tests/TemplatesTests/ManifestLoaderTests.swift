import Testing
@testable import Templates

@Suite struct ManifestLoaderTests {
    private let workflow = """
        apiVersion: argoproj.io/v1alpha1
        kind: Workflow
        metadata:
          generateName: hello-
        spec:
          entrypoint: main
          templates:
          - name: main
            container: {image: alpine, command: [echo, hi]}

        """

    @Test func decodesEachDocumentByKind() throws {
        let text = workflow + "---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: cm}\ndata: {a: '1'}\n---\n"
        let file = ManifestLoader.load(text, file: "multi.yaml")
        #expect(file.syntaxError == nil)
        #expect(file.documents.count == 2)  // the empty third document is skipped
        guard case .workflow(let wf)? = file.documents.first?.manifest else {
            Issue.record("not a workflow: \(String(describing: file.documents.first?.manifest))")
            return
        }
        #expect(wf.spec.entrypoint == "main")
        #expect(file.documents[1].manifest == .other(kind: "ConfigMap", ["apiVersion": "v1", "kind": "ConfigMap",
                                                                         "metadata": ["name": "cm"], "data": ["a": "1"]]))
        #expect(file.documents.map(\.index) == [0, 1])
        #expect(file.documents[0].objectName == "hello-")
    }

    @Test func jsonIsReadAsYAML() throws {
        let json = #"{"apiVersion":"argoproj.io/v1alpha1","kind":"Workflow","metadata":{"generateName":"j-"},"spec":{"entrypoint":"main","templates":[{"name":"main","container":{"image":"alpine","args":["a\/b","tab\there","\u00e9"]}}]}}"#
        let manifests = try ManifestLoader.manifests(json, file: "wf.json")
        guard case .workflow(let wf)? = manifests.first else {
            Issue.record("not a workflow")
            return
        }
        #expect(manifests.count == 1)
        #expect(wf.spec.templates?.first?.container?.args == ["a/b", "tab\there", "é"])
    }

    @Test func unknownFieldsNameThePathAndPlace() {
        let text = workflow.replacingOccurrences(of: "  entrypoint: main", with: "  entrypoints: main")
        let file = ManifestLoader.load(text, file: "wf.yaml")
        #expect(file.documents.first?.unknownFields.map(\.description)
                == [#"wf.yaml:6:3: spec.entrypoints: unknown field "spec.entrypoints""#])
        #expect(file.problems(strict: false).isEmpty)
        #expect(throws: Diagnostics.self) { try ManifestLoader.manifests(text, file: "wf.yaml") }
        #expect((try? ManifestLoader.manifests(text, file: "wf.yaml", strict: false))?.count == 1)
    }

    @Test func wrongTypesAreErrorsWithTheirPlace() {
        let text = workflow.replacingOccurrences(of: "  entrypoint: main", with: "  entrypoint: main\n  parallelism: abc")
        let doc = ManifestLoader.load(text, file: "wf.yaml").documents.first
        #expect(doc?.manifest == nil)
        #expect(doc?.errors.first?.location?.line == 7)
        #expect(doc?.errors.first?.path == "spec.parallelism")
    }

    @Test func syntaxErrorsAndNonMappingsAreDiagnostics() {
        let broken = ManifestLoader.load("a: [1, 2\nb: c\n", file: "bad.yaml")
        #expect(broken.documents.isEmpty)
        #expect(broken.syntaxError?.location?.file == "bad.yaml")
        let scalar = ManifestLoader.load("just text\n", file: "s.yaml")
        #expect(scalar.documents.first?.errors.first?.message.hasPrefix("a manifest must be a mapping") == true)
    }
}
