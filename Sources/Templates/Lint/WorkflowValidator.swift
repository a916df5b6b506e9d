/// Argo's `ValidateWorkflow`, `ValidateWorkflowTemplate`, `ValidateClusterWorkflowTemplate` and
/// `ValidateCronWorkflow`: the first problem in an object, worded as Argo words it.
final class WorkflowValidator {
    struct Options {
        var lint = false
        var ignoreEntrypoint = false
        var workflowTemplateValidation = false
    }

    let registry: TemplateRegistry
    let options: Options
    /// Variables available everywhere (`workflow.name`, `workflow.parameters.x`, ...).
    var globals: Set<String> = ["workflow.name", "workflow.namespace", "workflow.mainEntrypoint",
                                "workflow.serviceAccountName", "workflow.uid"]
    /// Templates already validated, by resolution scope and name.
    var results: Set<String> = []

    init(registry: TemplateRegistry, options: Options) {
        self.registry = registry
        self.options = options
    }

    /// Validates `object` as a Workflow whose spec is `spec` (a CronWorkflow's `workflowSpec`, or a template's spec).
    func validateWorkflow(_ object: LintObject) throws(ValidationFailure) {
        let spec = object.spec, specRef = NodeRef(object: object.id, path: object.specPath)
        let base = TemplateBase(object: object, spec: spec, specPath: object.specPath, scopeKey: "")
        var entrypoint = spec.str("entrypoint")
        var referenced: TemplateBase? = nil
        var wfTemplateRef: JSONValue? = nil

        if let ref = spec.field("workflowTemplateRef") {
            let at = NodeRef(object: object.id, path: specRef.path / "workflowTemplateRef")
            if !spec.list("templates").isEmpty {
                throw ValidationFailure("Templates is invalid field in spec if workflow referred WorkflowTemplate reference",
                                        at: NodeRef(object: object.id, path: specRef.path / "templates"))
            }
            let target: LintObject
            do {
                target = ref["clusterScope"]?.boolValue == true
                    ? try registry.clusterWorkflowTemplate(named: ref.str("name"))
                    : try registry.workflowTemplate(named: ref.str("name"), namespace: object.namespace)
            } catch {
                if registry.missingTemplates == .skip { return }
                throw ValidationFailure(error.message, at: at)
            }
            referenced = TemplateBase(object: target)
            if entrypoint.isEmpty { entrypoint = target.spec.str("entrypoint") }
            wfTemplateRef = ref
        }
        do {
            try validateFieldNames(spec.list("templates"), kind: .workflowField,
                                   at: NodeRef(object: object.id, path: specRef.path / "templates"))
        } catch { throw joined("spec.templates", error) }

        var wfArgs = spec.field("arguments") ?? .object([:])
        if let r = referenced { wfArgs = mergeArguments(wfArgs, r.spec.field("arguments")) }
        let allowEmpty = options.lint || options.workflowTemplateValidation
        try validateArguments(prefix: "spec.arguments.", wfArgs, allowEmptyValues: allowEmpty,
                              at: NodeRef(object: object.id, path: specRef.path / "arguments"))
        addGlobals(object: object, spec: spec, arguments: wfArgs, referenced: referenced)

        if !options.ignoreEntrypoint && entrypoint.isEmpty {
            throw ValidationFailure("spec.entrypoint is required", at: specRef)
        }
        let entryAt = NodeRef(object: object.id, path: specRef.path / "entrypoint")
        func holder(for name: String, at: NodeRef) -> TemplateHolder {
            guard let ref = wfTemplateRef else { return TemplateHolder(template: name, at: at) }
            var r = ref
            r["template"] = .string(name)
            return TemplateHolder(templateRef: r, at: at)
        }
        if !options.ignoreEntrypoint {
            let args: ArgumentSource = options.workflowTemplateValidation ? .fake : .given(wfArgs)
            try validateTemplateHolder(holder(for: entrypoint, at: entryAt), base: base, args: args)
        }

        var onExit = spec.str("onExit")
        if onExit.isEmpty, let r = referenced { onExit = r.spec.str("onExit") }
        if !onExit.isEmpty {
            globals.insert("workflow.failures")
            try validateTemplateHolder(holder(for: onExit, at: NodeRef(object: object.id, path: specRef.path / "onExit")),
                                       base: base, args: .given(spec.field("arguments")))
        }
        try validateHooks(spec.field("hooks"), prefix: "hooks", at: NodeRef(object: object.id, path: specRef.path / "hooks"))

        let strategy = spec.field("podGC")?.str("strategy") ?? ""
        if !["", "OnPodCompletion", "OnPodSuccess", "OnWorkflowCompletion", "OnWorkflowSuccess"].contains(strategy) {
            throw ValidationFailure("podGC.strategy unknown strategy '\(strategy)'",
                                    at: NodeRef(object: object.id, path: specRef.path / "podGC" / "strategy"))
        }
        if let problem = WorkflowValidator.labelSelectorProblem(spec.field("podGC")?.field("labelSelector")) {
            throw ValidationFailure("podGC.labelSelector invalid: \(problem)",
                                    at: NodeRef(object: object.id, path: specRef.path / "podGC" / "labelSelector"))
        }

        if let r = referenced, let ref = wfTemplateRef {
            for (i, t) in r.spec.list("templates").enumerated() {
                var tr = ref
                tr["template"] = .string(t.str("name"))
                let at = NodeRef(object: r.object.id, path: r.specPath / "templates" / i)
                try wrapping("templates.\(t.str("name"))") { () throws(ValidationFailure) in
                    try validateTemplateHolder(TemplateHolder(templateRef: tr, at: at), base: base, args: .fake)
                }
            }
            return
        }
        for (i, t) in spec.list("templates").enumerated() {
            let at = NodeRef(object: object.id, path: specRef.path / "templates" / i / "name")
            try wrapping("templates.\(t.str("name"))") { () throws(ValidationFailure) in
                try validateTemplateHolder(TemplateHolder(template: t.str("name"), at: at), base: base, args: .fake)
            }
        }
    }

    /// Lifecycle hooks other than `exit` need an expression.
    func validateHooks(_ hooks: JSONValue?, prefix: String, at ref: NodeRef) throws(ValidationFailure) {
        guard let hooks = hooks?.objectValue else { return }
        for (name, hook) in hooks where name != "exit" && hook.str("expression").isEmpty {
            throw ValidationFailure("\(prefix).\(name) Expression required", at: NodeRef(object: ref.object, path: ref.path / name))
        }
    }

    private func addGlobals(object: LintObject, spec: JSONValue, arguments: JSONValue, referenced: TemplateBase?) {
        let params = arguments.list("parameters")
        if !params.isEmpty {
            globals.insert("workflow.parameters")
            globals.insert("workflow.parameters.json")
        }
        for p in params where !p.str("name").isEmpty { globals.insert("workflow.parameters.\(p.str("name"))") }

        var metas: [JSONValue] = [object.metadata]
        if let m = spec.field("workflowMetadata") { metas.append(m) }
        if let m = referenced?.spec.field("workflowMetadata") { metas.append(m) }
        for m in metas {
            for k in m.field("annotations")?.objectValue?.keys ?? [] { globals.insert("workflow.annotations.\(k)") }
            for k in m.field("labels")?.objectValue?.keys ?? [] { globals.insert("workflow.labels.\(k)") }
            for k in m.field("labelsFrom")?.objectValue?.keys ?? [] { globals.insert("workflow.labels.\(k)") }
        }
        for g in ["workflow.annotations", "workflow.annotations.json", "workflow.labels", "workflow.labels.json",
                  "workflow.status"] {
            globals.insert(g)
        }
        if spec.has("priority") { globals.insert("workflow.priority") }
    }
}

/// Argo's `util.MergeParameters`/`MergeArtifacts`: the workflow's own arguments win, the template's fill in.
func mergeArguments(_ own: JSONValue, _ fromTemplate: JSONValue?) -> JSONValue {
    var out = own
    for key in ["parameters", "artifacts"] {
        var list = own.list(key)
        let names = Set(list.map { $0.str("name") })
        for p in fromTemplate?.list(key) ?? [] where !names.contains(p.str("name")) { list.append(p) }
        if !list.isEmpty { out[key] = .array(list) }
    }
    return out
}
