/// `{{...}}` references and whether the validator's scope resolves them: Argo's `resolveAllVariables`.

/// The tags of `{{...}}` references in `s`, as fasttemplate finds them: text between `{{` and the next `}}`,
/// untrimmed. Expression tags (`{{=...}}`) are included; callers skip them.
func templateTags(in s: String) -> [Substring] {
    let utf8 = s.utf8
    var tags: [Substring] = []
    var i = utf8.startIndex
    var openAt: String.Index? = nil
    var prevBrace: (open: Bool, index: String.Index)? = nil
    while i < utf8.endIndex {
        let b = utf8[i]
        if openAt == nil {
            if b == UInt8(ascii: "{"), let p = prevBrace, p.open { openAt = utf8.index(after: i); prevBrace = nil }
            else { prevBrace = b == UInt8(ascii: "{") ? (true, i) : nil }
        } else {
            if b == UInt8(ascii: "}"), let p = prevBrace, !p.open, let start = openAt {
                tags.append(s[start..<p.index])
                openAt = nil
                prevBrace = nil
            } else {
                prevBrace = b == UInt8(ascii: "}") ? (false, i) : nil
            }
        }
        i = utf8.index(after: i)
    }
    return tags
}

/// The roots that make a tag a workflow variable Argo checks; other tags (`{{retries}}`, `{{lastRetry.exitCode}}`)
/// are left alone. Argo's `common.GlobalVarValidWorkflowVariablePrefix`.
private let checkedPrefixes = ["item", "steps.", "inputs.", "outputs.", "pod.", "workflow.", "tasks."]

/// Tags resolved at run time whatever the scope holds (Argo's list in `resolveAllVariables`).
private let runtimePrefixes = [
    "outputs.", "workflow.creationTimestamp", "workflow.scheduledTime", "workflow.duration",
    "tasks.name", "steps.name", "node.name",
]

/// The names a template may reference at one point of validation.
struct VariableScope {
    var names: Set<String> = []

    static let anyItem = "item.*"
    static let anyWorkflowOutputParameter = "workflow.outputs.parameters.*"
    static let anyWorkflowOutputArtifact = "workflow.outputs.artifacts.*"

    mutating func insert(_ name: String) { names.insert(name) }
    func contains(_ name: String) -> Bool { names.contains(name) }
    mutating func formUnion(_ other: Set<String>) { names.formUnion(other) }
}

extension VariableScope {
    /// Checks every string in `value` (found at `path` in `object`): each workflow-variable reference must be in
    /// this scope or in `globals`. Throws Argo's `failed to resolve {{tag}}` pointing at the string.
    func resolveAll(
        in value: JSONValue, globals: Set<String>, workflowTemplateValidation: Bool, at ref: NodeRef
    ) throws(ValidationFailure) {
        let allowItems = contains(Self.anyItem)
        let allowOutParams = contains(Self.anyWorkflowOutputParameter)
        let allowOutArts = contains(Self.anyWorkflowOutputArtifact)

        func check(_ s: String, _ path: FieldPath) throws(ValidationFailure) {
            if let problem = TemplateSegment.unterminatedTag(in: s) {
                throw ValidationFailure(problem, at: NodeRef(object: ref.object, path: path))
            }
            for rawTag in templateTags(in: s) {
                if rawTag.hasPrefix("=") { continue }  // expression templates are not validated
                let tag = String(rawTag).trimmingSpaces
                guard checkedPrefixes.contains(where: { tag.hasPrefix($0) }) else { continue }
                if contains(tag) || globals.contains(tag) { continue }
                if (tag == "item" || tag.hasPrefix("item.")) && allowItems { continue }
                if tag.hasPrefix("workflow.outputs.parameters.") && allowOutParams { continue }
                if tag.hasPrefix("workflow.outputs.artifacts.") && allowOutArts { continue }
                if runtimePrefixes.contains(where: { tag.hasPrefix($0) }) { continue }
                if tag.hasPrefix("workflow.parameters") && workflowTemplateValidation { continue }
                throw ValidationFailure("failed to resolve {{\(rawTag)}}", at: NodeRef(object: ref.object, path: path))
            }
        }

        func walk(_ v: JSONValue, _ path: FieldPath, depth: Int) throws(ValidationFailure) {
            guard depth < 200 else { return }
            switch v {
            case .string(let s): try check(s, path)
            case .array(let a):
                for (i, e) in a.enumerated() { try walk(e, path / i, depth: depth + 1) }
            case .object(let o):
                for (k, e) in o { try walk(e, path / k, depth: depth + 1) }
            default: break
            }
        }
        try walk(value, ref.path, depth: 0)
    }
}

/// A whole-string parameter reference such as `{{inputs.parameters.x}}` (Argo's `isParameter`/`paramRegex`,
/// which matches such a reference anywhere in the string).
func isParameterReference(_ s: String) -> Bool {
    for tag in templateTags(in: s) {
        guard !tag.isEmpty else { continue }
        let parts = tag.split(separator: ".", omittingEmptySubsequences: false)
        func ok(_ p: Substring, underscore: Bool) -> Bool {
            !p.isEmpty && p.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || (underscore && $0 == "_")) }
        }
        if ok(parts[0], underscore: false) && parts.dropFirst().allSatisfy({ ok($0, underscore: true) }) { return true }
    }
    return false
}
