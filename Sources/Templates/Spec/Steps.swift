// Steps templates: `steps` is a list of step groups, each a list of steps that run in parallel.

/// One step of a steps template.
public struct WorkflowStep: Codable, Sendable, Hashable {
    public var name: String?
    public var template: String?
    public var inline: Template?
    public var arguments: Arguments?
    public var templateRef: TemplateRef?
    /// items may be any JSON value
    public var withItems: [JSONValue]?
    public var withParam: String?
    public var withSequence: Sequence?
    public var when: String?
    public var continueOn: ContinueOn?
    /// deprecated: hooks["exit"]
    public var onExit: String?
    public var hooks: [String: LifecycleHook]?

    public init(
        name: String? = nil, template: String? = nil, inline: Template? = nil, arguments: Arguments? = nil,
        templateRef: TemplateRef? = nil, withItems: [JSONValue]? = nil, withParam: String? = nil,
        withSequence: Sequence? = nil, when: String? = nil, continueOn: ContinueOn? = nil, onExit: String? = nil,
        hooks: [String: LifecycleHook]? = nil
    ) {
        self.name = name
        self.template = template
        self.inline = inline
        self.arguments = arguments
        self.templateRef = templateRef
        self.withItems = withItems
        self.withParam = withParam
        self.withSequence = withSequence
        self.when = when
        self.continueOn = continueOn
        self.onExit = onExit
        self.hooks = hooks
    }
}

/// A numeric range to expand a step or task over (`withSequence`).
public struct Sequence: Codable, Sendable, Hashable {
    public var count: IntOrString?
    public var start: IntOrString?
    public var end: IntOrString?
    public var format: String?

    public init(count: IntOrString? = nil, start: IntOrString? = nil, end: IntOrString? = nil, format: String? = nil) {
        self.count = count
        self.start = start
        self.end = end
        self.format = format
    }
}

/// A template run at a lifecycle event (`hooks`: event name or expression name → hook; `exit` is the exit handler).
public struct LifecycleHook: Codable, Sendable, Hashable {
    public var template: String?
    public var arguments: Arguments?
    public var templateRef: TemplateRef?
    public var expression: String?

    public init(
        template: String? = nil, arguments: Arguments? = nil, templateRef: TemplateRef? = nil,
        expression: String? = nil
    ) {
        self.template = template
        self.arguments = arguments
        self.templateRef = templateRef
        self.expression = expression
    }
}

/// A template in a WorkflowTemplate (or ClusterWorkflowTemplate when `clusterScope`).
public struct TemplateRef: Codable, Sendable, Hashable {
    public var name: String?
    public var template: String?
    public var clusterScope: Bool?

    public init(name: String? = nil, template: String? = nil, clusterScope: Bool? = nil) {
        self.name = name
        self.template = template
        self.clusterScope = clusterScope
    }
}

/// A whole WorkflowTemplate (or ClusterWorkflowTemplate) run as the workflow (`workflowTemplateRef`).
public struct WorkflowTemplateRef: Codable, Sendable, Hashable {
    public var name: String?
    public var clusterScope: Bool?

    public init(name: String? = nil, clusterScope: Bool? = nil) {
        self.name = name
        self.clusterScope = clusterScope
    }
}
