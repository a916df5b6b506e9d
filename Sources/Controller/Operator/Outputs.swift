import Templates
import ClusterAPI

/// Outputs: from WorkflowTaskResults onto pod nodes, from steps/tasks scopes onto Steps/DAG nodes
/// (`valueFrom.parameter`, `valueFrom.expression`, `default`), and parameters with a `globalName` onto the
/// workflow's outputs.
extension OperationContext {
    /// Argo's `getTemplateOutputsFromScope`; nil when the template declares no outputs.
    func templateOutputs(_ tmpl: Template, scope: [String: String]) -> Result<Outputs, OperatorError>? {
        guard let declared = tmpl.outputs, !(declared.parameters ?? []).isEmpty || !(declared.artifacts ?? []).isEmpty else {
            return nil
        }
        var outputs = Outputs()
        if let params = declared.parameters, !params.isEmpty {
            var resolved: [Parameter] = []
            for var p in params {
                guard let from = p.valueFrom else {
                    return .failure(OperatorError("output parameters must have a valueFrom specified"))
                }
                var value: String?
                var failure: String?
                if let expression = from.expression, !expression.isEmpty {
                    // Argo's `resolveParameter`: expr-lang over the scope as nested maps; nil is a failure.
                    do throws(Diagnostic) {
                        var full = globalParams
                        for (k, v) in scope { full[k] = v }
                        let result = try ExprProgram.parse(expression).evaluate(Substitution.environment(from: full))
                        if result.isNull { throw Diagnostic("failed to evaluate expression \"\(expression)\"") }
                        if case .string(let s) = result { value = s } else { value = GoText.v(result) }
                    } catch {
                        failure = error.message
                    }
                } else if let ref = from.parameter, !ref.isEmpty {
                    var key = ref.trimmingSpaces
                    if key.hasPrefix("{{") && key.hasSuffix("}}") { key = String(key.dropFirst(2).dropLast(2)).trimmingSpaces }
                    value = scope[key] ?? (key.hasPrefix("workflow.") ? globalParams[key] : nil)
                    if value == nil && !key.hasPrefix("steps.") && !key.hasPrefix("tasks.") && !key.hasPrefix("workflow.") {
                        let replaced = try? Placeholders.replace(ref, scope)
                        value = (replaced?.contains("{{") ?? true) ? nil : replaced
                    }
                    if value == nil { failure = "Unable to resolve: \(ref.hasPrefix("{{") ? ref : "{{\(ref)}}")" }
                } else {
                    value = ""
                }
                if value == nil {
                    guard let d = from.default else { return .failure(OperatorError(failure ?? "")) }
                    value = d.value
                }
                p.value = AnyString(value ?? "")
                p.valueFrom = nil
                resolved.append(p)
            }
            outputs.parameters = resolved
        }
        for declared in tmpl.outputs?.artifacts ?? [] {
            switch resolveOutputArtifact(declared, scope: scope) {
            case .failure(let error): return .failure(error)
            case .success(let artifact?): outputs.artifacts = (outputs.artifacts ?? []) + [artifact]
            case .success(nil): continue
            }
        }
        return .success(outputs)
    }

    /// Argo's `addOutputsToGlobalScope`: parameters with a `globalName` become `workflow.outputs.parameters.<name>`.
    func addOutputsToGlobalScope(_ outputs: Outputs?) {
        guard let outputs else { return }
        for p in outputs.parameters ?? [] {
            guard let g = p.globalName, !g.isEmpty, let v = p.value else { continue }
            globalParams["workflow.outputs.parameters.\(g)"] = v.value
            var wfOutputs = status.outputs ?? Outputs()
            var params = wfOutputs.parameters ?? []
            if let i = params.firstIndex(where: { $0.name == g }) {
                if params[i].value == v { continue }
                params[i].value = v
            } else {
                params.append(Parameter(name: g, value: v))
            }
            wfOutputs.parameters = params
            status.outputs = wfOutputs
        }
        for a in outputs.artifacts ?? [] {
            guard let g = a.globalName, !g.isEmpty else { continue }
            var art = a
            art.name = g
            art.globalName = nil
            art.path = nil
            if let text = Self.scopeText(art) { globalParams["workflow.outputs.artifacts.\(g)"] = text }
            var wfOutputs = status.outputs ?? Outputs()
            var arts = wfOutputs.artifacts ?? []
            if let i = arts.firstIndex(where: { $0.name == g }) {
                if arts[i] == art { continue }
                arts[i] = art
            } else {
                arts.append(art)
            }
            wfOutputs.artifacts = arts
            status.outputs = wfOutputs
        }
    }

    /// Copies a WorkflowTaskResult's outputs (and progress) onto its node.
    func applyTaskResult(_ id: String) {
        guard let result = snapshot.taskResults[id], var node = nodes[id] else { return }
        var touched = false
        if let outputs = result.outputs {
            var merged = outputs
            if merged.exitCode == nil { merged.exitCode = node.outputs?.exitCode }
            if node.outputs != merged { node.outputs = merged; touched = true }
        }
        if let p = result.progress, !node.fulfilled, node.progress != p { node.progress = p; touched = true }
        if touched { store(node) }
        addOutputsToGlobalScope(node.outputs)
    }
}
