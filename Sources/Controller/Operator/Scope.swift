import Templates
import ClusterAPI

/// Parameters in scope: globals (`workflow.*`), a template's inputs, and the outputs of steps/tasks
/// (`steps.X.*`, `tasks.X.*`), as Argo's `wfScope`, `setGlobalParameters` and `ProcessArgs` build them.
extension OperationContext {
    /// Nil, or why a global parameter could not be read from its ConfigMap (the workflow then ends in Error).
    @discardableResult
    func setGlobalParameters() -> String? {
        let meta = snapshot.workflow.metadata
        globalParams["workflow.name"] = wfName
        globalParams["workflow.namespace"] = meta.namespace ?? ""
        globalParams["workflow.uid"] = meta.uid ?? ""
        globalParams["workflow.serviceAccountName"] = spec.serviceAccountName ?? ""
        globalParams["workflow.mainEntrypoint"] = spec.entrypoint ?? ""
        if let created = meta.creationTimestamp {
            globalParams["workflow.creationTimestamp"] = created.rfc3339
            globalParams["workflow.creationTimestamp.s"] = String(Int64(created.time))
        }
        if let started = status.startedAt {
            let end = status.finishedAt ?? now
            globalParams["workflow.duration"] = String(format6(end.time - started.time))
        }
        let params = spec.arguments?.parameters ?? []
        globalParams["workflow.parameters"] = Placeholders.jsonValue(params).compactJSON
        var failure: String?
        for p in params {
            if let from = p.valueFrom, let ref = from.configMapKeyRef, p.value == nil {
                switch configMapParameter(from, ref) {
                case .success(let v): globalParams["workflow.parameters.\(p.name)"] = v
                case .failure(let e):
                    failure = failure ?? "failed to set global parameter \(p.name) from configmap with name \(ref.name ?? "") "
                        + "and key \(ref.key ?? ""): \(e)"
                }
                continue
            }
            globalParams["workflow.parameters.\(p.name)"] = (p.value ?? p.default)?.value ?? ""
        }
        for (k, v) in meta.annotations ?? [:] { globalParams["workflow.annotations.\(k)"] = v }
        for (k, v) in meta.labels ?? [:] { globalParams["workflow.labels.\(k)"] = v }
        for p in status.outputs?.parameters ?? [] {
            globalParams["workflow.outputs.parameters.\(p.name)"] = p.value?.value ?? ""
        }
        return failure
    }

    /// Go's `%f`: six decimals.
    func format6(_ d: Double) -> String {
        let scaled = (d * 1_000_000).rounded()
        let whole = Int64(scaled / 1_000_000)
        var frac = String(Int64(abs(scaled).truncatingRemainder(dividingBy: 1_000_000)))
        while frac.count < 6 { frac = "0" + frac }
        return "\(d < 0 && whole == 0 ? "-" : "")\(whole).\(frac)"
    }

    /// Argo's `common.ProcessArgs` + `SubstituteParams`: binds arguments to input parameters (argument value, else
    /// the input's value, else its default), then substitutes globals, locals and `inputs.*` in the template.
    func processArgs(_ template: Template, args: Arguments?, local: () -> [String: String]) throws -> Template {
        var tmpl = template
        if var inputs = tmpl.inputs, var params = inputs.parameters {
            for i in params.indices {
                var p = params[i]
                if p.value == nil, let d = p.default { p.value = d }
                if let arg = args?.parameters?.first(where: { $0.name == p.name }) {
                    if let v = arg.value { p.value = v } else if arg.valueFrom != nil { p.valueFrom = arg.valueFrom }
                }
                if let from = p.valueFrom, let ref = from.configMapKeyRef {
                    switch configMapParameter(from, ref) {
                    case .success(let v): p.value = AnyString(v)
                    case .failure(let e):
                        throw OperatorError("unable to retrieve inputs.parameters.\(p.name) from ConfigMap: \(e)")
                    }
                } else if p.value == nil && p.valueFrom?.supplied == nil {
                    throw OperatorError("inputs.parameters.\(p.name) was not supplied")
                }
                params[i] = p
            }
            inputs.parameters = params
            tmpl.inputs = inputs
        }
        if let arts = tmpl.inputs?.artifacts, !arts.isEmpty {
            tmpl.inputs?.artifacts = try bindInputArtifacts(arts, args: args)
        }
        // A template without a tag (the usual pod template) comes back as it is: skip building both scopes,
        // which encodes the input parameters to JSON, per task.
        if tagFreeTemplates.contains(tmpl) { return tmpl }
        guard TagScan.needsSubstitution(template: tmpl) else {
            tagFreeTemplates.insert(tmpl)
            return tmpl
        }
        var scope = globalParams
        for (k, v) in local() { scope[k] = v }
        tmpl = try Placeholders.substituteTemplate(tmpl, scope)
        var inputScope: [String: String] = [:]
        for p in tmpl.inputs?.parameters ?? [] {
            if let v = p.value { inputScope["inputs.parameters.\(p.name)"] = v.value }
        }
        inputScope["inputs.parameters"] = Placeholders.jsonValue(tmpl.inputs?.parameters ?? []).compactJSON
        for a in tmpl.inputs?.artifacts ?? [] {
            if let path = a.path { inputScope["inputs.artifacts.\(a.name).path"] = path }
            if a.s3?.key != nil || a.raw != nil, let text = Self.scopeText(a) { inputScope["inputs.artifacts.\(a.name)"] = text }
        }
        for a in tmpl.outputs?.artifacts ?? [] { if let path = a.path { inputScope["outputs.artifacts.\(a.name).path"] = path } }
        for p in tmpl.outputs?.parameters ?? [] {
            if let path = p.valueFrom?.path { inputScope["outputs.parameters.\(p.name).path"] = path }
        }
        return try Placeholders.substituteTemplate(tmpl, inputScope)
    }

    /// Argo's `buildLocalScope`: a node's id, times, status and outputs under `prefix` (`steps.a`, `tasks.b`).
    func addNodeToScope(_ scope: inout [String: String], prefix: String, node original: NodeStatus) {
        var node = original
        if node.type == .retry, let last = node.children?.last, let child = nodes[last] { node = child }
        scope["\(prefix).id"] = node.id
        if let s = node.startedAt { scope["\(prefix).startedAt"] = s.rfc3339 }
        if let f = node.finishedAt { scope["\(prefix).finishedAt"] = f.rfc3339 }
        if let ip = node.podIP { scope["\(prefix).ip"] = ip }
        if let p = node.phase { scope["\(prefix).status"] = p.rawValue }
        addOutputsToScope(&scope, prefix: prefix, outputs: node.outputs)
    }

    func addOutputsToScope(_ scope: inout [String: String], prefix: String, outputs: Outputs?) {
        guard let outputs else { return }
        if prefix != "workflow" {
            if let r = outputs.result { scope["\(prefix).outputs.result"] = r }
            if let c = outputs.exitCode { scope["\(prefix).exitCode"] = c }
        }
        for p in outputs.parameters ?? [] {
            if let v = p.value { scope["\(prefix).outputs.parameters.\(p.name)"] = v.value }
        }
        for a in outputs.artifacts ?? [] {
            if let text = Self.scopeText(a) { scope["\(prefix).outputs.artifacts.\(a.name)"] = text }
        }
    }

    /// Argo's `processAggregateNodeOutputs`: the outputs of a loop's children as JSON lists, in loop order.
    func addAggregatedOutputs(_ scope: inout [String: String], prefix: String, children: [NodeStatus], template: Template?) {
        guard !children.isEmpty else { return }
        let sorted = children.sorted { Loops.index(of: $0.displayName ?? $0.name) < Loops.index(of: $1.displayName ?? $1.name) }
        var paramList: [JSONValue] = []
        var perName: [String: [JSONValue]] = [:]
        var nameOrder: [String] = []
        var results: [JSONValue] = []
        for node in sorted {
            guard let outputs = node.outputs else { continue }
            if let params = outputs.parameters, !params.isEmpty {
                var obj = JSONObject()
                for p in params {
                    let v = p.value?.value ?? ""
                    obj[p.name] = .string(v)
                    if perName[p.name] == nil { nameOrder.append(p.name) }
                    perName[p.name, default: []].append(.string(v))
                }
                obj.sort { $0.key < $1.key }
                paramList.append(.object(obj))
            }
            if let r = outputs.result { results.append(Placeholders.parseJSON(r) ?? .string(r)) }
        }
        if let t = template, t.container != nil || t.script != nil {
            scope["\(prefix).outputs.result"] = JSONValue.array(results).compactJSON
        }
        scope["\(prefix).outputs.parameters"] = JSONValue.array(paramList).compactJSON
        for name in nameOrder { scope["\(prefix).outputs.parameters.\(name)"] = JSONValue.array(perName[name] ?? []).compactJSON }
    }
}
