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
    public static func lint(
        _ sources: [LintSource], strict: Bool = true, missingTemplates: MissingTemplatePolicy = .error
    ) -> LintReport {
        var registry = TemplateRegistry()
        registry.missingTemplates = missingTemplates
        var files: [LintReport.File] = []
        var pending: [(fileIndex: Int, object: LintObject, decodeErrors: [LintFinding])] = []
        var locators: [Int: DocumentLocator] = [:]

        for source in sources {
            var result = LintReport.File(file: source.file)
            let loaded = loadLintDocuments(text: source.text, file: source.file)
            for problem in loaded.problems {
                result.linted = true
                result.findings.append(problem)
            }
            for (position, doc) in loaded.documents.enumerated() {
                guard let kind = doc.value.str("kind").isEmpty ? nil : LintObject.Kind(rawValue: doc.value.str("kind")),
                      doc.value.str("apiVersion").hasPrefix("argoproj.io/")
                else { continue }  // other kinds are ignored, as argo lint ignores them
                let object = LintObject(id: registry.objects.count, kind: kind, value: doc.value, indexInFile: position)
                registry.add(object)
                locators[object.id] = doc.locator
                result.linted = true
                let decodeErrors = strict ? doc.strictErrors(for: kind).map {
                    LintFinding(file: source.file, object: object.displayName, message: $0.message,
                                path: $0.path.description, location: $0.location)
                } : []
                pending.append((files.count, object, decodeErrors))
            }
            files.append(result)
        }

        for (fileIndex, object, decodeErrors) in pending {
            if !decodeErrors.isEmpty {
                files[fileIndex].findings += decodeErrors
                continue
            }
            do {
                try object.validate(in: registry)
            } catch {
                var finding = LintFinding(file: files[fileIndex].file, object: object.displayName, message: error.message)
                if let at = error.at {
                    finding.path = at.path.description
                    finding.location = locators[at.object]?.location(of: at.path)
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
}

/// What lint does with a `templateRef`/`workflowTemplateRef` naming a (Cluster)WorkflowTemplate that none of the
/// linted files defines.
public enum MissingTemplatePolicy: Sendable {
    /// Report it, worded as `argo lint --offline` words it (`couldn't find workflow template "x" in namespace ""`).
    case error
    /// Assume it exists elsewhere (in the cluster) and skip what calls it, as Argo skips a parameterised ref.
    case skip
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
