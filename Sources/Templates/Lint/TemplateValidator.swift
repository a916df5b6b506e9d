/// Validation of one template and of what calls it: Argo's `validateTemplateHolder`, `validateTemplate`,
/// `validateTemplateType`, `validateInputs` and the input checks of `common.ProcessArgs`.

/// Where a called template's input values come from (Argo's `ArgumentsProvider`).
enum ArgumentSource {
    /// Any parameter or artifact is supplied (Argo's `FakeArguments`).
    case fake
    /// The `arguments` of the caller (may be nil: nothing supplied).
    case given(JSONValue?)

    func parameter(named name: String) -> (value: JSONValue?, valueFrom: JSONValue?)? {
        switch self {
        case .fake: return (.string("placeholder"), nil)
        case .given(let args):
            guard let p = args?.list("parameters").first(where: { $0.str("name") == name }) else { return nil }
            return (p.field("value"), p.field("valueFrom"))
        }
    }

    func hasArtifact(named name: String) -> Bool {
        switch self {
        case .fake: return true
        case .given(let args): return args?.list("artifacts").contains { $0.str("name") == name } ?? false
        }
    }
}

/// The template kinds, in Argo's order and spelling (`TemplateType`).
let templateTypeKeys: [(key: String, type: String)] = [
    ("container", "Container"), ("containerSet", "ContainerSet"), ("steps", "Steps"), ("script", "Script"),
    ("resource", "Resource"), ("dag", "DAG"), ("suspend", "Suspend"), ("data", "Data"), ("http", "HTTP"),
    ("plugin", "Plugin"),
]

extension JSONValue {
    /// Argo's `Template.GetType()`.
    var templateType: String { templateTypeKeys.first { has($0.key) }?.type ?? "" }
    var isLeafTemplate: Bool {
        ["container", "containerSet", "script", "resource", "data", "http", "plugin"].contains { has($0) }
    }
    var isPodTemplate: Bool { ["container", "containerSet", "script", "resource", "data"].contains { has($0) } }
    /// Argo's `HasOutput`: templates that produce `outputs.result` / `exitCode`.
    var hasResultOutput: Bool {
        if ["container", "script", "data", "http", "plugin"].contains(where: { has($0) }) { return true }
        return field("containerSet")?.list("containers").contains { $0.str("name") == "main" } ?? false
    }
}

private let typeChoices =
    "choose one of: container, containerSet, steps, script, resource, dag, suspend, template, template ref"

extension WorkflowValidator {
    /// Argo's `validateTemplateHolder`: find the template a step/task/entrypoint names, then validate it.
    @discardableResult
    func validateTemplateHolder(
        _ holder: TemplateHolder, base: TemplateBase, args: ArgumentSource
    ) throws(ValidationFailure) -> ResolvedTemplate? {
        let resolved: ResolvedTemplate
        if let ref = holder.templateRef {
            let at = holder.templateRefRef
            if !holder.template.isEmpty {
                throw ValidationFailure("template name cannot be specified with templateRef.", at: at)
            }
            let refName = ref.str("name"), refTemplate = ref.str("template")
            if refName.isEmpty { throw ValidationFailure("resource name is required", at: at) }
            if refTemplate.isEmpty { throw ValidationFailure("template name is required", at: at) }
            if refName.contains("{{") || refTemplate.contains("{{") { return nil }  // resolved at run time
            let target: LintObject
            do {
                target = ref["clusterScope"]?.boolValue == true
                    ? try registry.clusterWorkflowTemplate(named: refName)
                    : try registry.workflowTemplate(named: refName, namespace: base.object.namespace)
            } catch {
                if registry.missingTemplates == .skip { return nil }
                throw ValidationFailure(error.message, at: at)
            }
            guard let t = TemplateBase(object: target).template(named: refTemplate) else {
                throw ValidationFailure("template reference \(refName).\(refTemplate) not found", at: at)
            }
            resolved = t
        } else if let inline = holder.inline {
            resolved = ResolvedTemplate(
                value: inline, ref: NodeRef(object: holder.ref.object, path: holder.ref.path / "inline"), base: base)
        } else {
            guard let t = base.template(named: holder.template) else {
                if holder.template.isEmpty { throw ValidationFailure("template  not found", at: holder.ref) }
                throw ValidationFailure("template name '\(holder.template)' undefined", at: holder.nameRef)
            }
            resolved = t
        }

        if let retry = resolved.value.field("retryStrategy") {
            let policy = retry.str("retryPolicy")
            if !["", "Always", "OnError", "OnFailure", "OnTransientError"].contains(policy) {
                throw ValidationFailure("\(policy) is not a valid RetryPolicy", at: NodeRef(object: resolved.ref.object, path: resolved.ref.path / "retryStrategy" / "retryPolicy"))
            }
        }
        try validateTemplate(resolved, args: args)
        return resolved
    }

    /// Argo's `validateTemplate`.
    func validateTemplate(_ t: ResolvedTemplate, args: ArgumentSource) throws(ValidationFailure) {
        let tmpl = t.value, name = t.name
        let count = templateTypeKeys.filter { tmpl.has($0.key) }.count
        if count == 0 { throw ValidationFailure("templates.\(name) template type unspecified. \(typeChoices)", at: t.ref) }
        if count > 1 { throw ValidationFailure("templates.\(name) multiple template types specified. \(typeChoices)", at: t.ref) }

        var scope = try validateInputs(t)
        for (i, c) in tmpl.list("initContainers").enumerated() where c.str("name").isEmpty {
            throw ValidationFailure("initContainers must all have container name", at: NodeRef(object: t.ref.object, path: t.ref.path / "initContainers" / i))
        }
        if tmpl.isPodTemplate { scope.insert("pod.name") }
        if tmpl.has("retryStrategy") {
            for v in ["retries", "lastRetry.exitCode", "lastRetry.status", "lastRetry.duration", "lastRetry.message"] {
                scope.insert(v)
            }
        }
        if tmpl.isLeafTemplate {
            for a in tmpl.field("outputs")?.list("artifacts") ?? [] where !a.str("path").isEmpty {
                scope.insert("outputs.artifacts.\(a.str("name")).path")
            }
            for p in tmpl.field("outputs")?.list("parameters") ?? [] where !(p.field("valueFrom")?.str("path").isEmpty ?? true) {
                scope.insert("outputs.parameters.\(p.str("name")).path")
            }
        }
        try wrapping("templates.\(name)") { () throws(ValidationFailure) in try processArgs(t, args: args) }

        let timeout = tmpl.str("timeout")
        if !timeout.isEmpty {
            if !tmpl.isLeafTemplate {
                throw ValidationFailure("\(tmpl.templateType) template doesn't support timeout field.", at: t.path("timeout"))
            }
            if Int(timeout) != nil {
                throw ValidationFailure("\(name) has invalid duration format in timeout.", at: t.path("timeout"))
            }
        }

        let key = t.base.scopeKey + "/" + name
        if results.contains(key) { return }
        results.insert(key)

        switch tmpl.templateType {
        case "Steps": try validateSteps(t, scope: &scope)
        case "DAG": try validateDAG(t, scope: &scope)
        default: try validateLeaf(t, scope: scope)
        }
        try validateOutputs(t, scope: scope)
        try validateTemplateExtras(t)
    }

    /// Argo's `validateInputs`: input names, and the scope the inputs give the template.
    func validateInputs(_ t: ResolvedTemplate) throws(ValidationFailure) -> VariableScope {
        let name = t.name
        let inputs = t.value.field("inputs") ?? .null
        let inputsRef = t.path("inputs")
        let params = inputs.list("parameters"), arts = inputs.list("artifacts")
        do {
            try validateFieldNames(params, kind: .parameterOrArtifact, at: NodeRef(object: inputsRef.object, path: inputsRef.path / "parameters"))
        } catch { throw joined("templates.\(name).inputs.parameters", error) }
        do {
            try validateFieldNames(arts, kind: .parameterOrArtifact, at: NodeRef(object: inputsRef.object, path: inputsRef.path / "artifacts"))
        } catch { throw joined("templates.\(name).inputs.artifacts", error) }

        var scope = VariableScope()
        for p in params { scope.insert("inputs.parameters.\(p.str("name"))") }
        if !params.isEmpty { scope.insert("inputs.parameters") }
        for (i, a) in arts.enumerated() {
            let artRef = "inputs.artifacts.\(a.str("name"))"
            let here = NodeRef(object: inputsRef.object, path: inputsRef.path / "artifacts" / i)
            scope.insert(artRef)
            if t.value.isLeafTemplate {
                scope.insert(artRef + ".path")
            } else if !a.str("path").isEmpty {
                throw ValidationFailure("templates.\(name).\(artRef).path only valid in container/script templates", at: here)
            }
            if !a.str("from").isEmpty {
                throw ValidationFailure("templates.\(name).\(artRef).from not valid in inputs", at: here)
            }
            if let git = a.field("git"), git.str("repo").isEmpty {
                throw ValidationFailure("templates.\(name).\(artRef).git.repo is required", at: here)
            }
        }
        return scope
    }

    /// The input checks of Argo's `common.ProcessArgs`: every input parameter has a value (its own, a default,
    /// or the caller's argument), every input artifact without a location is supplied.
    func processArgs(_ t: ResolvedTemplate, args: ArgumentSource) throws(ValidationFailure) {
        let inputs = t.value.field("inputs") ?? .null
        for (i, p) in inputs.list("parameters").enumerated() {
            var value = p.field("value") ?? p.field("default")
            var valueFrom = p.field("valueFrom")
            if let arg = args.parameter(named: p.str("name")) {
                if let v = arg.value { value = v } else { valueFrom = arg.valueFrom }
            }
            if value == nil && valueFrom == nil {
                throw ValidationFailure(
                    "inputs.parameters.\(p.str("name")) was not supplied",
                    at: NodeRef(object: t.ref.object, path: t.ref.path / "inputs" / "parameters" / i))
            }
        }
        for (i, a) in inputs.list("artifacts").enumerated() {
            if artifactHasLocationOrKey(a) || a["optional"]?.boolValue == true { continue }
            if !args.hasArtifact(named: a.str("name")) {
                throw ValidationFailure(
                    "inputs.artifacts.\(a.str("name")) was not supplied",
                    at: NodeRef(object: t.ref.object, path: t.ref.path / "inputs" / "artifacts" / i))
            }
        }
    }
}
