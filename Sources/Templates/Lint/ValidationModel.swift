/// Internal vocabulary of the validator: which loaded object and field a failure points at, the failure itself
/// (Argo's message, wrapped with prefixes the way Argo's `errors.Errorf("templates.%s %s", ...)` wraps it), and
/// small read helpers over the JSON tree of a manifest.

/// A field in one of the objects being linted (objects are numbered across all files of one lint run).
struct NodeRef: Hashable, Sendable {
    var object: Int
    var path: FieldPath
}

/// A validation error: Argo's message, and the most specific field it is about.
struct ValidationFailure: Error, Sendable {
    var message: String
    var at: NodeRef?

    init(_ message: String, at: NodeRef? = nil) {
        self.message = message
        self.at = at
    }

    /// `prefix + " " + message`, as Argo's wrapping `Errorf("%s %s", prefix, err)` renders it.
    func prefixed(_ prefix: String) -> ValidationFailure {
        ValidationFailure(prefix + " " + message, at: at)
    }
}

/// Runs `body`, prefixing any failure it throws.
@inline(__always)
func wrapping<T>(_ prefix: String, _ body: () throws(ValidationFailure) -> T) throws(ValidationFailure) -> T {
    do { return try body() } catch { throw error.prefixed(prefix) }
}

/// One Argo object loaded for linting.
struct LintObject: Sendable {
    enum Kind: String, Sendable {
        case workflow = "Workflow"
        case workflowTemplate = "WorkflowTemplate"
        case clusterWorkflowTemplate = "ClusterWorkflowTemplate"
        case cronWorkflow = "CronWorkflow"
    }

    var id: Int
    var kind: Kind
    var value: JSONValue
    /// Position of the object within its file (0-based), for argo's `object #N` fallback name.
    var indexInFile: Int

    var metadata: JSONValue { value["metadata"] ?? .null }
    var name: String { metadata.str("name") }
    var namespace: String { metadata.str("namespace") }

    /// How argo lint names the object: `"name" (Kind)`, else generateName, else `object #N`.
    var displayName: String {
        lintObjectName(kind: kind, name: name.isEmpty ? metadata.str("generateName") : name, index: indexInFile)
    }

    /// Where the WorkflowSpec lives inside the object.
    var specPath: FieldPath {
        kind == .cronWorkflow ? FieldPath([.key("spec"), .key("workflowSpec")]) : FieldPath([.key("spec")])
    }

    var spec: JSONValue { value.at(specPath) ?? .null }
}

/// `"name" (Kind)`, or `"object #N" (Kind)` for an object with neither name nor generateName (N counts from 1).
func lintObjectName(kind: LintObject.Kind, name: String, index: Int) -> String {
    "\"\(name.isEmpty ? "object #\(index + 1)" : name)\" (\(kind.rawValue))"
}

extension JSONValue {
    /// The value at `key` as Argo reads a string field: strings as they are, numbers and booleans as their text,
    /// missing or null as "".
    func str(_ key: String) -> String {
        guard let v = self[key] else { return "" }
        switch v {
        case .null, .array, .object: return ""
        default: return v.argoString
        }
    }

    /// True when `key` is present and not null (Go's non-nil pointer / slice after decoding).
    func has(_ key: String) -> Bool {
        guard let v = self[key] else { return false }
        return !v.isNull
    }

    /// The list at `key`, or [] when it is missing or not a list.
    func list(_ key: String) -> [JSONValue] { self[key]?.arrayValue ?? [] }

    /// The non-null value at `key`.
    func field(_ key: String) -> JSONValue? {
        guard let v = self[key], !v.isNull else { return nil }
        return v
    }

    func at(_ path: FieldPath) -> JSONValue? {
        var cur: JSONValue = self
        for c in path.components {
            switch c {
            case .key(let k): guard let n = cur[k] else { return nil }; cur = n
            case .index(let i): guard let n = cur[i] else { return nil }; cur = n
            }
        }
        return cur
    }
}
