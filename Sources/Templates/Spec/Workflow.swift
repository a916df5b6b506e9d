// The top-level Argo resources that carry a WorkflowSpec, and WorkflowTaskResult.

/// A Workflow resource.
public struct Workflow: Codable, Sendable, Hashable {
    public var apiVersion: String?
    public var kind: String?
    public var metadata: ObjectMeta
    public var spec: WorkflowSpec
    public var status: WorkflowStatus?

    public init(
        apiVersion: String? = ArgoAPI.version, kind: String? = "Workflow", metadata: ObjectMeta = ObjectMeta(),
        spec: WorkflowSpec = WorkflowSpec(), status: WorkflowStatus? = nil
    ) {
        self.apiVersion = apiVersion
        self.kind = kind
        self.metadata = metadata
        self.spec = spec
        self.status = status
    }

    /// The template with this name: from the spec, then the stored WorkflowTemplate spec, then stored templates
    /// (as Argo's `GetTemplateByName`).
    public func template(named name: String) -> Template? {
        if let t = spec.template(named: name) { return t }
        if let t = status?.storedWorkflowTemplateSpec?.template(named: name) { return t }
        return status?.storedTemplates?.values.first { $0.name == name }
    }
}

/// A WorkflowTemplate resource: a namespaced library of templates, or a whole workflow to submit.
public struct WorkflowTemplate: Codable, Sendable, Hashable {
    public var apiVersion: String?
    public var kind: String?
    public var metadata: ObjectMeta
    public var spec: WorkflowSpec

    public init(
        apiVersion: String? = ArgoAPI.version, kind: String? = "WorkflowTemplate", metadata: ObjectMeta = ObjectMeta(),
        spec: WorkflowSpec = WorkflowSpec()
    ) {
        self.apiVersion = apiVersion
        self.kind = kind
        self.metadata = metadata
        self.spec = spec
    }
}

/// A ClusterWorkflowTemplate resource: a WorkflowTemplate visible from every namespace.
public struct ClusterWorkflowTemplate: Codable, Sendable, Hashable {
    public var apiVersion: String?
    public var kind: String?
    public var metadata: ObjectMeta
    public var spec: WorkflowSpec

    public init(
        apiVersion: String? = ArgoAPI.version, kind: String? = "ClusterWorkflowTemplate",
        metadata: ObjectMeta = ObjectMeta(), spec: WorkflowSpec = WorkflowSpec()
    ) {
        self.apiVersion = apiVersion
        self.kind = kind
        self.metadata = metadata
        self.spec = spec
    }
}

/// A WorkflowTaskResult: what the executor reports for one node (named after the node ID). Go embeds `NodeResult`
/// inline, so `phase`, `message`, `outputs` and `progress` sit at the top level.
public struct WorkflowTaskResult: Codable, Sendable, Hashable {
    public var apiVersion: String?
    public var kind: String?
    public var metadata: ObjectMeta
    public var phase: NodePhase?
    public var message: String?
    public var outputs: Outputs?
    public var progress: String?

    public init(
        apiVersion: String? = ArgoAPI.version, kind: String? = "WorkflowTaskResult", metadata: ObjectMeta = ObjectMeta(),
        phase: NodePhase? = nil, message: String? = nil, outputs: Outputs? = nil, progress: String? = nil
    ) {
        self.apiVersion = apiVersion
        self.kind = kind
        self.metadata = metadata
        self.phase = phase
        self.message = message
        self.outputs = outputs
        self.progress = progress
    }
}

extension WorkflowSpec {
    /// The first template with this name.
    public func template(named name: String) -> Template? {
        templates?.first { $0.name == name }
    }
}
