/// Name rules Argo applies to templates, steps, tasks, parameters and artifacts (`validateWorkflowFieldNames`),
/// and its checks of `arguments` (`validateArguments`).

private let workflowFieldNameMessage =
    "name must consist of alpha-numeric characters or '-', and must start with an alpha-numeric character (e.g. My-name1-2, 123-NAME)"
private let paramOrArtifactNameMessage =
    "Parameter/Artifact name must consist of alpha-numeric characters, '_' or '-' e.g. my_param_1, MY-PARAM-1"

private func isAlnum(_ c: Character) -> Bool { c.isASCII && (c.isLetter || c.isNumber) }

/// Template, step and task names: `[a-zA-Z0-9][-a-zA-Z0-9]*`, at most 128 characters.
func workflowFieldNameErrors(_ name: String) -> [String] {
    var errs: [String] = []
    if name.utf8.count > 128 { errs.append("must be no more than 128 characters") }
    let valid = name.first.map(isAlnum) == true && name.allSatisfy { isAlnum($0) || $0 == "-" }
    if !valid { errs.append(workflowFieldNameMessage) }
    return errs
}

/// Parameter and artifact names: `[-a-zA-Z0-9_]+`.
func paramOrArtifactNameErrors(_ name: String) -> [String] {
    let valid = !name.isEmpty && name.allSatisfy { isAlnum($0) || $0 == "-" || $0 == "_" }
    return valid ? [] : [paramOrArtifactNameMessage]
}

enum NamedListKind { case workflowField, parameterOrArtifact }

/// Names in a list must be present, valid and unique. The message starts at the index (`[1].name ...`): callers
/// prefix it with the list's field (`spec.templates`). `path` is the list's path.
func validateFieldNames(
    _ items: [JSONValue], kind: NamedListKind, at ref: NodeRef
) throws(ValidationFailure) {
    var seen: Set<String> = []
    for (i, item) in items.enumerated() {
        let name = item.str("name")
        let here = NodeRef(object: ref.object, path: ref.path / i / "name")
        if name.isEmpty {
            throw ValidationFailure("[\(i)].name is required", at: NodeRef(object: ref.object, path: ref.path / i))
        }
        let errs = kind == .workflowField ? workflowFieldNameErrors(name) : paramOrArtifactNameErrors(name)
        if !errs.isEmpty {
            throw ValidationFailure("[\(i)].name: '\(name)' is invalid: \(errs.joined(separator: ";"))", at: here)
        }
        if !seen.insert(name).inserted {
            throw ValidationFailure("[\(i)].name '\(name)' is not unique", at: here)
        }
    }
}

/// Concatenates `prefix` and a `validateFieldNames` message with no space, as Argo's `"%s%s"` does.
func joined(_ prefix: String, _ f: ValidationFailure) -> ValidationFailure {
    ValidationFailure(prefix + f.message, at: f.at)
}

/// Argo's `validateArguments(prefix, arguments, allowEmptyValues)`; `arguments` is at `ref`.
func validateArguments(
    prefix: String, _ arguments: JSONValue?, allowEmptyValues: Bool, at ref: NodeRef
) throws(ValidationFailure) {
    let args = arguments ?? .null
    let params = args.list("parameters"), arts = args.list("artifacts")
    do {
        try validateFieldNames(params, kind: .parameterOrArtifact, at: NodeRef(object: ref.object, path: ref.path / "parameters"))
    } catch { throw joined(prefix + "parameters", error) }
    do {
        try validateFieldNames(arts, kind: .parameterOrArtifact, at: NodeRef(object: ref.object, path: ref.path / "artifacts"))
    } catch { throw joined(prefix + "artifacts", error) }

    for (i, p) in params.enumerated() {
        let name = p.str("name")
        let here = NodeRef(object: ref.object, path: ref.path / "parameters" / i)
        let valueFrom = p.field("valueFrom")
        // A value is substituted into the templates that use it, and the result is read for tags again (Argo's
        // global, then local, replacement): an unterminated `{{` in it ends the run in Error.
        if let problem = TemplateSegment.unterminatedTag(in: p.str("value")) {
            throw ValidationFailure("\(prefix)\(name).value: \(problem)", at: NodeRef(object: ref.object, path: here.path / "value"))
        }
        if valueFrom == nil && !p.has("value") && !allowEmptyValues {
            throw ValidationFailure("\(prefix)\(name).value or \(prefix)\(name).valueFrom is required", at: here)
        }
        if let vf = valueFrom {
            let onlyAllowed = "\(prefix)\(name).valueFrom only allows: default, configMapKeyRef and supplied"
            if !vf.has("configMapKeyRef") && vf.str("event").isEmpty && !vf.has("supplied") {
                throw ValidationFailure(onlyAllowed, at: NodeRef(object: ref.object, path: here.path / "valueFrom"))
            }
            if ["path", "jsonPath", "parameter", "expression"].contains(where: { !vf.str($0).isEmpty }) {
                throw ValidationFailure(onlyAllowed, at: NodeRef(object: ref.object, path: here.path / "valueFrom"))
            }
        }
        if let e = p.field("enum") {
            let values = e.arrayValue ?? []
            if values.isEmpty {
                throw ValidationFailure("\(prefix)\(name).enum should contain at least one value", at: NodeRef(object: ref.object, path: here.path / "enum"))
            }
            guard let value = p.field("value") else {
                if allowEmptyValues { return }
                throw ValidationFailure("\(prefix)\(name).value is required", at: here)
            }
            if !values.contains(where: { $0.argoString == value.argoString }) {
                throw ValidationFailure("\(prefix)\(name).value should be present in \(prefix)\(name).enum list", at: NodeRef(object: ref.object, path: here.path / "value"))
            }
        }
    }
    for (i, a) in arts.enumerated() {
        let name = a.str("name")
        let here = NodeRef(object: ref.object, path: ref.path / "artifacts" / i)
        if a.str("from").isEmpty && !artifactHasLocationOrKey(a) {
            throw ValidationFailure("\(prefix)\(name).from, artifact location, or key is required", at: here)
        }
        if !a.str("from").isEmpty && !a.str("fromExpression").isEmpty {
            throw ValidationFailure("\(prefix)\(name) shouldn't have both `from` and `fromExpression` in Artifact", at: here)
        }
    }
}

private let artifactLocationKeys = ["s3", "git", "http", "artifactory", "hdfs", "raw", "oss", "gcs", "azure"]

/// Argo's `Artifact.HasLocationOrKey`: a location of any kind, or a key into the artifact repository.
func artifactHasLocationOrKey(_ a: JSONValue) -> Bool {
    if artifactLocationKeys.contains(where: { a.has($0) }) { return true }
    if !a.str("fromExpression").isEmpty { return true }
    return false
}
