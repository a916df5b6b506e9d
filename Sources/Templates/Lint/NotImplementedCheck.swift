/// The walk of lint's refusal of what argo-lite does not run (`Unimplemented`): the workflow spec, its volumes and
/// argument artifacts, then each template with its containers, artifacts and inline templates, in that order. The
/// first field found is the finding, as Argo's validation reports the first problem of an object.
extension LintObject {
    func checkImplemented() throws(ValidationFailure) {
        let spec = self.spec
        try check(spec, Unimplemented.workflow, prefix: specPath.description, at: specPath)
        try checkVolumes(spec, prefix: specPath.description, at: specPath)
        try checkArtifacts(spec.field("arguments"), prefix: "\(specPath.description).arguments", at: specPath / "arguments")
        for (i, template) in spec.list("templates").enumerated() {
            try checkTemplate(template, prefix: "templates.\(template.str("name"))", at: specPath / "templates" / i)
        }
    }

    private func check(_ value: JSONValue, _ fields: [UnimplementedField], prefix: String, at path: FieldPath)
        throws(ValidationFailure)
    {
        for field in fields {
            guard let v = value.field(field.key), field.applies(v) else { continue }
            throw ValidationFailure(field.message("\(prefix).\(field.key)"), at: NodeRef(object: id, path: path / field.key))
        }
    }

    private func checkTemplate(_ t: JSONValue, prefix: String, at path: FieldPath) throws(ValidationFailure) {
        try check(t, Unimplemented.template, prefix: prefix, at: path)
        try checkVolumes(t, prefix: prefix, at: path)
        for key in ["inputs", "outputs"] { try checkArtifacts(t.field(key), prefix: "\(prefix).\(key)", at: path / key) }
        for (i, a) in (t.field("inputs")?.list("artifacts") ?? []).enumerated() {
            try check(a, Unimplemented.inputArtifact, prefix: "\(prefix).inputs.artifacts[\(i)]", at: path / "inputs" / "artifacts" / i)
        }
        if let set = t.field("containerSet") {
            try check(set, Unimplemented.containerSet, prefix: "\(prefix).containerSet", at: path / "containerSet")
        }
        if let r = t.field("resource") { try check(r, Unimplemented.resource, prefix: "\(prefix).resource", at: path / "resource") }
        var containers: [(JSONValue, String, FieldPath)] = []
        for key in ["container", "script"] {
            if let c = t.field(key) { containers.append((c, "\(prefix).\(key)", path / key)) }
        }
        for key in ["initContainers", "sidecars"] {
            for (i, c) in t.list(key).enumerated() {
                try check(c, Unimplemented.userContainer, prefix: "\(prefix).\(key)[\(i)]", at: path / key / i)
                containers.append((c, "\(prefix).\(key)[\(i)]", path / key / i))
            }
        }
        for (i, c) in (t.field("containerSet")?.list("containers") ?? []).enumerated() {
            containers.append((c, "\(prefix).containerSet.containers[\(i)]", path / "containerSet" / "containers" / i))
        }
        for (c, name, here) in containers { try checkContainer(c, prefix: name, at: here) }
        // Inline templates of steps and tasks are templates too.
        for (g, group) in t.list("steps").enumerated() {
            for (s, step) in (group.arrayValue ?? group.list("steps")).enumerated() {
                let stepPrefix = "\(prefix).steps[\(g)].\(step.str("name"))"
                try checkArtifacts(step.field("arguments"), prefix: stepPrefix + ".arguments", at: path / "steps" / g / s / "arguments")
                guard let inline = step.field("inline") else { continue }
                try checkTemplate(inline, prefix: stepPrefix + ".inline",
                                  at: path / "steps" / g / s / "inline")
            }
        }
        for (i, task) in (t.field("dag")?.list("tasks") ?? []).enumerated() {
            try checkArtifacts(task.field("arguments"), prefix: "\(prefix).tasks.\(task.str("name")).arguments",
                               at: path / "dag" / "tasks" / i / "arguments")
            guard let inline = task.field("inline") else { continue }
            try checkTemplate(inline, prefix: "\(prefix).tasks.\(task.str("name")).inline", at: path / "dag" / "tasks" / i / "inline")
        }
    }

    private func checkContainer(_ c: JSONValue, prefix: String, at path: FieldPath) throws(ValidationFailure) {
        try check(c, Unimplemented.container, prefix: prefix, at: path)
        for (i, env) in c.list("env").enumerated() {
            for source in Unimplemented.envSources where env.field("valueFrom")?.has(source) == true {
                let field = UnimplementedField(key: source, effect: "the variable \(env.str("name")) would not be set",
                                               fix: "set it with value, configMapKeyRef, secretKeyRef or fieldRef")
                throw ValidationFailure(field.message("\(prefix).env[\(i)].valueFrom.\(source)"),
                                        at: NodeRef(object: id, path: path / "env" / i / "valueFrom" / source))
            }
        }
    }

    private func checkArtifacts(_ holder: JSONValue?, prefix: String, at path: FieldPath) throws(ValidationFailure) {
        for (i, artifact) in (holder?.list("artifacts") ?? []).enumerated() {
            try check(artifact, Unimplemented.artifact, prefix: "\(prefix).artifacts[\(i)]", at: path / "artifacts" / i)
            if let archive = artifact.field("archive") {
                try check(archive, Unimplemented.archive, prefix: "\(prefix).artifacts[\(i)].archive", at: path / "artifacts" / i / "archive")
            }
        }
    }

    private func checkVolumes(_ holder: JSONValue, prefix: String, at path: FieldPath) throws(ValidationFailure) {
        for (i, volume) in holder.list("volumes").enumerated() {
            let keys = volume.objectValue?.keys.filter { $0 != "name" && volume.has($0) } ?? []
            guard let source = keys.first(where: { !Unimplemented.volumeSources.contains($0) }) else { continue }
            let field = UnimplementedField(
                key: source, effect: "the volume \(volume.str("name")) would be an empty folder",
                fix: "use an emptyDir, hostPath, configMap, secret or persistentVolumeClaim volume")
            throw ValidationFailure(field.message("\(prefix).volumes[\(i)].\(source)"),
                                    at: NodeRef(object: id, path: path / "volumes" / i / source))
        }
    }
}

extension Linter {
    /// The refusal lint would make for a stored Workflow (one that did not come through lint: made by a resource
    /// template, or written to the store by other means), or nil when argo-lite runs all of it.
    public static func unimplementedField(inWorkflow value: JSONValue) -> String? {
        do {
            try LintObject(id: 0, kind: .workflow, value: value, indexInFile: 0).checkImplemented()
            return nil
        } catch {
            return error.message
        }
    }
}
