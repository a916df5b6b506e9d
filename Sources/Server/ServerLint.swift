import Controller
import Templates

/// Validation as argo-server runs it on create, update, submit and the lint endpoints: the project's linter over
/// the object (strict: unknown fields are errors), `templateRef`s resolved against the stored templates. Errors
/// are InvalidArgument with the linter's messages, one a line.
enum ServerLint {
    /// The object, with scalars retyped as the typed model reads them (`"value": 1` in a string field becomes
    /// `"1"`, as Go's decoding into the typed struct would have it), once it passes.
    static func check(_ object: JSONValue, kind: String, store: ServerStore, namespace: String) async throws(APIError)
        -> JSONValue
    {
        var object = object
        if object["kind"] == nil { object["kind"] = .string(kind) }
        if object["apiVersion"] == nil { object["apiVersion"] = "argoproj.io/v1alpha1" }
        guard object["kind"]?.stringValue == kind else {
            throw .invalid("kind \(object["kind"]?.compactJSON ?? "null"): expected \(kind)")
        }
        let name = object["metadata"]?["name"]?.stringValue ?? object["metadata"]?["generateName"]?.stringValue ?? kind
        let text = object.compactJSON
        let stored = try await store.storedTemplates(namespace)
        let report = Linter.lint([LintSource(file: name, text: text)], stored: stored, kinds: [kind])
        let findings = report.findings
        if !findings.isEmpty { throw .invalid(findings.map(\.message).joined(separator: "\n")) }
        guard let manifest = ManifestLoader.load(text, file: name).documents.first?.manifest,
            let typed = typedValue(manifest)
        else { return object }
        do {
            return object.retypingScalars(like: try JSONValue(encoding: typed))
        } catch {
            return object
        }
    }

    static func typedValue(_ manifest: ArgoManifest) -> (any Encodable)? {
        switch manifest {
        case .workflow(let w): w
        case .workflowTemplate(let t): t
        case .clusterWorkflowTemplate(let t): t
        case .cronWorkflow(let c): c
        default: nil
        }
    }
}
