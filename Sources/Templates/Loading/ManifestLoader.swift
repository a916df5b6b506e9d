/// Manifest files in: text → every document, decoded by its `kind` with Kubernetes' rules, with its YAML tree
/// (for locations) and everything wrong with it as `Diagnostic`s (`FILE:LINE:COL: path: message`).
///
/// `lint`, `submit` and `create` all read files through here. JSON files (`.json`, or JSON on stdin) need no
/// special path: JSON is YAML flow syntax, and libyaml reads it as such.
public enum ManifestLoader {
    /// Loads every document of one file. Never throws: a YAML syntax error is the file's `syntaxError`.
    public static func load(_ text: String, file: String) -> ManifestFile {
        let nodes: [YAMLNode]
        do {
            nodes = try YAML.load(text, file: file)
        } catch {
            return ManifestFile(file: file, documents: [], syntaxError: error)
        }
        var documents: [LoadedManifest] = []
        for node in nodes where !isEmptyDocument(node) {
            documents.append(decode(node, index: documents.count, file: file))
        }
        return ManifestFile(file: file, documents: documents, syntaxError: nil)
    }

    /// The manifests of one file, or every problem in it: syntax errors, decode errors and, when `strict`,
    /// unknown fields. For `submit`, which refuses a file with anything wrong in it.
    public static func manifests(_ text: String, file: String, strict: Bool = true) throws(Diagnostics)
        -> [ArgoManifest]
    {
        let loaded = load(text, file: file)
        let problems = loaded.problems(strict: strict)
        if !problems.isEmpty { throw Diagnostics(problems) }
        return loaded.documents.compactMap(\.manifest)
    }

    /// Decodes one document by its `kind`.
    public static func decode(_ node: YAMLNode, index: Int, file: String?) -> LoadedManifest {
        var doc = LoadedManifest(index: index, node: node)
        guard node.pairs != nil else {
            doc.errors = [Diagnostic(
                "a manifest must be a mapping (apiVersion, kind, metadata, ...), found \(node.kindDescription)",
                at: node.location)]
            return doc
        }
        let decoder = YAMLDecoder(file: file)
        func typed<T: Decodable>(_ type: T.Type, _ wrap: (T) -> ArgoManifest) throws(Diagnostics)
            -> (ArgoManifest, [Diagnostic])
        {
            let r = try decoder.decode(T.self, from: node)
            return (wrap(r.value), r.unknownFields)
        }
        do throws(Diagnostics) {
            switch doc.kind ?? "" {
            case "Workflow": (doc.manifest, doc.unknownFields) = try typed(Workflow.self, ArgoManifest.workflow)
            case "WorkflowTemplate":
                (doc.manifest, doc.unknownFields) = try typed(WorkflowTemplate.self, ArgoManifest.workflowTemplate)
            case "ClusterWorkflowTemplate":
                (doc.manifest, doc.unknownFields) =
                    try typed(ClusterWorkflowTemplate.self, ArgoManifest.clusterWorkflowTemplate)
            case "CronWorkflow":
                (doc.manifest, doc.unknownFields) = try typed(CronWorkflow.self, ArgoManifest.cronWorkflow)
            case "WorkflowTaskResult":
                (doc.manifest, doc.unknownFields) = try typed(WorkflowTaskResult.self, ArgoManifest.workflowTaskResult)
            case "WorkflowEventBinding":
                (doc.manifest, doc.unknownFields) =
                    try typed(WorkflowEventBinding.self, ArgoManifest.workflowEventBinding)
            default:
                do throws(Diagnostic) {
                    doc.manifest = .other(kind: doc.kind ?? "", try node.toJSONValue())
                } catch {
                    throw Diagnostics([error])
                }
            }
        } catch {
            doc.errors = error.items
        }
        return doc
    }

    /// A document with nothing in it (`---` followed by nothing or only comments), which every reader skips.
    private static func isEmptyDocument(_ node: YAMLNode) -> Bool {
        node.tag == nil && node.scalar?.isPlainNull == true
    }
}

/// One file, loaded.
public struct ManifestFile: Sendable {
    public var file: String
    /// The non-empty documents, in order.
    public var documents: [LoadedManifest]
    /// Set when the file is not valid YAML; there are no documents then.
    public var syntaxError: Diagnostic?

    /// Everything wrong with the file, in order: the syntax error, then per document its decode errors and
    /// (when `strict`) its unknown fields.
    public func problems(strict: Bool) -> [Diagnostic] {
        var out: [Diagnostic] = syntaxError.map { [$0] } ?? []
        for d in documents {
            out += d.errors
            if strict { out += d.unknownFields }
        }
        return out
    }
}

/// One document of a file: its YAML tree, what it decoded to, and what was wrong with it.
public struct LoadedManifest: Sendable {
    /// Position among the file's non-empty documents (0-based), as `argo lint` counts `object #N`.
    public var index: Int
    /// The document as YAML, with the location of every node.
    public var node: YAMLNode
    /// The decoded document; nil when `errors` is not empty.
    public var manifest: ArgoManifest?
    /// Keys no field of the target type reads (`unknown field "spec.entrypoints"`), in source order.
    public var unknownFields: [Diagnostic] = []
    /// Why the document could not be decoded (a value of the wrong type, a duplicate key, not a mapping).
    public var errors: [Diagnostic] = []

    public init(index: Int, node: YAMLNode) {
        self.index = index
        self.node = node
    }

    /// The document's `kind` as written, nil when it has none.
    public var kind: String? { node["kind"]?.scalar?.text }

    /// `metadata.name`, else `metadata.generateName`, as written (empty when neither is there).
    public var objectName: String {
        let name = node["metadata"]?["name"]?.scalar?.text ?? ""
        return name.isEmpty ? node["metadata"]?["generateName"]?.scalar?.text ?? "" : name
    }
}
