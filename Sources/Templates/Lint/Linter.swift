/// `argo lint` without a server: load every document of every file, keep the Argo kinds, decode them strictly
/// (unknown fields are errors), then validate each object the way Argo's lint endpoints do, resolving
/// `templateRef`/`workflowTemplateRef` against the (Cluster)WorkflowTemplates of all the files of the run, as
/// `argo lint --offline` does.
public enum Linter {
    /// The findings for one file (its templates may only reference templates in the same file).
    public static func lint(text: String, file: String, strict: Bool = true) -> [LintFinding] {
        lint([LintSource(file: file, text: text)], strict: strict).findings
    }

    /// Lints several files together, as `argo lint FILE...` does.
    /// `kinds`: only documents of these kinds are linted (`argo template lint` lints only WorkflowTemplates).
    /// `stored`: (Cluster)WorkflowTemplates already in the cluster, which `templateRef`s may name as well (as the
    /// server-side validation of `argo submit` and `argo template create` finds them); the files' own come first.
    public static func lint(
        _ sources: [LintSource], strict: Bool = true, missingTemplates: MissingTemplatePolicy = .error,
        stored: StoredTemplates = StoredTemplates(), kinds: Set<String>? = nil
    ) -> LintReport {
        var registry = TemplateRegistry()
        registry.missingTemplates = missingTemplates
        var files: [LintReport.File] = []
        var pending: [(fileIndex: Int, object: LintObject)] = []
        var documents: [Int: YAMLNode] = [:]

        for source in sources {
            var result = LintReport.File(file: source.file)
            let loaded = ManifestLoader.load(source.text, file: source.file)
            if let e = loaded.syntaxError {
                result.linted = true
                // sigs.k8s.io/yaml's words around go-yaml's (`yaml: line N: ...`), so `-o simple` has the line too
                let line = e.location.map { "line \($0.line): " } ?? ""
                result.findings.append(LintFinding(
                    file: source.file, object: "\"\(source.file)\" (YAML)",
                    message: "error converting YAML to JSON: yaml: \(line)\(e.message)", location: e.location))
            }
            for doc in loaded.documents {
                // other kinds are ignored, as argo lint ignores them (WorkflowEventBinding included)
                guard let kind = doc.kind.flatMap(LintObject.Kind.init(rawValue:)) else { continue }
                guard kinds?.contains(kind.rawValue) ?? true else {
                    // not linted (`--kinds`), but its templates may still be named, as argo's offline lint
                    // resolves refs against every file given
                    if kind != .workflow, kind != .cronWorkflow, doc.errors.isEmpty, let value = try? doc.node.toJSONValue() {
                        registry.add(LintObject(id: registry.objects.count, kind: kind, value: value, indexInFile: doc.index))
                    }
                    continue
                }
                result.linted = true
                if let finding = decodingFinding(doc, kind: kind, file: source.file, strict: strict) {
                    result.findings.append(finding)
                    continue  // argo lints an object only when it decodes
                }
                guard let value = try? doc.node.toJSONValue() else { continue }
                let object = LintObject(id: registry.objects.count, kind: kind, value: value, indexInFile: doc.index)
                registry.add(object)
                documents[object.id] = doc.node
                pending.append((files.count, object))
            }
            files.append(result)
        }

        for value in stored.workflowTemplates + stored.clusterWorkflowTemplates {
            guard let kind = ArgoManifest.kind(of: value).flatMap(LintObject.Kind.init(rawValue:)) else { continue }
            registry.add(LintObject(id: registry.objects.count, kind: kind, value: value, indexInFile: 0))
            // A file's object without a namespace goes to the namespace the command writes to.
            if kind == .workflowTemplate, value["metadata"]?["namespace"]?.stringValue == stored.namespace {
                var unqualified = value
                unqualified["metadata"]?["namespace"] = .string("")
                registry.add(LintObject(id: registry.objects.count, kind: kind, value: unqualified, indexInFile: 0))
            }
        }

        for (fileIndex, object) in pending {
            do {
                try object.validate(in: registry)
            } catch {
                var finding = LintFinding(file: files[fileIndex].file, object: object.displayName, message: error.message)
                if let at = error.at {
                    finding.path = at.path.description
                    finding.location = documents[at.object]?.location(of: at.path)
                    if at.object != object.id, let other = registry.object(at.object) {
                        // the failure is inside a template of another object (reached through a templateRef)
                        finding.path = "\(other.displayName) \(finding.path)"
                    }
                }
                files[fileIndex].findings.append(finding)
            }
        }
        return LintReport(files: files)
    }

    /// Why a document cannot be linted: it does not decode (a value of the wrong type: Go's decoder stops at the
    /// first), or, when `strict`, it has unknown fields, all of them in one error as Kubernetes' strict decoding
    /// words it: `strict decoding error: unknown field "spec.a", unknown field "spec.b"`.
    private static func decodingFinding(_ doc: LoadedManifest, kind: LintObject.Kind, file: String, strict: Bool)
        -> LintFinding?
    {
        let object = lintObjectName(kind: kind, name: doc.objectName, index: doc.index)
        if let e = doc.errors.first {
            return LintFinding(file: file, object: object, message: e.message, path: e.path ?? "", location: e.location)
        }
        guard strict, let first = doc.unknownFields.first else { return nil }
        let message = "strict decoding error: " + doc.unknownFields.map(\.message).joined(separator: ", ")
        return LintFinding(file: file, object: object, message: message, path: first.path ?? "",
                           location: first.location, related: Array(doc.unknownFields.dropFirst()))
    }
}

/// What lint does with a `templateRef`/`workflowTemplateRef` naming a (Cluster)WorkflowTemplate that none of the
/// linted files defines.
public enum MissingTemplatePolicy: Sendable {
    /// Report it, worded as `argo lint --offline` words it (`couldn't find workflow template "x" in namespace ""`).
    case error
    /// Assume it exists elsewhere (in the cluster) and skip what calls it, as Argo skips a parameterised ref.
    case skip
}

/// Templates stored in the cluster, for linting what refers to them. `namespace`: where the command writes (a
/// file's object that names no namespace finds that namespace's WorkflowTemplates).
public struct StoredTemplates: Sendable {
    public var namespace: String
    public var workflowTemplates: [JSONValue]
    public var clusterWorkflowTemplates: [JSONValue]
    public init(namespace: String = "", workflowTemplates: [JSONValue] = [], clusterWorkflowTemplates: [JSONValue] = []) {
        self.namespace = namespace
        self.workflowTemplates = workflowTemplates
        self.clusterWorkflowTemplates = clusterWorkflowTemplates
    }
}

/// One file's text and the name to report it under.
public struct LintSource: Sendable {
    public var file: String
    public var text: String
    public init(file: String, text: String) {
        self.file = file
        self.text = text
    }
}

/// The outcome of one lint run: per file, whether it held anything to lint, and what was found.
public struct LintReport: Sendable {
    public struct File: Sendable {
        public var file: String
        /// False when the file held no Argo object (argo lint then skips it).
        public var linted: Bool = false
        public var findings: [LintFinding] = []
        public init(file: String) { self.file = file }
    }

    public var files: [File]
    public var findings: [LintFinding] { files.flatMap(\.findings) }
    public var anythingLinted: Bool { files.contains { $0.linted } }
    /// argo lint succeeds when something was linted and nothing was found.
    public var success: Bool { anythingLinted && findings.isEmpty }
}
