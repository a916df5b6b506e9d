/// Finding templates by name and by `templateRef`, as Argo's `templateresolution.Context` does, against the
/// objects given to one lint run (as `argo lint --offline` resolves refs against the files on its command line).

/// The objects of one lint run that `templateRef` and `workflowTemplateRef` may name.
struct TemplateRegistry: Sendable {
    var objects: [LintObject] = []
    /// WorkflowTemplates by namespace, then name.
    var workflowTemplates: [String: [String: Int]] = [:]
    var clusterWorkflowTemplates: [String: Int] = [:]
    /// What to do when a referenced (Cluster)WorkflowTemplate is not among the objects.
    var missingTemplates: MissingTemplatePolicy = .error

    mutating func add(_ object: LintObject) {
        objects.append(object)
        switch object.kind {
        case .workflowTemplate:
            if workflowTemplates[object.namespace, default: [:]][object.name] == nil {
                workflowTemplates[object.namespace, default: [:]][object.name] = object.id
            }
        case .clusterWorkflowTemplate:
            if clusterWorkflowTemplates[object.name] == nil { clusterWorkflowTemplates[object.name] = object.id }
        default: break
        }
    }

    func object(_ id: Int) -> LintObject? { objects.indices.contains(id) ? objects[id] : nil }

    /// Argo's offline getters, with their not-found wording.
    func workflowTemplate(named name: String, namespace: String) throws(ValidationFailure) -> LintObject {
        if let id = workflowTemplates[namespace]?[name], let o = object(id) { return o }
        throw ValidationFailure("couldn't find workflow template \"\(name)\" in namespace \"\(namespace)\"")
    }

    func clusterWorkflowTemplate(named name: String) throws(ValidationFailure) -> LintObject {
        if let id = clusterWorkflowTemplates[name], let o = object(id) { return o }
        throw ValidationFailure("couldn't find cluster workflow template \"\(name)\"")
    }
}

/// Where template names are looked up: the workflow being validated, or a (Cluster)WorkflowTemplate reached
/// through a `templateRef`. `scopeKey` keeps validation results of same-named templates apart.
struct TemplateBase: Sendable {
    var object: LintObject
    var spec: JSONValue
    var specPath: FieldPath
    var scopeKey: String

    init(object: LintObject, spec: JSONValue, specPath: FieldPath, scopeKey: String) {
        self.object = object
        self.spec = spec
        self.specPath = specPath
        self.scopeKey = scopeKey
    }

    init(object: LintObject) {
        let prefix = object.kind == .clusterWorkflowTemplate ? "cluster/" : "namespaced/"
        self.init(object: object, spec: object.spec, specPath: object.specPath, scopeKey: prefix + object.name)
    }

    /// The first template with this name (Argo's `GetTemplateByName`), and where it is.
    func template(named name: String) -> ResolvedTemplate? {
        for (i, t) in spec.list("templates").enumerated() where t.str("name") == name {
            return ResolvedTemplate(value: t, ref: NodeRef(object: object.id, path: specPath / "templates" / i), base: self)
        }
        return nil
    }

    /// Whether `spec.templateDefaults.<type>.image` supplies an image (Argo honours it for Workflows and
    /// WorkflowTemplates, not for ClusterWorkflowTemplates).
    func defaultImage(for type: String) -> Bool {
        guard object.kind != .clusterWorkflowTemplate else { return false }
        return !(spec.field("templateDefaults")?.field(type)?.str("image").isEmpty ?? true)
    }
}

/// A template found for a step, task or entrypoint, with where it is and the base its own references resolve in.
struct ResolvedTemplate: Sendable {
    var value: JSONValue
    var ref: NodeRef
    var base: TemplateBase

    var name: String { value.str("name") }
    func path(_ key: String) -> NodeRef { NodeRef(object: ref.object, path: ref.path / key) }
}

/// What calls a template: a step, a DAG task, the entrypoint or onExit (Argo's `TemplateReferenceHolder`).
struct TemplateHolder {
    var template: String = ""
    var templateRef: JSONValue? = nil
    var inline: JSONValue? = nil
    /// The step or task itself (or the `entrypoint`/`onExit` field), for locations.
    var ref: NodeRef
    /// Where the template's name / templateRef is written.
    var nameRef: NodeRef
    var templateRefRef: NodeRef

    init(step: JSONValue, at ref: NodeRef) {
        template = step.str("template")
        templateRef = step.field("templateRef")
        inline = step.field("inline")
        self.ref = ref
        nameRef = NodeRef(object: ref.object, path: ref.path / "template")
        templateRefRef = NodeRef(object: ref.object, path: ref.path / "templateRef")
    }

    init(template: String, at ref: NodeRef) {
        self.template = template
        self.ref = ref
        nameRef = ref
        templateRefRef = ref
    }

    init(templateRef: JSONValue, at ref: NodeRef) {
        self.templateRef = templateRef
        self.ref = ref
        nameRef = ref
        templateRefRef = ref
    }
}
