import Controller
import Foundation
import Templates

/// Reading manifests for the commands that take files: their text, lint findings, and the documents as JSON objects.
enum Manifests {
    /// Lint errors for one file's text, as `FILE:LINE:COL: FIELD: in "NAME" (Kind): message` (empty when valid).
    /// `stored`: the templates in the cluster, which the file's `templateRef`s may name.
    static func lint(text: String, file: String, stored: StoredTemplates = StoredTemplates()) -> [String] {
        Linter.lint([LintSource(file: file, text: text)], stored: stored).findings.map(\.diagnostic.description)
    }

    /// The YAML (or JSON) documents of one file, as JSON objects.
    static func documents(text: String, file: String) throws(CLIError) -> [JSONValue] {
        do {
            return try YAML.load(text, file: file).map { (node) throws(Diagnostic) -> JSONValue in try node.toJSONValue() }
                .filter { !$0.isNull }
        } catch {
            throw CLIError(error.description)
        }
    }

    /// The file's documents of `kind` (Workflow, WorkflowTemplate, ...) as JSON (in the file's key order), with
    /// scalar types from the typed model: a YAML scalar in a string field becomes its text, as `argo submit`
    /// decodes it (`command: [true]` runs `true`; it is not stored as a boolean the controller cannot read back).
    /// Call after lint: a document that does not decode is left out.
    static func objects(ofKind kind: String, text: String, file: String) throws(CLIError) -> [JSONValue] {
        var out: [JSONValue] = []
        for document in ManifestLoader.load(text, file: file).documents {
            guard let manifest = document.manifest, manifest.kind == kind, let typed = typed(manifest) else { continue }
            do {
                out.append(try document.node.toJSONValue().retypingScalars(like: try JSONValue(encoding: typed)))
            } catch {
                throw CLIError("\(file): cannot encode \(kind) \(document.objectName): \(error)")
            }
        }
        return out
    }

    static func workflows(text: String, file: String) throws(CLIError) -> [JSONValue] {
        try objects(ofKind: "Workflow", text: text, file: file)
    }

    /// The typed value of an Argo manifest (Workflow, WorkflowTemplate, ClusterWorkflowTemplate, CronWorkflow).
    static func typed(_ manifest: ArgoManifest) -> (any Encodable)? {
        switch manifest {
        case .workflow(let w): return w
        case .workflowTemplate(let t): return t
        case .clusterWorkflowTemplate(let t): return t
        case .cronWorkflow(let c): return c
        default: return nil
        }
    }

    /// A file's text; `-` reads standard input. A file that is missing, a directory, unreadable or not UTF-8 is
    /// refused with its name and the reason (`ManifestFile`); every command that reads manifests reads them here.
    static func read(_ path: String) throws(CLIError) -> String {
        try ManifestFile.read(path)
    }
}

extension StoredTemplates {
    /// The templates in the store that `templateRef`s may name: WorkflowTemplates of `namespace` (of every namespace
    /// with `allNamespaces`, for lint, whose objects may name their own), and every ClusterWorkflowTemplate.
    static func read(from cluster: any Cluster, namespace: String, allNamespaces: Bool = false) async throws(ClusterError)
        -> StoredTemplates
    {
        StoredTemplates(
            namespace: namespace,
            workflowTemplates: try await cluster.list(.workflowTemplate, namespace: allNamespaces ? nil : namespace, labelSelector: nil).items,
            clusterWorkflowTemplates: try await cluster.list(.clusterWorkflowTemplate, namespace: nil, labelSelector: nil).items)
    }
}
