/// Argo's `validateSteps`, `addItemsToScope` and `addOutputsToScope`.
extension WorkflowValidator {
    func validateSteps(_ t: ResolvedTemplate, scope: inout VariableScope) throws(ValidationFailure) {
        try validateNonLeaf(t)
        let name = t.name
        var stepNames: Set<String> = []
        for (i, group) in t.value.list("steps").enumerated() {
            // A step group is a list; Argo also accepts `{steps: [...]}`.
            let steps = group.arrayValue ?? group.list("steps")
            for (j, step) in steps.enumerated() {
                let stepRef = NodeRef(object: t.ref.object, path: t.ref.path / "steps" / i / j)
                let stepName = step.str("name")
                let nameRef = NodeRef(object: stepRef.object, path: stepRef.path / "name")
                if stepName.isEmpty {
                    throw ValidationFailure("templates.\(name).steps[\(i)].name is required", at: stepRef)
                }
                if stepNames.contains(stepName) {
                    throw ValidationFailure("templates.\(name).steps[\(i)].name '\(stepName)' is not unique", at: nameRef)
                }
                let errs = workflowFieldNameErrors(stepName)
                if !errs.isEmpty {
                    throw ValidationFailure(
                        "templates.\(name).steps[\(i)].name '\(stepName)' is invalid: \(errs.joined(separator: ";"))", at: nameRef)
                }
                stepNames.insert(stepName)
                scope.insert("steps.\(stepName).status")
                let prefix = "templates.\(name).steps[\(i)].\(stepName)"
                try wrapping(prefix) { () throws(ValidationFailure) in try addItems(of: step, to: &scope, at: stepRef) }
                try validateArguments(prefix: prefix + ".arguments.", step.field("arguments"), allowEmptyValues: false,
                                      at: NodeRef(object: stepRef.object, path: stepRef.path / "arguments"))
                let holder = TemplateHolder(step: step, at: stepRef)
                let resolved = try wrapping(prefix) { () throws(ValidationFailure) in
                    try validateTemplateHolder(holder, base: t.base, args: .fake)
                }
                if hasExitHook(step) { addOutputs(of: resolved, prefix: "steps.\(stepName)", to: &scope) }
                try validateHooks(step.field("hooks"), prefix: prefix, at: NodeRef(object: stepRef.object, path: stepRef.path / "hooks"))

                var stepScope = scope
                for p in step.field("inline")?.field("inputs")?.list("parameters") ?? [] {
                    stepScope.insert("inputs.parameters.\(p.str("name"))")
                }
                try wrapping("templates.\(name).steps") { () throws(ValidationFailure) in
                    try stepScope.resolveAll(in: step, globals: globals,
                                             workflowTemplateValidation: options.workflowTemplateValidation, at: stepRef)
                }
                let aggregate = !step.list("withItems").isEmpty || !step.str("withParam").isEmpty
                addOutputs(of: resolved, prefix: "steps.\(stepName)", to: &scope, aggregate: aggregate)
                // Validate the template again with the step's own arguments.
                try wrapping(prefix) { () throws(ValidationFailure) in
                    try validateTemplateHolder(holder, base: t.base, args: .given(step.field("arguments")))
                }
            }
        }
    }

    func validateNonLeaf(_ t: ResolvedTemplate) throws(ValidationFailure) {
        if t.value.has("activeDeadlineSeconds") {
            throw ValidationFailure("templates.\(t.name).activeDeadlineSeconds is only valid for leaf templates",
                                    at: t.path("activeDeadlineSeconds"))
        }
    }

    func hasExitHook(_ stepOrTask: JSONValue) -> Bool {
        !stepOrTask.str("onExit").isEmpty || stepOrTask.field("hooks")?.has("exit") == true
    }

    /// Argo's `addItemsToScope`: what `{{item...}}` may name inside a looped step or task.
    func addItems(of step: JSONValue, to scope: inout VariableScope, at ref: NodeRef) throws(ValidationFailure) {
        let items = step.list("withItems")
        let param = step.str("withParam")
        let sequence = step.field("withSequence")
        let defined = (items.isEmpty ? 0 : 1) + (param.isEmpty ? 0 : 1) + (sequence == nil ? 0 : 1)
        if defined > 1 {
            throw ValidationFailure("only one of withItems, withParam, withSequence can be specified", at: ref)
        }
        if !items.isEmpty {
            for item in items {
                switch item {
                case .string, .int, .double, .bool: scope.insert("item")
                // The whole item (`{{item}}`, rendered as JSON) is accepted too, as current Argo does.
                case .array(let a): scope.insert("item"); for k in a.indices { scope.insert("item.[\(k)]") }
                case .object(let o): scope.insert("item"); for k in o.keys { scope.insert("item.\(k)") }
                case .null:
                    throw ValidationFailure("unsupported withItems type: {nil}", at: NodeRef(object: ref.object, path: ref.path / "withItems"))
                }
            }
        } else if !param.isEmpty {
            scope.insert("item")
            scope.insert(VariableScope.anyItem)
        } else if let seq = sequence {
            if seq.has("count") && seq.has("end") {
                throw ValidationFailure("only one of count or end can be defined in withSequence",
                                        at: NodeRef(object: ref.object, path: ref.path / "withSequence"))
            }
            scope.insert("item")
        }
    }

    /// Argo's `addOutputsToScope`: what `{{steps.X...}}` / `{{tasks.X...}}` may name once X has run.
    func addOutputs(
        of t: ResolvedTemplate?, prefix: String, to scope: inout VariableScope, aggregate: Bool = false,
        isAncestor: Bool = false
    ) {
        for s in ["id", "startedAt", "finishedAt", "hostNodeName"] { scope.insert("\(prefix).\(s)") }
        guard let tmpl = t?.value else { return }
        if tmpl["daemon"]?.boolValue == true { scope.insert("\(prefix).ip") }
        if tmpl.hasResultOutput {
            scope.insert("\(prefix).outputs.result")
            scope.insert("\(prefix).exitCode")
        }
        let outputs = tmpl.field("outputs") ?? .null
        for p in outputs.list("parameters") {
            scope.insert("\(prefix).outputs.parameters.\(p.str("name"))")
            let global = p.str("globalName")
            if global.isEmpty { continue }
            if isParameterReference(global) {
                scope.insert(VariableScope.anyWorkflowOutputParameter)
            } else {
                scope.insert("workflow.outputs.parameters.\(global)")
                globals.insert("workflow.outputs.parameters.\(global)")
            }
        }
        for a in outputs.list("artifacts") {
            scope.insert("\(prefix).outputs.artifacts.\(a.str("name"))")
            let global = a.str("globalName")
            if global.isEmpty { continue }
            if isParameterReference(global) {
                scope.insert(VariableScope.anyWorkflowOutputArtifact)
            } else {
                scope.insert("workflow.outputs.artifacts.\(global)")
                globals.insert("workflow.outputs.artifacts.\(global)")
            }
        }
        if aggregate {
            switch tmpl.templateType {
            case "Script", "ContainerSet":
                scope.insert("\(prefix).outputs.result")
                scope.insert("\(prefix).exitCode")
                scope.insert("\(prefix).outputs.parameters")
            default:
                scope.insert("\(prefix).outputs.parameters")
            }
        }
        if isAncestor { scope.insert("\(prefix).status") }
    }
}
