/// Argo's `validateLeaf` (container, script, resource, ... templates), `validateOutputs` and the archive
/// location and metrics checks at the end of `validateTemplate`.
extension WorkflowValidator {
    func validateLeaf(_ t: ResolvedTemplate, scope: VariableScope) throws(ValidationFailure) {
        let tmpl = t.value, name = t.name
        try wrapping("templates.\(name):") { () throws(ValidationFailure) in
            try scope.resolveAll(in: tmpl, globals: globals,
                                 workflowTemplateValidation: options.workflowTemplateValidation, at: t.ref)
        }
        if let container = tmpl.field("container") {
            var mountPaths: [String: String] = [:]
            for (i, m) in container.list("volumeMounts").enumerated() {
                let path = m.str("mountPath")
                if let prev = mountPaths[path] {
                    throw ValidationFailure("templates.\(name).container.volumeMounts[\(i)].mountPath '\(path)' already mounted in \(prev)",
                                            at: NodeRef(object: t.ref.object, path: t.ref.path / "container" / "volumeMounts" / i / "mountPath"))
                }
                mountPaths[path] = "container.volumeMounts.\(m.str("name"))"
            }
            for (i, a) in (tmpl.field("inputs")?.list("artifacts") ?? []).enumerated() {
                let path = a.str("path")
                if let prev = mountPaths[path] {
                    throw ValidationFailure("templates.\(name).inputs.artifacts[\(i)].path '\(path)' already mounted in \(prev)",
                                            at: NodeRef(object: t.ref.object, path: t.ref.path / "inputs" / "artifacts" / i / "path"))
                }
                mountPaths[path] = "inputs.artifacts.\(a.str("name"))"
            }
            if container.str("image").isEmpty && !t.base.defaultImage(for: "container") {
                throw ValidationFailure("templates.\(name).container.image may not be empty", at: t.path("container"))
            }
        }
        if let set = tmpl.field("containerSet") {
            let hasIO = !(tmpl.field("inputs")?.list("artifacts").isEmpty ?? true)
                || !(tmpl.field("outputs")?.list("parameters").isEmpty ?? true)
                || !(tmpl.field("outputs")?.list("artifacts").isEmpty ?? true)
            if hasIO && !set.list("containers").contains(where: { $0.str("name") == "main" }) {
                throw ValidationFailure("templates.\(name).containerSet.containers must have a container named \"main\" for input or output",
                                        at: t.path("containerSet"))
            }
        }
        if let resource = tmpl.field("resource") {
            let action = resource.str("action")
            let resourceRef = NodeRef(object: t.ref.object, path: t.ref.path / "resource")
            if !action.contains("{{") && !["get", "create", "apply", "delete", "replace", "patch"].contains(action) {
                throw ValidationFailure("templates.\(name).resource.action must be one of: get, create, apply, delete, replace, patch",
                                        at: NodeRef(object: resourceRef.object, path: resourceRef.path / "action"))
            }
            if action != "delete" && action != "get" {
                let manifest = resource.str("manifest"), from = resource.field("manifestFrom")
                if manifest.isEmpty && from == nil {
                    throw ValidationFailure("either templates.\(name).resource.manifest or templates.\(name).resource.manifestFrom must be specified", at: resourceRef)
                }
                if !manifest.isEmpty && from != nil {
                    throw ValidationFailure("shouldn't have both `manifest` and `manifestFrom` specified in `Manifest` for resource template", at: resourceRef)
                }
                if let art = from?.field("artifact") {
                    let wanted = art.str("name")
                    if !(tmpl.field("inputs")?.list("artifacts").contains { $0.str("name") == wanted } ?? false) {
                        throw ValidationFailure("artifact \(wanted) in `manifestFrom` refer to a non-exist artifact",
                                                at: NodeRef(object: resourceRef.object, path: resourceRef.path / "manifestFrom"))
                    }
                }
            }
        }
        if let script = tmpl.field("script"), script.str("image").isEmpty, !t.base.defaultImage(for: "script") {
            throw ValidationFailure("templates.\(name).script.image may not be empty", at: t.path("script"))
        }
        if let deadline = tmpl.field("activeDeadlineSeconds") {
            let invalid: Bool
            switch deadline {
            case .int(let i): invalid = i < 0
            case .string(let s): invalid = !(Int(s).map { $0 >= 0 } ?? isParameterReference(s))
            default: invalid = true
            }
            if invalid {
                throw ValidationFailure("templates.\(name).activeDeadlineSeconds must be a positive integer > 0 or an argo variable",
                                        at: t.path("activeDeadlineSeconds"))
            }
        }
        if tmpl.has("parallelism") {
            throw ValidationFailure("templates.\(name).parallelism is only valid for steps and dag templates", at: t.path("parallelism"))
        }
    }

    func validateOutputs(_ t: ResolvedTemplate, scope: VariableScope) throws(ValidationFailure) {
        let tmpl = t.value, name = t.name
        let outputs = tmpl.field("outputs") ?? .null
        let outRef = t.path("outputs")
        func at(_ p: FieldPath) -> NodeRef { NodeRef(object: outRef.object, path: p) }
        let params = outputs.list("parameters"), arts = outputs.list("artifacts")
        do { try validateFieldNames(params, kind: .parameterOrArtifact, at: at(outRef.path / "parameters")) } catch {
            throw error.prefixed("templates.\(name).outputs.parameters")
        }
        do { try validateFieldNames(arts, kind: .parameterOrArtifact, at: at(outRef.path / "artifacts")) } catch {
            throw error.prefixed("templates.\(name).outputs.artifacts")
        }
        try wrapping("templates.\(name).outputs") { () throws(ValidationFailure) in
            try scope.resolveAll(in: outputs, globals: globals,
                                 workflowTemplateValidation: options.workflowTemplateValidation, at: outRef)
        }
        for (i, a) in arts.enumerated() {
            let artRef = "outputs.artifacts.\(a.str("name"))"
            if !tmpl.isLeafTemplate && !a.str("path").isEmpty {
                throw ValidationFailure("templates.\(name).\(artRef).path only valid in container/script templates",
                                        at: at(outRef.path / "artifacts" / i / "path"))
            }
            let global = a.str("globalName")
            if !global.isEmpty && !isParameterReference(global), let e = paramOrArtifactNameErrors(global).first {
                throw ValidationFailure("templates.\(name).\(artRef).globalName: \(e)", at: at(outRef.path / "artifacts" / i / "globalName"))
            }
        }
        let type = tmpl.templateType
        for (i, p) in params.enumerated() {
            let paramRef = "templates.\(name).outputs.parameters.\(p.str("name"))"
            let here = at(outRef.path / "parameters" / i)
            let valueFrom = p.field("valueFrom")
            if valueFrom != nil && p.has("value") {
                throw ValidationFailure("\(paramRef) has both valueFrom and value specified, choose one", at: here)
            }
            if p.has("value") { continue }
            guard let vf = valueFrom else {
                throw ValidationFailure("\(paramRef) does not have valueFrom or value specified", at: here)
            }
            let kinds = ["path", "jqFilter", "jsonPath", "parameter", "expression"].filter { !vf.str($0).isEmpty }.count
                + (vf.has("supplied") ? 1 : 0)
            if kinds == 0 {
                throw ValidationFailure("valueFrom type unspecified. choose one of: path, jqFilter, jsonPath, parameter, raw, expression", at: here)
            }
            if kinds > 1 {
                throw ValidationFailure("multiple valueFrom types specified. choose one of: path, jqFilter, jsonPath, parameter, raw", at: here)
            }
            switch type {
            case "Container", "ContainerSet", "Script":
                if vf.str("path").isEmpty {
                    throw ValidationFailure("\(paramRef).path must be specified for \(type) templates", at: here)
                }
            case "Resource":
                if vf.str("jqFilter").isEmpty && vf.str("jsonPath").isEmpty {
                    throw ValidationFailure("\(paramRef) .jqFilter or jsonPath must be specified for \(type) templates", at: here)
                }
            case "DAG", "Steps":
                if vf.str("parameter").isEmpty && vf.str("expression").isEmpty {
                    throw ValidationFailure("\(paramRef).parameter or expression must be specified for \(type) templates", at: here)
                }
            default: break
            }
            let global = p.str("globalName")
            if !global.isEmpty && !isParameterReference(global), let e = paramOrArtifactNameErrors(global).first {
                throw ValidationFailure("\(paramRef).globalName: \(e)", at: at(here.path / "globalName"))
            }
        }
    }

    /// `archiveLocation` and Prometheus metric checks.
    func validateTemplateExtras(_ t: ResolvedTemplate) throws(ValidationFailure) {
        let name = t.name
        if let git = t.value.field("archiveLocation")?.field("git"), git.str("repo").isEmpty {
            throw ValidationFailure("templates.\(name).archiveLocation.git.repo is required", at: t.path("archiveLocation"))
        }
        for (i, m) in (t.value.field("metrics")?.list("prometheus") ?? []).enumerated() {
            let metric = m.str("name")
            let here = NodeRef(object: t.ref.object, path: t.ref.path / "metrics" / "prometheus" / i)
            let valid = metric.first.map { $0.isASCII && ($0.isLetter || $0 == "_") } == true
                && metric.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") }
            if !valid {
                throw ValidationFailure("templates.\(name) metric name '\(metric)' is invalid. Metric names must contain alphanumeric characters or '_'", at: here)
            }
            if m.str("help").isEmpty {
                throw ValidationFailure("templates.\(name) metric '\(metric)' must contain a help string under 'help: ' field", at: here)
            }
        }
    }
}
