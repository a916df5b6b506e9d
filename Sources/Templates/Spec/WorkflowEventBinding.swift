// WorkflowEventBinding: submits a WorkflowTemplate when an API event matches.

/// A WorkflowEventBinding resource.
public struct WorkflowEventBinding: Codable, Sendable, Hashable {
    public var apiVersion: String?
    public var kind: String?
    public var metadata: ObjectMeta
    public var spec: WorkflowEventBindingSpec

    public init(
        apiVersion: String? = ArgoAPI.version, kind: String? = "WorkflowEventBinding",
        metadata: ObjectMeta = ObjectMeta(), spec: WorkflowEventBindingSpec
    ) {
        self.apiVersion = apiVersion
        self.kind = kind
        self.metadata = metadata
        self.spec = spec
    }
}

/// The event to match and what to submit.
public struct WorkflowEventBindingSpec: Codable, Sendable, Hashable {
    public var event: EventSelector
    public var submit: EventSubmit?

    public init(event: EventSelector, submit: EventSubmit? = nil) {
        self.event = event
        self.submit = submit
    }
}

/// An expression over the event (`payload`, `metadata`, `discriminator`). Named `Event` in Argo.
public struct EventSelector: Codable, Sendable, Hashable {
    public var selector: String

    public init(selector: String) {
        self.selector = selector
    }
}

/// The workflow template to submit, with metadata and arguments. Named `Submit` in Argo.
public struct EventSubmit: Codable, Sendable, Hashable {
    public var workflowTemplateRef: WorkflowTemplateRef
    public var metadata: ObjectMeta?
    public var arguments: Arguments?

    public init(workflowTemplateRef: WorkflowTemplateRef, metadata: ObjectMeta? = nil, arguments: Arguments? = nil) {
        self.workflowTemplateRef = workflowTemplateRef
        self.metadata = metadata
        self.arguments = arguments
    }
}
